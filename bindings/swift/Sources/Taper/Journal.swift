import CTaper

// The person in the loop (docs/journal.md, docs/assessment.md): a taper journal, the
// withdrawal-or-relapse assessment and replanning, over the C ABI's taper_journal,
// taper_assess and taper_replan. Decision support, never a diagnosis.

final class JournalHandle: @unchecked Sendable {
    let raw: OpaquePointer
    init(raw: OpaquePointer) { self.raw = raw }
    deinit { taper_journal_free(raw) }
}

/// An entry left out while reading a journal: which entry (nil: the journal as a whole),
/// which field, the value as given, its code (740-749) and a sentence.
public struct JournalProblem: Sendable {
    public var entry: Int?
    public var field: String
    public var input: String
    public var code: MessageCode
    public var text: String
}

/// A taper journal read from JSON or CSV. The library keeps no state: store the text.
public struct Journal: Sendable {
    public let problems: [JournalProblem]
    public let entryCount: Int
    let handle: JournalHandle

    public static func fromJSON(_ text: String) throws(TaperError) -> Journal { try read(text, csv: false) }
    public static func fromCSV(_ text: String) throws(TaperError) -> Journal { try read(text, csv: true) }

    static func read(_ text: String, csv: Bool) throws(TaperError) -> Journal {
        var raw: OpaquePointer? = nil
        var count: Int = 0
        if csv {
            try check { taper_journal_from_csv(&raw, &count, text, $0) }
        } else {
            try check { taper_journal_from_json(&raw, &count, text, $0) }
        }
        let handle = JournalHandle(raw: raw!)
        var problems: [JournalProblem] = []
        for index in 0..<count {
            var p = taper_journal_problem_info()
            p.struct_size = UInt32(MemoryLayout<taper_journal_problem_info>.size)
            try check { taper_journal_problem(handle.raw, &p, index, $0) }
            problems.append(JournalProblem(
                entry: p.entry < 0 ? nil : Int(p.entry), field: String(cString: p.field),
                input: String(cString: p.input), code: MessageCode(rawValue: p.code), text: String(cString: p.text)))
        }
        let entries = taper_journal_entry_count(handle.raw)
        return Journal(problems: problems, entryCount: entries, handle: handle)
    }

    public func json() throws(TaperError) -> String {
        var text: UnsafeMutablePointer<CChar>? = nil
        try check { taper_journal_to_json(handle.raw, &text, $0) }
        return take(text)
    }

    public func csv() throws(TaperError) -> String {
        var text: UnsafeMutablePointer<CChar>? = nil
        try check { taper_journal_to_csv(handle.raw, &text, $0) }
        return take(text)
    }
}

/// The latest period's verdict (taper_verdict).
public enum Verdict: Int32, Sendable {
    case noTroublingSymptoms = 0
    case consistentWithWithdrawal = 1
    case consistentWithRelapse = 2
    case unclear = 3
}

/// What a replan does (taper_replan_action).
public enum ReplanAction: Int32, Sendable {
    case continuePlan = 0
    case hold = 1
    case goBack = 2
    case slowDown = 3
    case resume = 4
}

/// The assessment of a journal against its plan: the verdict, whether a red flag means
/// "seek help now", and every reason with its source as JSON (docs/assessment.md).
public struct Assessment: Sendable {
    public var latest: Verdict
    public var seekHelpNow: Bool
    public var json: String
}

extension Database {
    /// Assesses `journal` against `schedule` (decision support, never a diagnosis).
    public func assess(_ schedule: Schedule, journal: Journal) throws(TaperError) -> Assessment {
        var verdict: Int32 = 0
        var seek: Int32 = 0
        var text: UnsafeMutablePointer<CChar>? = nil
        try check { taper_assess(&verdict, &seek, &text, schedule.handle.raw, journal.handle.raw, $0) }
        return Assessment(latest: Verdict(rawValue: verdict) ?? .unclear, seekHelpNow: seek != 0, json: take(text))
    }

