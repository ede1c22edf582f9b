import Foundation
import Testing
import SluiceCore
import SluiceTestKit

/// Running Sluice as a scheduled job, through the real binary: run history, the metrics file,
/// machine-readable output and the command line's own errors. The source is the embedded Gong emulator.
@Suite struct OperationsTests {
    @Test func everyRunLeavesARowInTheHistory() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try CoverageAndPathsTests.writePipeline(in: folder, windowDays: 30)
        let first = try await SluiceProcess.run(["backfill", path, "--from", "2024-01-01", "--to", "2024-03-01"], in: folder.path)
        #expect(first.status == 0, "\(first.errors)")
        let refused = try await SluiceProcess.run(["backfill", path, "--from", "2024-01-01", "--to", "2031-01-01"], in: folder.path)
        #expect(refused.status == 2)

        let runs = try await SluiceProcess.run(["runs", path, "--format", "json"], in: folder.path)
        #expect(runs.status == 0, "\(runs.errors)")
        let history = try JSONParser.parse(runs.output)["runs"]?.arrayOrEmpty ?? []
        try #require(history.count == 2, "\(runs.output)")
        // Newest first: the refused range, then the backfill with what it committed.
        #expect(history[0]["outcome"] == .string("invalid") && history[0]["exit_code"] == .int(2))
        let done = history[1]
        #expect(done["outcome"] == .string("succeeded") && done["command"] == .string("backfill"))
        #expect(done["range_from"] == .string("2024-01-01") && done["range_to"] == .string("2024-03-01"))
        #expect(done["windows_done"] == .int(2) && done["version"] == .string(SluiceVersion.current), "\(runs.output)")
        if case .int(let calls)? = done["api_calls"] { #expect(calls >= 2) } else { Issue.record("no api_calls in \(runs.output)") }
        let raw = folder.file("pipelines/out/raw.ndjson")
        #expect(done["rows_written"]?[raw] == .int(Int64(folder.lines("pipelines/out/raw.ndjson").count)), "\(runs.output)")

        let text = try await SluiceProcess.run(["runs", path], in: folder.path)
        #expect(text.output.contains(" backfill succeeded (exit 0, "), "\(text.output)")
    }

    @Test func theMetricsFileHoldsTheRunsFiguresInThePrometheusFormat() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try CoverageAndPathsTests.writePipeline(in: folder, windowDays: 30)
        let metrics = folder.file("sluice.prom")
        let run = try await SluiceProcess.run(["run", path, "--metrics-file", metrics], in: folder.path)
        #expect(run.status == 0, "\(run.errors)")
        let text = try String(contentsOfFile: metrics, encoding: .utf8)
        let days = folder.lines("pipelines/out/days.ndjson").count
        #expect(text.contains("# TYPE sluice_run_exit_code gauge"), "\(text)")
        #expect(text.contains(#"sluice_run_exit_code{pipeline="coverage",outcome="succeeded"} 0"#), "\(text)")
        #expect(text.contains(#"sluice_run_windows_done{pipeline="coverage"} 2"#), "\(text)")
        #expect(text.contains(#"sluice_run_rows_written{pipeline="coverage",sink="\#(folder.file("pipelines/out/days.ndjson"))"} \#(days)"#), "\(text)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp") }.isEmpty)
    }

    @Test func withJSONLogsTheSummaryHasNumbersAndTheFinalErrorIsAnEvent() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try CoverageAndPathsTests.writePipeline(in: folder, windowDays: 30)
        let run = try await SluiceProcess.run(["run", path, "--log-format", "json"], in: folder.path)
        #expect(run.status == 0, "\(run.errors)")
        let events = try run.errors.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        let summary = try #require(events.first { $0["message"] == .string("run finished") })
        #expect(summary["windows"] == .int(2))
        #expect(summary["rows"]?[folder.file("pipelines/out/raw.ndjson")] == .int(Int64(folder.lines("pipelines/out/raw.ndjson").count)))

        let failed = try await SluiceProcess.run(["backfill", path, "--from", "2024-01-01", "--to", "2031-01-01", "--log-format", "json"], in: folder.path)
        #expect(failed.status == 2)
        let last = try JSONParser.parse(String(failed.errors.split(separator: "\n").last ?? ""))
        #expect(last["level"] == .string("error") && last["exit_code"] == .int(2) && last["code"] == .string("bad_range"), "\(failed.errors)")
    }

    @Test func reportsTakeFormatJSON() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try CoverageAndPathsTests.writePipeline(in: folder, windowDays: 30)
        #expect(try await SluiceProcess.run(["backfill", path, "--from", "2024-01-01", "--to", "2024-02-01"], in: folder.path).status == 0)
        let raw = folder.file("pipelines/out/raw.ndjson")

        let state = try JSONParser.parse(try await SluiceProcess.run(["state", "show", path, "--format", "json"], in: folder.path).output)
        #expect(state["sinks"]?[raw]?["days"] == .int(31))
        #expect(state["committed_everywhere"] == .array([.string("2024-01-01..2024-01-31"), .string("2024-01-31..2024-02-01")])
            || state["committed_everywhere"] == .array([.string("2024-01-01..2024-02-01")]))

        let planned = try await SluiceProcess.run(["plan", path, "--from", "2024-01-01", "--to", "2024-03-01", "--format", "json"], in: folder.path)
        let plan = try JSONParser.parse(planned.output)
        #expect(plan["windows_done"] == .int(1) && plan["windows_to_run"] == .int(1), "\(planned.output)")
        let second = plan["windows"]?.arrayOrEmpty?.last
        #expect(second?["window"] == .string("2024-01-31..2024-03-01"), "\(planned.output)")
        #expect(second?["runs"]?.arrayOrEmpty?.first?["window"] == .string("2024-02-01..2024-03-01"), "\(planned.output)")
        #expect(plan["sinks"]?[raw]?["committed"] == .array([.string("2024-01-01..2024-02-01")]))

        try #"{"version": 1, "name": "x", "sinks": []}"#.write(toFile: folder.file("bad.json"), atomically: true, encoding: .utf8)
        let validated = try await SluiceProcess.run(["validate", path, folder.file("bad.json"), "--format", "json"], in: folder.path)
        #expect(validated.status == 2)
        let files = try JSONParser.parse(validated.output)["files"]?.arrayOrEmpty ?? []
        #expect(files.map { $0["valid"] } == [.bool(true), .bool(false)])
        #expect(files.last?["issues"]?.arrayOrEmpty?.contains { $0["path"] == .string("source") } == true, "\(validated.output)")
    }

    @Test func theCommandLineNamesWhatItDoesNotKnow() async throws {
        let typo = try await SluiceProcess.run(["bakfill", "x.json"], in: NSTemporaryDirectory())
        #expect(typo.status == 2)
        #expect(typo.errors.contains("unknown subcommand 'bakfill': did you mean 'backfill'?"), "\(typo.errors)")
        let option = try await SluiceProcess.run(["backfill", "x.json", "--form", "2024-01-01", "--to", "2024-02-01"], in: NSTemporaryDirectory())
        #expect(option.status == 2)
        #expect(option.errors.contains("Unknown option '--form'"), "\(option.errors)")
        let help = try await SluiceProcess.run(["backfill", "--help"], in: NSTemporaryDirectory())
        #expect(!help.output.lowercased().contains("incremental"), "\(help.output)")
    }
}
