import Foundation
import GongEmulator
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// Two runs of one pipeline never overlap: the second stops at once with exit 4 (skipped, which a
/// scheduler tells from a failure) and says why.
@Suite struct ConcurrentRunTests {
    enum Store: String, CaseIterable, Sendable {
        /// A postgres sink, state in PostgreSQL: a session-level advisory lock.
        case postgres
        /// An ndjson sink, state in a file: a `flock` next to the state file.
        case file
    }

    @Test(arguments: Store.allCases)
    func aSecondRunOfAPipelineInProgressIsSkippedWithExit4(store: Store) async throws {
        if store == .postgres { try Psql.requireServer() }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let schema = "e2e_lock_\(suffix)", name = "e2e-lock-\(store)-\(suffix)"
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("pipeline.json")

        // Every answer takes 5 s and windows run one at a time: the first run holds its lock for
        // at least 20 s, and the test checks that it still runs after the second one stopped.
        let configuration = EmulatorHarness.faulty(seed: 41, ratePerSecond: nil, errorRate: 0, latencyMilliseconds: 5000)
        try await withEmulator(configuration) { emulator in
            let sink = store == .postgres
                ? SinkBlock.perDayTable("\(schema).user_daily_activity", mode: "upsert") : SinkBlock.perDayFile(folder.file("out/days.ndjson"))
            let state: Value? = store == .postgres ? nil : .object(["type": .string("file"), "path": .string(folder.file("state.json"))])
            try GongPipelineFile(
                name: name, emulator: emulator, fromDate: CalendarDate("2025-01-01")!, toDate: CalendarDate("2025-01-29")!,
                windowDays: 7, concurrency: 1, sinks: [sink], state: state
            ).write(to: path)

            let first = try SluiceProcess(["run", path], in: folder.path)
            // The first run holds the lock once it has asked Gong for its first page.
            do {
                try await waitUntil { emulator.counters.requests >= 1 } else: { first.errorsSoFar }
            } catch {
                first.send(SIGKILL)
                throw error
            }
            let second = try await SluiceProcess.run(["run", path], in: folder.path)
            #expect(second.status == 4)
            #expect(second.errors.contains("sluice: skipped: another run of pipeline \(name) is in progress"), "\(second.errors)")
            #expect(!second.errors.contains("run started"))
            #expect(first.isRunning, "the first run ended before the second one was refused: \(first.errorsSoFar)")

            // The first run stops cleanly on SIGTERM; the lock is free again for the next run.
            first.send(SIGTERM)
            let stopped = await first.finish()
            #expect(stopped.status == 130, "\(stopped.errors)")
            // The run history has both: the skipped run and the interrupted one, newest first.
            let runs = try await SluiceProcess.run(["runs", path, "--format", "json"], in: folder.path)
            let outcomes = (try JSONParser.parse(runs.output)["runs"]?.arrayOrEmpty ?? []).map { $0["outcome"] }
            #expect(outcomes == [.string("interrupted"), .string("skipped")], "\(runs.output) \(runs.errors)")
            let reset = try await SluiceProcess.run(["state", "reset", path, "--yes"], in: folder.path)
            #expect(reset.status == 0, "the lock was not released: \(reset.errors)")
            let leftBehind = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".lock") }
            #expect(leftBehind.isEmpty, "lock files left behind: \(leftBehind)")
        }
        if store == .postgres {
            try await Psql.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE; DELETE FROM sluice.sluice_state WHERE pipeline = \(Psql.literal(name))")
        }
    }
}
