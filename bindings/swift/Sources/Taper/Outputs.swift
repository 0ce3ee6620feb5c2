// The people-facing outputs (docs/output-formats.md): iCalendar, FHIR R4, the SVG chart and
// the printable HTML page, exactly as the library writes them (of a plan, a realization, and
// a simulation drawn over its plan).
// The binding needs no Foundation, so times are seconds since 1970-01-01 00:00 UTC.
import CTaper

extension Schedule {
    /// An iCalendar file (RFC 5545): one all-day event per step; with `reminders`, a daily
    /// event per step with an alarm at each dose-time. `stampUnixSeconds`: every event's
    /// DTSTAMP in seconds since 1970-01-01 00:00 UTC (nil: now; set it for a file that is the
    /// same every time).
    public func ics(reminders: Bool = false, stampUnixSeconds: Int64? = nil) throws(TaperError) -> String {
        var text: UnsafeMutablePointer<CChar>? = nil
        let seconds = stampUnixSeconds ?? 0
        try check { taper_schedule_to_ics(handle.raw, &text, reminders ? 1 : 0, seconds, $0) }
        return take(text)
    }

    /// A FHIR R4 Bundle of MedicationRequests (JSON) whose dosageInstruction is the plan.
    public func fhir() throws(TaperError) -> String {
        var text: UnsafeMutablePointer<CChar>? = nil
        try check { taper_schedule_to_fhir(handle.raw, &text, $0) }
        return take(text)
    }

    /// The chart of the daily dose and occupancy as a self-contained SVG image.
    public func svg() throws(TaperError) -> String {
        var text: UnsafeMutablePointer<CChar>? = nil
        try check { taper_schedule_to_svg(handle.raw, &text, $0) }
        return take(text)
    }

    /// One printable, self-contained HTML page of the plan (A4 and Letter).
    public func html() throws(TaperError) -> String {
        var text: UnsafeMutablePointer<CChar>? = nil
        try check { taper_schedule_to_html(handle.raw, &text, $0) }
        return take(text)
    }
}

extension Realization {
    /// The realized steps as iCalendar events, each saying how to take each dose-time.
    public func ics(reminders: Bool = false, stampUnixSeconds: Int64? = nil) throws(TaperError) -> String {
        var text: UnsafeMutablePointer<CChar>? = nil
        let seconds = stampUnixSeconds ?? 0
        try check { taper_realization_to_ics(handle.raw, &text, reminders ? 1 : 0, seconds, $0) }
        return take(text)
    }

    /// The realized steps as a FHIR R4 Bundle; each Dosage's text is its recipe.
    public func fhir() throws(TaperError) -> String {
        var text: UnsafeMutablePointer<CChar>? = nil
        try check { taper_realization_to_fhir(handle.raw, &text, $0) }
        return take(text)
    }

    /// The chart of the dose as taken, the planned dose faint, switch points marked.
    public func svg() throws(TaperError) -> String {
        var text: UnsafeMutablePointer<CChar>? = nil
        try check { taper_realization_to_svg(handle.raw, &text, $0) }
        return take(text)
    }

    /// The printable page, with how to take each step with the forms on hand.
    public func html() throws(TaperError) -> String {
        var text: UnsafeMutablePointer<CChar>? = nil
        try check { taper_realization_to_html(handle.raw, &text, $0) }
        return take(text)
    }
}

extension Simulation {
    /// The chart of the plan with the simulated occupancy (`class="simulated-occupancy"`) over
    /// the plan's steady-state occupancy, as a self-contained SVG image: one point a day (each
    /// day's mean) when `daily`, else every sample. Throws `.missingData` when the course has
    /// no occupancy (a drug without an occupancy model, such as mirtazapine).
    public func svg(daily: Bool = true) throws(TaperError) -> String {
        var text: UnsafeMutablePointer<CChar>? = nil
        try check { taper_simulation_to_svg(handle.raw, daily ? 1 : 0, &text, $0) }
        return take(text)
    }

    /// The plan's printable page with the chart of `svg(daily:)` and a caption saying the
    /// simulated line is a research model. Throws as `svg(daily:)` does.
    public func html(daily: Bool = true) throws(TaperError) -> String {
        var text: UnsafeMutablePointer<CChar>? = nil
        try check { taper_simulation_to_html(handle.raw, daily ? 1 : 0, &text, $0) }
        return take(text)
    }
}