    /// A new plan from `today`, from `schedule` and its journal, planned by `strategy` (the one
    /// the plan was made with). Its first messages say why (docs/journal.md, "Replanning").
    public func replan(_ schedule: Schedule, journal: Journal, strategy: Strategy, action: ReplanAction,
                       today: CalendarDate, tolerableDays: Double = 7) throws(TaperError) -> Schedule
    {
        let registry = try StrategyRegistry.shared()
        let options = try OptionsHandle(strategy.options, strategy: strategy.name, registry: registry.raw)
        var raw: OpaquePointer? = nil
        var day = taper_date()
        day.year = Int32(today.year)
        day.month = Int32(today.month)
        day.day = Int32(today.day)
        defer { withExtendedLifetime((registry, options)) {} }
        try check {
            taper_replan(&raw, storage.raw, schedule.handle.raw, journal.handle.raw, nil, strategy.name, options.raw,
                         action.rawValue, day, tolerableDays, $0)
        }
        return try Schedule(handle: ScheduleHandle(raw: raw!), request: schedule.request, database: self)
    }
}

/// Patient pacing (docs/journal.md): whether the next cut is offered today, and to what dose.
public struct NextCutOffer: Sendable {
    /// The journal has been tolerable (nothing moderate or worse, no red flag) long enough.
    public var ready: Bool
    /// How long it has been tolerable, up to today.
    public var tolerableDays: Double
    /// The daily dose now.
    public var current: Mass
    /// The next daily dose offered (the current one when not ready), lowered if asked.
    public var offered: Mass
    /// The coded reasons (766-768) as JSON, each {code, id, severity, params, text}.
    public var reasonsJSON: String
}

/// A plan for several drugs, one at a time (docs/journal.md, "Several drugs"): the plans,
/// the interaction notes and the combined calendar as JSON.
public struct SeveralDrugsPlan: Sendable {
    public var planCount: Int
    public var json: String
}

extension Database {
    /// Offers the next cut of `schedule` only when `journal` has been tolerable for
    /// `tolerableDays`; `shareOfCut` (0 < share <= 1) is the share of the planned cut the
    /// person chooses. TaperError.plan for a share outside (0, 1].
    public func offerNextCut(_ schedule: Schedule, journal: Journal, today: CalendarDate, tolerableDays: Double = 7,
                             shareOfCut: Double = 1) throws(TaperError) -> NextCutOffer
    {
        var offer = taper_next_cut_offer()
        offer.struct_size = UInt32(MemoryLayout<taper_next_cut_offer>.size)
        var text: UnsafeMutablePointer<CChar>? = nil
        var day = taper_date()
        day.year = Int32(today.year)
        day.month = Int32(today.month)
        day.day = Int32(today.day)
        try check {
            taper_offer_next_cut(&offer, &text, schedule.handle.raw, journal.handle.raw, day, tolerableDays, shareOfCut, $0)
        }
        return NextCutOffer(ready: offer.ready != 0, tolerableDays: offer.tolerable_days, current: .mg(offer.current_mg),
                            offered: .mg(offer.offered_mg), reasonsJSON: take(text))
    }

    /// Plans several drugs one at a time, in the order of `courses` (the person's and the
    /// prescriber's choice), `gapDays` apart (no published figure: no default). Built-in
    /// strategies only.
    public func planSeveral(_ courses: [(request: PlanRequest, strategy: Strategy)], start: CalendarDate,
                            gapDays: Double) throws(TaperError) -> SeveralDrugsPlan
    {
        let registry = try StrategyRegistry.shared()
        var day = taper_date()
        day.year = Int32(start.year)
        day.month = Int32(start.month)
        day.day = Int32(start.day)
        var made: OpaquePointer? = nil
        try check { taper_several_request_create(&made, day, gapDays, $0) }
        let several = made!
        defer { taper_several_request_free(several) }
        for course in courses {
            let request = try RequestHandle(course.request)
            let options = try OptionsHandle(course.strategy.options, strategy: course.strategy.name, registry: registry.raw)
            defer { withExtendedLifetime((request, options)) {} }
            try check { taper_several_request_add(several, request.raw, nil, course.strategy.name, options.raw, $0) }
        }
        var text: UnsafeMutablePointer<CChar>? = nil
        var count = 0
        defer { withExtendedLifetime(registry) {} }
        try check { taper_plan_several(&text, &count, storage.raw, several, $0) }
        return SeveralDrugsPlan(planCount: count, json: take(text))
    }
}
