import Testing
import SluiceCore
import SluiceTestKit

@Suite struct WindowPlannerTests {
    struct DatedSource: Source {
        let windowing: Windowing?
        var schema: Schema { Schema([]) }
        func open(context: RunContext) async throws -> any SourceReader { fatalError("not read") }

        init(from: String, to: String?, windowDays: Int, lookbackDays: Int, latest: String = "2024-12-31") {
            let latestEnd = CalendarDate(latest)!
            windowing = Windowing(from: CalendarDate(from)!, to: to.flatMap { CalendarDate($0) }, windowDays: windowDays,
                                  lookbackDays: lookbackDays) { latestEnd }
        }
    }

    func window(_ from: String, _ to: String) -> Window {
        Window(days: DateRange(from: CalendarDate(from)!, to: CalendarDate(to)!))
    }

    @Test func aFirstRunCutsTheConfiguredRange() {
        let source = DatedSource(from: "2024-01-01", to: "2024-01-25", windowDays: 10, lookbackDays: 3)
        #expect(WindowPlanner.incrementalWindows(for: source, done: .empty).windows.map(\.key) == [
            "2024-01-01..2024-01-11", "2024-01-11..2024-01-21", "2024-01-21..2024-01-25",
        ])
    }

    @Test func aLaterRunReadsTheLookBackAndTheNewDaysOnly() {
        let source = DatedSource(from: "2024-01-01", to: nil, windowDays: 30, lookbackDays: 7, latest: "2024-02-05")
        let selection = WindowPlanner.incrementalWindows(for: source, done: DayCoverage([window("2024-01-01", "2024-01-31")]))
        #expect(selection.windows.map(\.key) == ["2024-01-24..2024-02-05"])
        #expect(selection.rereading == window("2024-01-24", "2024-01-31").days)
    }

    @Test func daysNotDoneByEverySinkAreRead() {
        let source = DatedSource(from: "2024-01-01", to: "2024-02-01", windowDays: 10, lookbackDays: 0)
        let committed: [String: Set<Window>] = [
            "a": [window("2024-01-01", "2024-01-11"), window("2024-01-11", "2024-01-21"), window("2024-01-21", "2024-01-31")],
            "b": [window("2024-01-01", "2024-01-11"), window("2024-01-21", "2024-01-31")],
        ]
        let done = DayCoverage(committed["a"]!).intersection(DayCoverage(committed["b"]!))
        #expect(WindowPlanner.incrementalWindows(for: source, done: done).windows.map(\.key) == [
            "2024-01-11..2024-01-21", "2024-01-31..2024-02-01",
        ])
    }

    @Test func explicitRangesAreCheckedAgainstTheNewestAllowedEnd() throws {
        let source = DatedSource(from: "2024-01-01", to: nil, windowDays: 7, lookbackDays: 0, latest: "2024-03-01")
        #expect(throws: SluiceError.self) { try WindowPlanner.windows(for: source, from: CalendarDate("2024-02-01"), to: CalendarDate("2024-03-02")) }
        #expect(throws: SluiceError.self) { try WindowPlanner.windows(for: source, from: CalendarDate("2024-02-01"), to: CalendarDate("2024-01-01")) }
        #expect(try WindowPlanner.windows(for: source, from: CalendarDate("2024-02-01"), to: CalendarDate("2024-03-01")).count == 5)
    }
}
