// The people-facing outputs through the Swift binding: each format is produced, and carries
// what the C++ tests check in detail (tests/unit/io).
import Foundation
import Taper
import Testing

@Suite("iCalendar, FHIR, SVG and HTML")
struct OutputsTests {
    let db: Database
    init() throws { db = try Database.embedded }

    @Test("A plan in every format")
    func planOutputs() throws {
        let s = try db.plan(citalopram20(), strategy: .hyperbolic(points: 5))
        // 86400 s after 1970-01-01 00:00 UTC is 1970-01-02 00:00 UTC.
        let ics = try s.ics(reminders: true, stampUnixSeconds: 86400)
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count - 1 == s.steps.count)
        #expect(ics.contains("DTSTAMP:19700102T000000Z\r\n"))
        #expect(ics.contains("BEGIN:VALARM"))

        let fhir = try s.fhir()
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(fhir.utf8)) as? [String: Any])
        #expect(bundle["resourceType"] as? String == "Bundle")
        let entries = try #require(bundle["entry"] as? [[String: Any]])
        let request = try #require(entries.first?["resource"] as? [String: Any])
        #expect(request["resourceType"] as? String == "MedicationRequest")
        let dosages = try #require(request["dosageInstruction"] as? [[String: Any]])
        #expect(dosages.count == s.steps.count)  // one dose-time ("daily") per step

        #expect(try s.svg().hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let html = try s.html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<tr").count - 1 == s.steps.count + 1)
    }

    @Test("A realization in every format says how to take each step")
    func realizationOutputs() throws {
        let s = try db.plan(citalopram20(), strategy: .hyperbolic(points: 5))
        let forms = try Forms.parse("10 mg tablet, 2 mg/mL liquid", drug: "citalopram", in: db)
        let r = try s.realize(using: forms)
        #expect(try r.ics().contains("BEGIN:VEVENT"))
        #expect(try r.fhir().contains("mL of 2 mg/mL liquid"))
        #expect(try r.svg().contains("class=\"target\""))
        #expect(try r.html().contains("How to take it"))
    }
}
