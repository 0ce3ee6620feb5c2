import CTaper

/// Owns one taper_database handle.
///
/// @unchecked Sendable: the C ABI allows any number of threads to read one database at once;
/// the only changes (overlays) are made by `Database`'s mutating methods, which copy the
/// storage first unless it is uniquely referenced (copy on write), so a storage that two
/// values or two threads can see is never changed.
final class DatabaseStorage: @unchecked Sendable {
    let raw: OpaquePointer

    init(raw: OpaquePointer) { self.raw = raw }
    deinit { taper_database_free(raw) }

    func clone() throws(TaperError) -> DatabaseStorage {
        var copy: OpaquePointer? = nil
        try check { taper_database_clone(&copy, raw, $0) }
        return DatabaseStorage(raw: copy!)
    }
}

/// The drug database: the reviewed data embedded in the library, plus your own formulary
/// laid over it. A value (copy on write), like the C++ `taper::database`: copies are cheap
/// and independent, and a `Database` may be shared freely between threads and tasks.
///
///     var db = try Database.embedded
///     try db.overlay(json: myFormulary, origin: "clinic.json")
///     let name = try db.lookup("Cipramil")          // "citalopram"
///     let plan = try db.plan(request, strategy: .hyperbolic(points: 5))
public struct Database: Sendable {
    var storage: DatabaseStorage

    init(storage: DatabaseStorage) { self.storage = storage }

    /// The reviewed default data compiled into the library. Made once, shared by every value
    /// obtained here (an overlay on one of them copies it first).
    public static var embedded: Database {
        get throws(TaperError) { try embeddedDatabase.get() }
    }

    /// A database with no drugs (fill it with overlays).
    public static func empty() throws(TaperError) -> Database {
        try ensureABI()
        var raw: OpaquePointer? = nil
        try check { taper_database_create_empty(&raw, $0) }
        return Database(storage: DatabaseStorage(raw: raw!))
    }

    static func makeEmbedded() throws(TaperError) -> Database {
        try ensureABI()
        var raw: OpaquePointer? = nil
        try check { taper_database_create_embedded(&raw, $0) }
        return Database(storage: DatabaseStorage(raw: raw!))
    }

    private mutating func makeUnique() throws(TaperError) {
        if !isKnownUniquelyReferenced(&storage) { storage = try storage.clone() }
    }

    // MARK: Overlays

    /// Lays a formulary (taper-formulary JSON, docs/drug-data.md) over this database.
    /// `origin` names it in messages. TaperError.formulary naming the origin, drug and
    /// field; on error the database is unchanged.
    public mutating func overlay(json: String, origin: String = "<string>") throws(TaperError) {
        try makeUnique()
        let raw = storage.raw
        try check { taper_database_overlay_json(raw, json, origin, $0) }
    }

    /// The same, reading a file (an unreadable file is TaperError.formulary too).
    public mutating func overlay(file path: String) throws(TaperError) {
        try makeUnique()
        let raw = storage.raw
        try check { taper_database_overlay_file(raw, path, $0) }
    }

    /// A copy of this database with the formulary laid over it.
    public func overlaid(json: String, origin: String = "<string>") throws(TaperError) -> Database {
        var copy = self
        try copy.overlay(json: json, origin: origin)
        return copy
    }

    // MARK: Look-ups

    /// Number of drugs.
    public var count: Int {
        get throws(TaperError) {
            let n = taper_database_count(storage.raw)
            return n
        }
    }

    /// Every drug's canonical (lower-case generic) name, in the database's order.
    public var drugNames: [String] {
        get throws(TaperError) {
            var names: [String] = []
            for index in 0..<(try count) {
                var name: UnsafePointer<CChar>? = nil
                try check { taper_database_name(storage.raw, &name, index, $0) }
                names.append(string(name))
            }
            return names
        }
    }

    /// The canonical name for a name, alias or brand, any case: "Cipramil" -> "citalopram".
    /// TaperError.unknownDrug with "did you mean" suggestions.
    public func lookup(_ query: String) throws(TaperError) -> String {
        var name: UnsafePointer<CChar>? = nil
        try check { taper_database_lookup(storage.raw, &name, query, $0) }
        return string(name)
    }

    /// Everything the database holds about one drug, as JSON (layout in docs/c-api.md), each
    /// value with its provenance. TaperError.unknownDrug.
    public func drugJSON(_ drug: String) throws(TaperError) -> String {
        var json: UnsafeMutablePointer<CChar>? = nil
        try check { taper_database_drug_json(storage.raw, &json, drug, $0) }
        return take(json)
    }

    /// Who can help people coming off `drug` (nil: every organisation) in `country` ("uk",
    /// "us", "hk", "online"; nil: any), as a JSON list (layout in docs/c-api.md): the drug's
    /// own organisations first, each with its source and the source's date.
    /// TaperError.unknownDrug, .invalidArgument (another country).
    public func supportJSON(for drug: String? = nil, country: String? = nil) throws(TaperError) -> String {
        var json: UnsafeMutablePointer<CChar>? = nil
        try check { taper_support_json(storage.raw, &json, drug, country, $0) }
        return take(json)
    }

