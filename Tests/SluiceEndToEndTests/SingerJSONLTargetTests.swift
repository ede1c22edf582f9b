import Foundation
import GongEmulator
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// Gong -> flatten.perDay -> the real `target-jsonl` (from PyPI), an appending target.
@Suite struct SingerJSONLTargetTests {
    static let range = DateRange(from: CalendarDate("2025-01-01")!, to: CalendarDate("2025-03-01")!)
    static let windows = range.split(every: 30)

    static func backfill(_ path: String) -> [String] {
        ["backfill", path, "--from", range.from.description, "--to", range.to.description, "--log-format", "json"]
    }

    /// The file holds exactly the ground truth; the target's settings reach it in a file only the
    /// user can read, removed after the run, and their secret never reaches the log.
    @Test func targetJSONLWritesTheGroundTruth() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let command = [try SingerTargets.configPrintingWrapper(in: folder), try SingerTargets.program("target-jsonl")]
        let token = "jsonl-token-\(UUID().uuidString)"
        try await withEmulator(EmulatorHarness.faulty(seed: 32, ratePerSecond: nil, errorRate: 0)) { emulator in
            let config: ValueObject = [
                "destination_path": .string(folder.file("out")), "do_timestamp_file": .bool(false), "token": .string("${SINGER_TEST_TOKEN}"),
            ]
            try GongPipelineFile(
                name: "singer-jsonl", emulator: emulator, fromDate: Self.range.from, toDate: Self.range.to, lookbackDays: 0,
                sinks: [SingerTargets.perDaySink(command: command, config: config)]
            ).write(to: folder.file("pipeline.json"))
            let run = try await SluiceProcess(Self.backfill(folder.file("pipeline.json")), in: folder.path, environment: ["SINGER_TEST_TOKEN": token])
                .finish(within: .seconds(120))
            try #require(run.status == 0, "\(run.errors)")

            let days = RowDifference(
                actual: try WarehouseRows.perDay(file: folder.file("out/user_daily_activity.jsonl")),
                expected: WarehouseRows.expectedPerDay(emulator, windows: Self.windows)
            )
            #expect(days.isEmpty, "\(days)")
            // The wrapper printed the config on stderr, one line per window, which Sluice logged with the secret hidden.
            let printed = run.errors.split(separator: "\n").filter { $0.contains("config file mode") }
            #expect(printed.count == Self.windows.count, "\(run.errors)")
            #expect(printed.allSatisfy { $0.contains("config file mode 600 at ") && $0.contains("${SINGER_TEST_TOKEN}") }, "\(printed)")
            #expect(!run.errors.contains(token))
            for line in printed {
                let configPath = try #require(line.split(separator: " at ").last?.split(separator: ":").first.map(String.init))
                #expect(!FileManager.default.fileExists(atPath: configPath), "\(configPath) left behind")
            }
        }
    }

    /// An appending target killed mid-window keeps what it wrote of the window, and the rerun
    /// sends the whole window again: every row of the ground truth is there, and the only extra
    /// rows are repeats of rows of the windows that failed (what "at least once" means for such a target).
    @Test func anAppendingTargetKilledMidWindowKeepsThePartItWroteTwice() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let command = [try SingerTargets.failingWrapper(in: folder), try SingerTargets.program("target-jsonl")]
        let file = folder.file("out/user_daily_activity.jsonl")
        try await withEmulator(EmulatorHarness.faulty(seed: 33, ratePerSecond: nil, errorRate: 0)) { emulator in
            let config: ValueObject = ["destination_path": .string(folder.file("out")), "do_timestamp_file": .bool(false)]
            try GongPipelineFile(
                name: "singer-jsonl-killed", emulator: emulator, fromDate: Self.range.from, toDate: Self.range.to, lookbackDays: 0,
                sinks: [SingerTargets.perDaySink(command: command, config: config)]
            ).write(to: folder.file("pipeline.json"))
            let killed = try await SluiceProcess(Self.backfill(folder.file("pipeline.json")), in: folder.path, environment: ["SINGER_KILL_AFTER": "30"])
                .finish(within: .seconds(120))
            #expect(killed.status == 1, "\(killed.errors)")
            #expect(killed.errorCode == "singer_target", "\(killed.errors)")
            let partial = FileManager.default.fileExists(atPath: file) ? try WarehouseRows.perDay(file: file) : []
            #expect(partial.count <= 2 * 29, "more than the 29 records of each window passed before the kill: \(partial.count)")

            let rerun = try await SluiceProcess(Self.backfill(folder.file("pipeline.json")), in: folder.path).finish(within: .seconds(120))
            try #require(rerun.status == 0, "\(rerun.errors)")
            let expected = WarehouseRows.expectedPerDay(emulator, windows: Self.windows)
            let actual = try WarehouseRows.perDay(file: file)
            #expect(Set(actual) == Set(expected))
            #expect(RowDifference(actual: actual, expected: expected + partial).isEmpty)
        }
    }
}
