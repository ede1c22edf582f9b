import Logging
import SluicePluginTesting
import Synchronization
import Testing
import SluiceCore
import SluiceTestKit

/// Coverage by day: whatever windows committed a day, no later layout of windows gives that day
/// again to a sink that would keep it twice.
@Suite struct CoveragePlanTests {
    func window(_ from: String, _ to: String) -> Window {
        Window(days: DateRange(from: CalendarDate(from)!, to: CalendarDate(to)!))
    }

    func pipeline(_ sinks: [CollectingSink]) -> Pipeline {
        makePipeline(source: CountingSource(batches: 1, windows: 90), sinks: sinks, state: MemoryStateStore())
    }

    @Test func daysCommittedInWideWindowsSkipNarrowerOnes() {
        let pipeline = pipeline([CollectingSink(identity: "a")])
        let month = DateRange(from: CalendarDate("2024-01-01")!, to: CalendarDate("2024-01-31")!)
        let coverage = ["a": DayCoverage(month.split(every: 30).map { Window(days: $0) })]
        let weeks = month.split(every: 7).map { Window(days: $0) }
        #expect(pipeline.plans(for: weeks, coverage: coverage).isEmpty)
        // A week reaching past the covered days reads only the days past them.
        #expect(pipeline.plans(for: [window("2024-01-29", "2024-02-05")], coverage: coverage)
            == [WindowPlan(window: window("2024-01-31", "2024-02-05"), sinks: [0])])
    }

    @Test func aWindowIsCutWhereEachSinkCoverageEnds() {
        let pipeline = pipeline([CollectingSink(identity: "a"), CollectingSink(identity: "b")])
        let coverage = ["a": DayCoverage([window("2024-01-01", "2024-01-11")]), "b": DayCoverage([window("2024-01-01", "2024-01-06")])]
        #expect(pipeline.plans(for: [window("2024-01-01", "2024-01-15")], coverage: coverage) == [
            WindowPlan(window: window("2024-01-06", "2024-01-11"), sinks: [1]),
            WindowPlan(window: window("2024-01-11", "2024-01-15"), sinks: [0, 1]),
        ])
    }

    @Test func theLookBackGoesOnlyToSinksThatRewriteDaysInPlace() {
        let pipeline = pipeline([CollectingSink(identity: "append"), CollectingSink(identity: "upsert", rewritesDaysInPlace: true)])
        let done = DayCoverage([window("2024-01-01", "2024-01-31")])
        let coverage = ["append": done, "upsert": done]
        let plans = pipeline.plans(for: [window("2024-01-24", "2024-02-05")], coverage: coverage, rereading: window("2024-01-24", "2024-01-31").days)
        #expect(plans == [
            WindowPlan(window: window("2024-01-24", "2024-01-31"), sinks: [1]),
            WindowPlan(window: window("2024-01-31", "2024-02-05"), sinks: [0, 1]),
        ])
    }

    @Test func aLookBackNoSinkTakesIsNotRead() {
        let pipeline = pipeline([CollectingSink(identity: "append")])
        let coverage = ["append": DayCoverage([window("2024-01-01", "2024-01-31")])]
        #expect(pipeline.plans(for: [window("2024-01-24", "2024-01-31")], coverage: coverage, rereading: window("2024-01-24", "2024-01-31").days).isEmpty)
    }

    @Test func theRunnerWritesOnlyUncoveredDaysWhateverTheWindowSize() async throws {
        let source = CountingSource(batches: 2, windows: 20)
        let state = MemoryStateStore()
        for days in DateRange(from: CalendarDate("2024-01-01")!, to: CalendarDate("2024-01-11")!).split(every: 5) {
            try await state.recordCommit(pipeline: "test", sink: "a", window: Window(days: days))
        }
        let sink = CollectingSink(identity: "a")
        let runner = Runner(pipeline: makePipeline(source: source, sinks: [sink], state: state), logger: Logger(label: "test"))
        let summary = try await runner.run(windows: try WindowPlanner.windows(for: source, windowDays: 7))
        #expect(sink.committed.withLock { Set($0.keys) } == [window("2024-01-11", "2024-01-15"), window("2024-01-15", "2024-01-21")])
        #expect(summary.metrics.windowsSkipped == 1)
        #expect(DayCoverage(try await state.committedWindows(pipeline: "test")["a"] ?? []).ranges == [window("2024-01-01", "2024-01-21").days!])
    }

    @Test func forgettingARangeKeepsTheDaysAroundIt() {
        let month = window("2024-01-01", "2024-01-31")
        #expect(month.removing(window("2024-01-10", "2024-01-12").days!) == [window("2024-01-01", "2024-01-10"), window("2024-01-12", "2024-01-31")])
        #expect(month.removing(window("2023-12-01", "2024-02-01").days!).isEmpty)
        #expect(month.removing(window("2024-02-01", "2024-02-03").days!) == [month])
    }
}
