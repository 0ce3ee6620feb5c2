import Taper
import Testing

/// The request every strategy test starts from (as in tests/unit/strategies/*_test.cpp):
/// citalopram 20 mg a day from 2026-12-01.
func citalopram20() -> PlanRequest {
    PlanRequest(drug: "citalopram", dailyDose: .mg(20), start: CalendarDate(year: 2026, month: 12, day: 1))
}

/// Citalopram's default occupancy model, from the published source (Sørensen et al. 2022,
/// striatum; the C++ tests use the same figures): Emax 83.98 %, ED50 2.33 mg, Hill 1.
/// The hand formulas, independent of the library's code:
///   occupancy(D) = Emax · D / (ED50 + D)
///   dose(occ)    = ED50 · occ / (Emax − occ)
enum Sorensen2022 {
    static let emax = 83.98
    static let ed50 = 2.33
    static func occupancy(_ mg: Double) -> Double { emax * mg / (ed50 + mg) }
    static func dose(_ occupancy: Double) -> Double { ed50 * occupancy / (emax - occupancy) }
}

/// Runs `body` and returns the TaperError it throws (recording an issue if it does not).
func expectTaperError(_ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                      _ body: () throws -> Void) -> TaperError?
{
    do {
        try body()
        Issue.record("expected a TaperError\(comment.map { ": \($0)" } ?? "")", sourceLocation: sourceLocation)
        return nil
    } catch let error as TaperError {
        return error
    } catch {
        Issue.record("expected a TaperError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The value is within `tolerance` of `expected`.
func near(_ value: Double, _ expected: Double, _ tolerance: Double) -> Bool {
    abs(value - expected) <= tolerance
}
