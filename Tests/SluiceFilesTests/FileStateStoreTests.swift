import Foundation
import Testing
import SluiceCore
import SluiceTestKit
import SluiceFiles

@Suite struct FileStateStoreTests {
    func window(_ from: String, _ to: String) -> Window {
        Window(days: DateRange(from: CalendarDate(from)!, to: CalendarDate(to)!))
    }

    @Test func commitsArePerPipelineAndSinkAndSurviveReopening() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("nested/state.json")
        try await FileStateStore(path: path).recordCommit(pipeline: "p", sink: "a", window: window("2024-01-01", "2024-01-31"))
        try await FileStateStore(path: path).recordCommit(pipeline: "p", sink: "b", window: .whole)
        try await FileStateStore(path: path).recordCommit(pipeline: "q", sink: "a", window: window("2024-02-01", "2024-02-02"))
        let reopened = try await FileStateStore(path: path).committedWindows(pipeline: "p")
        #expect(reopened == ["a": [window("2024-01-01", "2024-01-31")], "b": [.whole]])
    }

    @Test func resetForgetsExactlyTheDaysOfItsRange() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = FileStateStore(path: folder.file("state.json"))
        for (from, to) in [("2024-01-01", "2024-01-11"), ("2024-01-11", "2024-01-21"), ("2024-01-21", "2024-01-31")] {
            try await store.recordCommit(pipeline: "p", sink: "a", window: window(from, to))
        }
        try await store.reset(pipeline: "p", range: DateRange(from: CalendarDate("2024-01-15")!, to: CalendarDate("2024-01-16")!))
        #expect(try await store.committedWindows(pipeline: "p")["a"] == [
            window("2024-01-01", "2024-01-11"), window("2024-01-11", "2024-01-15"), window("2024-01-16", "2024-01-21"),
            window("2024-01-21", "2024-01-31"),
        ])
        try await store.reset(pipeline: "p", range: nil)
        #expect(try await store.committedWindows(pipeline: "p").isEmpty)
    }

    @Test func usageAddsUpPerBudgetAndDay() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = FileStateStore(path: folder.file("state.json"))
        let day = CalendarDate("2024-03-04")!
        #expect(try await store.addUsage(budget: "gong", day: day, calls: 3) == 3)
        #expect(try await store.addUsage(budget: "gong", day: day, calls: 4) == 7)
        #expect(try await store.addUsage(budget: "gong", day: day.adding(days: 1), calls: 1) == 1)
        #expect(try await store.usage(budget: "gong", day: day) == 7)
        #expect(try await store.usage(budget: "other", day: day) == 0)
    }

    @Test func concurrentUpdatesAreNotLost() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = FileStateStore(path: folder.file("state.json"))
        let day = CalendarDate("2024-03-04")!
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<50 { group.addTask { _ = try await store.addUsage(budget: "gong", day: day, calls: 1) } }
            try await group.waitForAll()
        }
        #expect(try await store.usage(budget: "gong", day: day) == 50)
    }

    @Test func aDamagedFileIsAClearError() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try "{not json".write(toFile: folder.file("state.json"), atomically: true, encoding: .utf8)
        await #expect {
            try await FileStateStore(path: folder.file("state.json")).committedWindows(pipeline: "p")
        } throws: { error in
            (error as? SluiceError)?.code == .state
        }
    }

    /// A state file that is valid JSON of another shape would read as "nothing done", and an
    /// append sink would then get every day again: it is refused.
    @Test(arguments: [
        "[]", #"{"pipelines": []}"#, #"{"pipelines": {"p": ["2024-01-01..2024-01-02"]}}"#,
        #"{"pipelines": {"p": {"a": "2024-01-01..2024-01-02"}}}"#, #"{"pipelines": {"p": {"a": ["January"]}}}"#,
        #"{"pipelines": {"p": {"a": [20240101]}}}"#, #"{"usage": 3}"#,
    ])
    func aStateFileOfAnotherShapeIsRefused(text: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try text.write(toFile: folder.file("state.json"), atomically: true, encoding: .utf8)
        let store = FileStateStore(path: folder.file("state.json"))
        await #expect { try await store.committedWindows(pipeline: "p") } throws: { ($0 as? SluiceError)?.code == .state }
        await #expect { try await store.recordCommit(pipeline: "p", sink: "a", window: .whole) } throws: { ($0 as? SluiceError)?.code == .state }
        #expect(try String(contentsOfFile: folder.file("state.json"), encoding: .utf8) == text)
    }
}
