import Foundation
import Testing
import SluiceCore
import SluiceTestKit

/// What a scheduled job meets around the core, through the real binary: relative paths, coverage
/// by day whatever the windows, and `state reset`. The source is the embedded Gong emulator.
@Suite struct CoverageAndPathsTests {
    /// A pipeline in `folder` reading the embedded emulator from `from` to `to` in windows of
    /// `windowDays`, into a raw archive (append) and a per-day file, every path relative.
    static func writePipeline(in folder: TemporaryFolder, windowDays: Int, lookbackDays: Int = 0, to: String = "2024-03-01") throws -> String {
        let path = folder.file("pipelines/pipeline.json")
        try FileManager.default.createDirectory(atPath: folder.file("pipelines"), withIntermediateDirectories: true)
        try """
        {"version": 1, "name": "coverage",
         "source": {"type": "gong.activity", "baseURL": "embedded", "timeZone": "America/Los_Angeles",
                    "fromDate": "2024-01-01", "toDate": "\(to)", "windowDays": \(windowDays), "lookbackDays": \(lookbackDays)},
         "sinks": [{"type": "ndjson", "path": "out/raw.ndjson"},
                   {"type": "ndjson", "path": "out/days.ndjson", "transforms": [{"type": "flatten.perDay"}]}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The (user_id, day) pairs of the per-day file, each once.
    static func dayKeys(_ folder: TemporaryFolder) throws -> [String] {
        try folder.lines("pipelines/out/days.ndjson").map { line in
            let row = try JSONParser.parse(line)
            return "\(row["user_id"]?.digitsOrText ?? "") \(row["day"]?.digitsOrText ?? "")"
        }
    }

    @Test func relativePathsFollowThePipelineFileNotTheCurrentDirectory() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let elsewhere = try TemporaryFolder()
        defer { elsewhere.remove() }
        let path = try Self.writePipeline(in: folder, windowDays: 30)

        let run = try await SluiceProcess.run(["run", path], in: elsewhere.path)
        #expect(run.status == 0, "\(run.errors)")
        #expect(!folder.lines("pipelines/out/raw.ndjson").isEmpty)
        #expect(FileManager.default.fileExists(atPath: folder.file("pipelines/.sluice/state.json")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)

        // Started from yet another folder (as cron starts from $HOME), the plan finds the state.
        let plan = try await SluiceProcess.run(["plan", path, "--from", "2024-01-01", "--to", "2024-03-01"], in: "/")
        #expect(plan.status == 0, "\(plan.errors)")
        #expect(plan.output.contains("windows: 0 to run, 2 done, of 2 "), "\(plan.output)")
        #expect(plan.output.contains("resolved against its folder, \(folder.file("pipelines"))"), "\(plan.output)")
    }

    @Test func daysCommittedInOneWindowLayoutAreNotReadAgainInAnother() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.writePipeline(in: folder, windowDays: 30, to: "2024-03-15")
        let first = try await SluiceProcess.run(["backfill", path, "--from", "2024-01-01", "--to", "2024-03-01"], in: folder.path)
        #expect(first.status == 0, "\(first.errors)")
        let archived = folder.lines("pipelines/out/raw.ndjson")
        let days = try Self.dayKeys(folder)
        #expect(!archived.isEmpty && Set(days).count == days.count)

        // Weekly windows over the same range: nothing to run, nothing read, nothing appended.
        let plan = try await SluiceProcess.run(["plan", path, "--from", "2024-01-01", "--to", "2024-03-01", "--window-days", "7"], in: folder.path)
        #expect(plan.output.contains("windows: 0 to run, 9 done, of 9 "), "\(plan.output)")
        let week = try await SluiceProcess.run(
            ["backfill", path, "--from", "2024-01-08", "--to", "2024-01-15", "--window-days", "7", "--log-format", "json"], in: folder.path
        )
        #expect(week.status == 0, "\(week.errors)")
        #expect(!week.errors.contains(#""apiCalls""#), "\(week.errors)")
        #expect(folder.lines("pipelines/out/raw.ndjson") == archived)

        // Weekly windows reaching past the covered days read only the new days.
        let later = try await SluiceProcess.run(["backfill", path, "--from", "2024-02-26", "--to", "2024-03-15", "--window-days", "7"], in: folder.path)
        #expect(later.status == 0, "\(later.errors)")
        let after = try Self.dayKeys(folder)
        #expect(after.count > days.count)
        #expect(Set(after).count == after.count, "a day reached the per-day file twice")
        #expect(after.compactMap { $0.split(separator: " ").last }.max() == "2024-03-14")
    }

    @Test func theLookBackNeverAppendsADayTwice() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.writePipeline(in: folder, windowDays: 14, lookbackDays: 7)
        let first = try await SluiceProcess.run(["run", path], in: folder.path)
        #expect(first.status == 0, "\(first.errors)")
        let archived = folder.lines("pipelines/out/raw.ndjson")
        let again = try await SluiceProcess.run(["run", path, "--log-format", "json"], in: folder.path)
        #expect(again.status == 0, "\(again.errors)")
        #expect(folder.lines("pipelines/out/raw.ndjson") == archived, "the look-back was appended again")
        #expect(!again.errors.contains(#""apiCalls""#), "a look-back no sink takes was read: \(again.errors)")
    }

    @Test func stateResetShowsWhatGoesAndAsksFirst() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.writePipeline(in: folder, windowDays: 30)
        #expect(try await SluiceProcess.run(["run", path], in: folder.path).status == 0)

        // Without a terminal and without --yes, nothing is forgotten.
        let refused = try await SluiceProcess.run(["state", "reset", path, "--from", "2024-01-10", "--to", "2024-01-20"], in: folder.path)
        #expect(refused.status == 2)
        #expect(refused.errors.contains("add --yes"), "\(refused.errors)")
        #expect(refused.output.contains("forgets 10 days: 2024-01-10..2024-01-20"), "\(refused.output)")
        #expect(refused.output.contains("warning: this sink appends"), "\(refused.output)")

        let reset = try await SluiceProcess.run(["state", "reset", path, "--from", "2024-01-10", "--to", "2024-01-20", "--yes"], in: folder.path)
        #expect(reset.status == 0, "\(reset.errors)")
        let shown = try await SluiceProcess.run(["state", "show", path], in: folder.path)
        #expect(shown.output.contains("50 days committed: 2024-01-01..2024-01-10, 2024-01-20..2024-03-01"), "\(shown.output)")
    }

    @Test func aKeyNarrowerThanTheNaturalKeyIsInvalidUnlessAllowed() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sink = { (extra: String) in
            """
            {"version": 1, "name": "narrow", "source": {"type": "gong.activity", "baseURL": "embedded", "fromDate": "2024-01-01"},
             "sinks": [{"type": "postgres", "url": "postgres://localhost/db", "table": "t", "mode": "upsert", "key": ["user_id"],
                        "transforms": [{"type": "flatten.perDay"}]\(extra)}]}
            """
        }
        try sink("").write(toFile: folder.file("narrow.json"), atomically: true, encoding: .utf8)
        try sink(#", "allowKeyMerge": true"#).write(toFile: folder.file("allowed.json"), atomically: true, encoding: .utf8)
        let narrow = try await SluiceProcess.run(["validate", "narrow.json"], in: folder.path)
        #expect(narrow.status == 2)
        #expect(narrow.errors.contains("sinks[0].key"), "\(narrow.errors)")
        #expect(narrow.errors.contains("key_too_narrow"), "\(narrow.errors)")
        let allowed = try await SluiceProcess.run(["validate", "allowed.json"], in: folder.path)
        #expect(allowed.status == 0, "\(allowed.errors)")
    }
}