    /// Receptor occupancy (%) of `drug` at a daily dose, with the model `model` (nil: the
    /// drug's default). TaperError.unknownDrug, .missingData (no usable model),
    /// .invalidArgument (a negative or non-finite dose).
    public func occupancy(of drug: String, at dailyDose: Mass, model: String? = nil) throws(TaperError) -> Double {
        var percent = 0.0
        try check { taper_database_occupancy(storage.raw, &percent, drug, model, dailyDose.milligrams, $0) }
        return percent
    }

    /// The daily dose giving `occupancyPercent` with the model (nil: the default).
    /// TaperError.invalidArgument unless 0 <= occupancy < Emax.
    public func dose(of drug: String, forOccupancy occupancyPercent: Double, model: String? = nil)
        throws(TaperError) -> Mass
    {
        var mg = 0.0
        try check { taper_database_dose_for_occupancy(storage.raw, &mg, drug, model, occupancyPercent, $0) }
        return .mg(mg)
    }

    // MARK: Conversions

    /// Converts a dose between two formulations of one drug (`from`, `to`: a formulation id,
    /// or a form name when the drug has one such formulation); `toStrength` picks one
    /// strength of the target. TaperError.unknownDrug, .plan, .missingData, .parse,
    /// .invalidArgument for forms or doses that do not convert.
    ///
    ///     try db.convertForm("citalopram", dose: .mg(10), from: "tablet", to: "drops-40mg-ml")
    ///     // 10 mg as tablet = 8 mg as drops (40 mg/mL) = 0.2 mL = 4 drops
    public func convertForm(_ drug: String, dose: Mass, from: String, to: String,
                            toStrength: Concentration? = nil) throws(TaperError) -> FormConversion
    {
        var c = taper_form_conversion()
        c.struct_size = UInt32(MemoryLayout<taper_form_conversion>.size)
        var text: UnsafeMutablePointer<CChar>? = nil
        var equivalence: UnsafeMutablePointer<CChar>? = nil
        let strength = toStrength?.milligramsPerMillilitre ?? 0
        try check {
            taper_convert_form(&c, &text, &equivalence, storage.raw, drug, dose.milligrams, from, to, strength, $0)
        }
        return FormConversion(
            fromLabelled: .mg(c.from_labelled_mg), toLabelled: .mg(c.to_labelled_mg),
            bioavailabilityRatio: c.bioavailability_ratio,
            toVolume: known(c.to_volume_ml).map(Volume.mL), toDrops: known(c.to_drops),
            toTablets: known(c.to_tablets), equivalence: take(equivalence), text: take(text))
    }

    /// The equivalent dose of `to` for `dose` of `from` through diazepam equivalents in
    /// `table`; a range needs `useHighEnd` chosen (false: the low end).
    /// TaperError.missingData for unknown equivalents, .unknownDrug, .plan, .invalidArgument.
    public func classEquivalent(from: String, dose: Mass, to: String, table: String = "ashton",
                                useHighEnd: Bool = false) throws(TaperError) -> ClassEquivalent
    {
        var e = taper_class_equivalent()
        e.struct_size = UInt32(MemoryLayout<taper_class_equivalent>.size)
        var text: UnsafeMutablePointer<CChar>? = nil
        try check {
            taper_class_equivalent_dose(&e, &text, storage.raw, from, dose.milligrams, to, table,
                                        useHighEnd ? 1 : 0, $0)
        }
        return ClassEquivalent(dose: .mg(e.dose_mg), diazepamEquivalent: .mg(e.diazepam_equivalent_mg),
                               table: table, text: take(text))
    }
}

private let embeddedDatabase: Result<Database, TaperError> = {
    do throws(TaperError) {
        return .success(try Database.makeEmbedded())
    } catch {
        return .failure(error)
    }
}()

/// A dose converted between two formulations of one drug.
public struct FormConversion: Sendable, Hashable {
    /// mg on the label of the source form.
    public var fromLabelled: Mass
    /// mg on the label of the target form with the same effect.
    public var toLabelled: Mass
    /// Source ÷ target bioavailability (relative to tablets).
    public var bioavailabilityRatio: Double
    /// Liquids and drops.
    public var toVolume: Volume?
    /// Drops, where the drop size is known.
    public var toDrops: Double?
    /// Tablets of one strength, where asked.
    public var toTablets: Double?
    /// The bioavailability equivalence used, with its source ("" when none was needed).
    public var equivalence: String
    /// "10 mg as tablet = 8 mg as drops (40 mg/mL) = 0.2 mL = 4 drops".
    public var text: String
}

/// An equivalent dose between two benzodiazepines / z-drugs.
public struct ClassEquivalent: Sendable, Hashable {
    /// Of the target drug.
    public var dose: Mass
    /// The common currency.
    public var diazepamEquivalent: Mass
    public var table: String
    /// "1 mg alprazolam ≈ 20 mg diazepam ≈ 2 mg lorazepam (ashton: ...)".
    public var text: String
}
