import SluiceCore
@testable import SluicePostgres
import Testing

/// The postgres state store: commits, usage and reset.
@Suite struct StateStoreTests {
    typealias F = Fixtures

    @Test func commitsAreRecordedAndReset() async throws {
        let database = try await TestDatabase.make()
        let store = database.stateStore()
        #expect(try await store.committedWindows(pipeline: "p").isEmpty)
        let january = F.window("2024-01-01", "2024-02-01")
        let february = F.window("2024-02-01", "2024-03-01")
        try await store.recordCommit(pipeline: "p", sink: "a", window: january)
        try await store.recordCommit(pipeline: "p", sink: "a", window: january)
        try await store.recordCommit(pipeline: "p", sink: "a", window: february)
        try await store.recordCommit(pipeline: "p", sink: "b", window: .whole)
        try await store.recordCommit(pipeline: "other", sink: "a", window: january)
        #expect(try await store.committedWindows(pipeline: "p") == ["a": [january, february], "b": [.whole]])

        // Exactly the days of the range are forgotten; a whole-input window overlaps every range.
        try await store.reset(pipeline: "p", range: DateRange(from: F.date("2024-02-10"), to: F.date("2024-02-11")))
        #expect(try await store.committedWindows(pipeline: "p") == [
            "a": [january, F.window("2024-02-01", "2024-02-10"), F.window("2024-02-11", "2024-03-01")],
        ])
        try await store.reset(pipeline: "p", range: DateRange(from: F.date("2024-02-01"), to: F.date("2024-03-01")))
        #expect(try await store.committedWindows(pipeline: "p") == ["a": [january]])
        try await store.reset(pipeline: "p", range: nil)
        #expect(try await store.committedWindows(pipeline: "p").isEmpty)
        #expect(try await store.committedWindows(pipeline: "other") == ["a": [january]])
        try await database.drop()
    }

    @Test func usageAddsUpPerBudgetAndDay() async throws {
        let database = try await TestDatabase.make()
        let store = database.stateStore()
        let day = F.date("2024-03-04")
        #expect(try await store.usage(budget: "gong", day: day) == 0)
        #expect(try await store.addUsage(budget: "gong", day: day, calls: 3) == 3)
        #expect(try await store.addUsage(budget: "gong", day: day, calls: 4) == 7)
        #expect(try await store.usage(budget: "gong", day: day.adding(days: 1)) == 0)
        #expect(try await store.usage(budget: "other", day: day) == 0)
        // Many tasks at once share the store's connection safely.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<40 { group.addTask { try await store.addUsage(budget: "gong", day: day, calls: 1) } }
            try await group.waitForAll()
        }
        #expect(try await store.usage(budget: "gong", day: day) == 47)
        try await database.drop()
    }

    @Test func theSinksDefaultStoreLivesInItsDatabase() async throws {
        let database = try await TestDatabase.make()
        let sink = PostgresSink(settings: database.settings, table: database.table("daily"))
        let store = try #require(sink.defaultStateStore(pipeline: "p") as? PostgresStateStore)
        #expect(store.settings == sink.settings)
        #expect(store.schema == "sluice")
        #expect(store.location.hasPrefix(database.settings.location))
        try await database.drop()
    }
}
