// A strategy written in Swift, through the C ABI's vtable: the closure is boxed as the
// user_data and released in destroy.
import Foundation
import Taper
import Testing

/// Notices when the closure that captured it is gone.
private final class Tracker: Sendable {}

/// 5 mg off the most recent dose at every step, stopping at or below 5 mg. Each target's note
/// records what the context said, so the test can check it without shared mutable state.
private let minusFive: @Sendable (StrategyContext) throws -> StrategyTarget? = { context in
    let latest = try context.latestDose
    guard latest > .mg(5 + 1e-9) else { return nil }
    let occupancy = try context.occupancy(at: latest)
    let extra = try context.extra("label") ?? "-"
    let percent = try context.option(.percent).map { "\($0)" } ?? "-"
    return StrategyTarget(
        dailyDose: latest - .mg(5),
        note: "start \(try context.startDose.milligrams) latest \(latest.milligrams) steps \(try context.stepCount) "
            + "drug \(try context.drug) occupancy \(occupancy) label \(extra) percent \(percent)")
}

@Suite("Custom strategies written in Swift")
struct CustomStrategyTests {
    let db: Database
    init() throws { db = try Database.embedded }

    @Test("A closure planning 5 mg steps: 15, 10, 5 mg, then stop")
    func minusFiveMilligrams() throws {
        let s = try db.plan(citalopram20(), strategy: .custom("minus-5", next: minusFive))
        #expect(s.strategy == "minus-5")
        try #require(s.steps.count == 4)
        for (i, expected) in [15.0, 10.0, 5.0, 0.0].enumerated() {
            #expect(near(s.steps[i].equivalentDailyDose.milligrams, expected, 1e-9), "step \(i + 1)")
            #expect(near(s.steps[i].change.milligrams, 5, 1e-9), "step \(i + 1)")
        }
        #expect(s.steps.prefix(3).allSatisfy { $0.phase == .reduce })
        #expect(s.steps[3].phase == .stop)
        // What the context said at step 2: started at 20, now 15, one step planned; occupancy
        // of citalopram at 15 mg from its model, 83.98 · 15 / 17.33.
        let note = try #require(s.steps[1].notes.first { $0.hasPrefix("start") })
        #expect(note.hasPrefix("start 20.0 latest 15.0 steps 1 drug citalopram occupancy "), "\(note)")
        let occupancy = Double(note.split(separator: " ")[9]) ?? .nan
        #expect(near(occupancy, Sorensen2022.occupancy(15), 1e-9), "\(note)")
    }

    @Test("A custom strategy reads the options it was made with, and its steps so far")
    func optionsAndSteps() throws {
        let registry = try StrategyRegistry.builtin().adding("percent-of-latest", description: "uses its options") { context in
            let percent = try context.option(.percent) ?? 10
            let latest = try context.latestDose
            let count = try context.stepCount
            if count > 0 {
                // The previous step, as the planner made it.
                let previous = try context.step(at: count - 1)
                guard previous.equivalentDailyDose == latest, previous.number == count else {
                    throw TaperError.internal("the context's last step disagrees with its latest dose")
                }
            }
            guard count < 3 else { return nil }
            return StrategyTarget(dailyDose: latest * (1 - percent / 100), lengthDays: 14)
        }
        let names = try registry.strategies.map(\.name)
        #expect(names.contains("percent-of-latest"))
        #expect(names.contains("hyperbolic"))
        let s = try db.plan(citalopram20(),
                            strategy: .named("percent-of-latest", options: StrategyOptions(percent: 25)),
                            registry: registry)
        // 20 · 0.75 = 15, 11.25, 8.4375, then stop; 14-day steps.
        try #require(s.steps.count == 4)
        for (i, expected) in [15.0, 11.25, 8.4375].enumerated() {
            #expect(near(s.steps[i].equivalentDailyDose.milligrams, expected, 1e-9), "step \(i + 1)")
            #expect(s.steps[i].lengthDays == 14)
        }
        // The built-ins still work through the same registry.
        let h = try db.plan(citalopram20(), strategy: .hyperbolic(points: 5), registry: registry)
        #expect(h.steps.count == 16)  // 14 five-point cuts, two halves of 2.6 points (docs/safety.md)
    }

    @Test("A closure that throws fails the plan with the closure's message")
    func throwingClosure() throws {
        struct Refusal: Error, CustomStringConvertible {
            var description: String { "no plan for you" }
        }
        let error = expectTaperError {
            _ = try db.plan(citalopram20(), strategy: .custom("refuser") { _ in throw Refusal() })
        }
        guard case .plan(let message, _)? = error else {
            Issue.record("expected TaperError.plan, got \(String(describing: error))")
            return
        }
        #expect(message.contains("no plan for you"), "\(message)")
        #expect(message.contains("refuser"), "\(message)")

        // A TaperError thrown inside comes out as its message too.
        let inner = expectTaperError {
            _ = try db.plan(citalopram20(), strategy: .custom("strict") { _ in throw TaperError.invalidArgument("too strict") })
        }
        #expect(inner?.code == 6)
        #expect(inner?.message.contains("too strict") == true, "\(String(describing: inner))")
    }

    @Test("The boxed closure is released once the registry and its plans are gone")
    func closureIsReleased() throws {
        weak var weakTracker: Tracker?
        var schedule: Schedule?
        do {
            let tracker = Tracker()
            weakTracker = tracker
            let registry = try StrategyRegistry.empty().adding("tracked") { context in
                _ = tracker
                return try minusFive(context)
            }
            schedule = try db.plan(citalopram20(), strategy: .named("tracked"), registry: registry)
        }
        #expect(schedule?.steps.count == 4)
        #expect(weakTracker == nil, "the closure (and what it captured) must be released after destroy")

        // A registration that fails takes nothing: the closure is released at once as well.
        weak var weakRejected: Tracker?
        do {
            let tracker = Tracker()
            weakRejected = tracker
            let error = expectTaperError {
                _ = try StrategyRegistry.builtin().adding("hyperbolic") { _ in _ = tracker; return nil }
            }
            #expect(error?.code == 7)
            #expect(error?.message.contains("hyperbolic") == true, "\(String(describing: error))")
        }
        #expect(weakRejected == nil)
    }

    @Test("Plans from 8 threads at once share one database and one registry")
    func concurrentPlans() throws {
        let registry = try StrategyRegistry.builtin().adding("minus-5", next: minusFive)
        let database = db
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            do {
                let strategy: Strategy = i.isMultiple(of: 2) ? .named("minus-5") : .hyperbolic(points: 5)
                let s = try database.plan(citalopram20(), strategy: strategy, registry: registry)
                results.append(i, s.steps.map(\.equivalentDailyDose.milligrams))
            } catch {
                results.append(i, [])
            }
        }
        let all = results.values
        try #require(all.count == 8)
        for (i, doses) in all {
            if i.isMultiple(of: 2) {
                #expect(doses == [15, 10, 5, 0], "thread \(i)")
            } else {
                #expect(doses.count == 16, "thread \(i)")
                #expect(near(doses.first ?? .nan, Sorensen2022.dose(Sorensen2022.occupancy(20) - 5), 1e-9))
            }
        }
    }
}

/// Collects results from several threads.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [(Int, [Double])] = []
    func append(_ i: Int, _ doses: [Double]) {
        lock.lock()
        storage.append((i, doses))
        lock.unlock()
    }
    var values: [(Int, [Double])] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
