// Versions, the ABI check, errors, parsing, the database.
@testable import Taper
import Testing

@Suite("Library, errors and the database")
struct LibraryTests {
    @Test("The loaded library has the ABI version the binding was written for")
    func abiVersion() throws {
        try TaperLibrary.checkABI()
        #expect(TaperLibrary.abiVersion == TaperLibrary.bindingABIVersion)
        #expect(TaperLibrary.headerABIVersion == TaperLibrary.bindingABIVersion)
        #expect(TaperLibrary.version.split(separator: ".").count == 3)
    }

    @Test("A mismatched ABI version is refused with a message naming both versions")
    func abiMismatch() throws {
        let wrong = TaperLibrary.bindingABIVersion + 1
        let error = TaperLibrary.abiCheck(expected: wrong)
        guard case .abiMismatch(let message, _)? = error else {
            Issue.record("expected TaperError.abiMismatch, got \(String(describing: error))")
            return
        }
        #expect(message.contains("\(wrong)"), "\(message)")
        #expect(message.contains("\(TaperLibrary.abiVersion)"), "\(message)")
        #expect(error?.statusName == "TAPER_ERROR_ABI_MISMATCH")
    }

    @Test("Every pinned status maps to its case and back")
    func statuses() {
        for code in Int32(1)...12 {
            let error = TaperError(code: code, message: "m")
            #expect(error.code == code)
            #expect(error.message == "m")
            #expect(error.statusName.hasPrefix("TAPER_ERROR_"), "\(error.statusName)")
        }
        #expect(TaperError(code: 99, message: "x") == .unknown(code: 99, message: "x"))
        #expect(TaperError.parse("bad").description == "TAPER_ERROR_PARSE: bad")
    }

    @Test("Quantities and dates parse with the library's parser")
    func parsing() throws {
        #expect(try Mass(parsing: "500 mcg") == .mg(0.5))
        #expect(try Mass(parsing: "1 g") == .mg(1000))
        #expect(try Volume(parsing: "2.5 mL") == .mL(2.5))
        #expect(try Concentration(parsing: "10 mg/5 mL") == .mgPerML(2))
        #expect(try parseDays("4 weeks") == 28)
        #expect(try CalendarDate(parsing: "2026-12-01") == CalendarDate(year: 2026, month: 12, day: 1))
        #expect(CalendarDate(year: 2026, month: 2, day: 3).description == "2026-02-03")
        #expect(Mass.mg(11.8876).description == "11.8876 mg")

        let massError = expectTaperError { _ = try Mass(parsing: "5 kg/m") }
        #expect(massError?.code == 2)
        #expect(massError?.message.contains("5 kg/m") == true, "\(String(describing: massError))")
        let dateError = expectTaperError { _ = try CalendarDate(parsing: "2026-02-30") }
        #expect(dateError?.code == 2)
    }

    @Test("Look-up by brand, occupancy from the model")
    func lookup() throws {
        let db = try Database.embedded
        #expect(try db.lookup("Cipramil") == "citalopram")
        #expect(try db.lookup("  CITALOPRAM ") == "citalopram")
        #expect(try db.count > 10)
        #expect(try db.drugNames.contains("citalopram"))
        #expect(try db.drugJSON("citalopram").contains("sert-striatum-sorensen2022"))
        // Mind (July 2016) names the Seroxat & SSRI User Group for paroxetine.
        #expect(try db.supportJSON(for: "paroxetine").contains("seroxat-ssri-user-group"))
        #expect(try db.supportJSON(country: "hk").contains("mind-hk-iact"))
        // occ(20) = 83.98 · 20 / 22.33; dose(60 %) = 2.33 · 60 / 23.98.
        #expect(near(try db.occupancy(of: "citalopram", at: .mg(20)), Sorensen2022.occupancy(20), 1e-9))
        #expect(near(try db.dose(of: "citalopram", forOccupancy: 60).milligrams, Sorensen2022.dose(60), 1e-9))

        let unknown = expectTaperError { _ = try db.lookup("citalopramm") }
        guard case .unknownDrug(let message, _)? = unknown else {
            Issue.record("expected TaperError.unknownDrug, got \(String(describing: unknown))")
            return
        }
        #expect(message.contains("citalopram"), "\(message)")
        let noModel = expectTaperError { _ = try db.occupancy(of: "mirtazapine", at: .mg(30)) }
        #expect(noModel?.code == 4)
        let negative = expectTaperError { _ = try db.occupancy(of: "citalopram", at: .mg(-1)) }
        #expect(negative?.code == 1)
    }

    @Test("An overlay changes a copy only (copy on write), and a bad one changes nothing")
    func overlay() throws {
        let original = try Database.embedded
        var local = original
        try local.overlay(json: """
            { "format": "taper-formulary", "version": 1, "drugs": [
              { "name": "citalopram", "brand_names": ["Localbrand"] } ] }
            """, origin: "local.json")
        #expect(try local.lookup("Localbrand") == "citalopram")
        #expect(expectTaperError { _ = try original.lookup("Localbrand") }?.code == 3)
        #expect(expectTaperError { _ = try Database.embedded.lookup("Localbrand") }?.code == 3)

        let before = try local.count
        let bad = expectTaperError {
            try local.overlay(json: #"{ "format": "taper-formulary", "version": 1, "drugs": [ { "name": "x", "strenght": 1 } ] }"#,
                              origin: "bad.json")
        }
        guard case .formulary(let message, _)? = bad else {
            Issue.record("expected TaperError.formulary, got \(String(describing: bad))")
            return
        }
        #expect(message.contains("bad.json"), "\(message)")
        #expect(try local.count == before)
        #expect(expectTaperError { try local.overlay(file: "/nonexistent/formulary.json") }?.code == 5)

        let empty = try Database.empty()
        #expect(try empty.count == 0)
    }

    @Test("A bad request names the field")
    func badRequest() throws {
        let db = try Database.embedded
        var r = citalopram20()
        r.dailyDose = .mg(-5)
        let error = expectTaperError { try r.validate(in: db) }
        #expect(error?.code == 6)
        #expect(error?.message.isEmpty == false)
        var unknown = citalopram20()
        unknown.drug = "nosuchdrug"
        #expect(expectTaperError { _ = try db.plan(unknown, strategy: .proportional()) }?.code == 3)
        #expect(expectTaperError { _ = try db.plan(citalopram20(), strategy: .named("no-such-strategy")) }?.code == 7)
        try citalopram20().validate(in: db)
    }
}
