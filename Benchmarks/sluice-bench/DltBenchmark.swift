import ArgumentParser
import Foundation
import GongEmulator
import GongModel
import SluicePluginTesting
import SluiceCore
import SluiceTransforms

/// `dlt` (issue 10): a year of an emulated company into a per-day and a per-call `upsert` table
/// of PostgreSQL in one pass, by the `sluice` binary and, side by side against the same emulator
/// and server, by dlt 1.31's `rest_api` source (`Benchmarks/dlt/gong_activity.py`, the same
/// windows, pages, keys and columns). Both are child processes, run alternately `--repeats` times;
/// the medians of their wall time and peak resident memory are compared, once both tables of both
/// are checked to hold the same data after every pair of runs.
struct DltBenchmark: AsyncParsableCommand, Benchmark {
    static let configuration = CommandConfiguration(
        commandName: "dlt",
        abstract: "A year into two upsert tables, Sluice vs dlt 1.31's rest_api source (issue 10; >= 10x faster, <= 0.5x the peak RSS)."
    )

    @Option(help: "Users of the emulated company (the issue's figure: 200).")
    var users = 200

    @Option(help: "Users per page of Gong's answer.")
    var pageSize = 100

    @Option(help: "Days per window (request chain), the same for both.")
    var windowDays = 30

    @Option(help: "Runs of each, alternated; medians are reported.")
    var repeats = 3

    @Option(help: "The lowest acceptable ratio of dlt's wall time to Sluice's.")
    var speedTarget = 10.0

    @Option(help: "The highest acceptable ratio of Sluice's peak RSS to dlt's.")
    var memoryTarget = 0.5

    @Option(help: "The sluice binary to measure (the one built next to sluice-bench by default).")
    var sluice: String?

    @Option(help: "The Python with dlt 1.31 (scripts/install-bench-deps makes it).")
    var python = ".venv-bench/bin/python"

    @Option(help: "The dlt program.")
    var script = "Benchmarks/dlt/gong_activity.py"

    @Option(help: "dlt's loader file format (insert_values, csv, ...); dlt's default for postgres when absent.")
    var dltFileFormat: String?

    @Flag(help: "Exit with 1 when a target is missed.")
    var strict = false

    /// The pipeline name of the Sluice run (its state rows) and the schemas of the two runs' tables.
    static let pipelineName = "bench-dlt"
    static let sluiceSchema = "bench_dlt_sluice"
    static let dltSchema = "bench_dlt_dlt"

    func validate() throws {
        guard users > 0, pageSize > 0, windowDays > 0, repeats > 0, speedTarget > 0, memoryTarget > 0 else {
            throw ValidationError("sizes and targets must be positive")
        }
    }

    func run() async throws {
        try await report(strict: strict)
    }

    func measure() async throws -> BenchmarkResult {
        try Psql.requireServer(for: "dlt")
        for (path, what) in [(python, "Python with dlt (scripts/install-bench-deps makes it; or pass --python)"),
                             (script, "dlt program (run from the repository's root, or pass --script)")]
        where !FileManager.default.fileExists(atPath: path) {
            throw BenchmarkError("dlt: no \(what) at \(path)")
        }
        return try await withEmulator(GongEmulatorConfiguration(users: users, seed: 12, pageSize: pageSize)) { emulator in
            try await measure(against: emulator)
        }
    }

    private func measure(against emulator: GongEmulator) async throws -> BenchmarkResult {
        let folder = try TemporaryFolder("dlt")
        defer { folder.remove() }
        let pipeline = folder.file("pipeline.json")
        try MemoryBenchmark.pipeline(emulator: emulator, windowDays: windowDays, sinks: Self.sinks, name: Self.pipelineName)
            .write(toFile: pipeline, atomically: true, encoding: .utf8)
        var sluiceRuns: [(seconds: Double, megabytes: Double)] = []
        var dltRuns: [(seconds: Double, megabytes: Double)] = []
        var rows = (perDay: 0, perCall: 0)
        var version = "?"
        for round in 1...repeats {
            try await Self.dropTables()
            try await Psql.run("CREATE SCHEMA \(Self.sluiceSchema); CHECKPOINT")
            let (sluiceRun, sluicePeak) = try ChildProcess.measureRun(sluice ?? SluiceBinary.beside(), pipeline: pipeline,
                                                                      log: folder.file("sluice-\(round).log"), what: "dlt: the sluice run")
            try await Psql.run("CHECKPOINT")
            let (dltRun, dltPeak) = try ChildProcess.measure(python, dltArguments(emulator: emulator, folder: folder, round: round),
                                                             log: folder.file("dlt-\(round).log"), what: "dlt: the dlt run")
            rows = try await Self.sameData()
            sluiceRuns.append((sluiceRun.seconds, sluicePeak))
            dltRuns.append((dltRun.seconds, dltPeak))
            if case .string(let text)? = dltRun.finishedEvent?["dlt"] { version = text }
        }
        try await Self.dropTables()

        let sluiceSeconds = TransformsShareBenchmark.median(sluiceRuns.map(\.seconds))
        let sluicePeak = TransformsShareBenchmark.median(sluiceRuns.map(\.megabytes))
        let dltSeconds = TransformsShareBenchmark.median(dltRuns.map(\.seconds))
        let dltPeak = TransformsShareBenchmark.median(dltRuns.map(\.megabytes))
        let speed = dltSeconds / sluiceSeconds
        let memory = sluicePeak / dltPeak
        let line = "dlt: one year of \(users) users in \(windowDays)-day windows, \(Format.count(rows.perDay)) per-day and "
            + "\(Format.count(rows.perCall)) per-call rows upserted, medians of \(repeats): sluice \(Format.fixed(sluiceSeconds, 2)) s, "
            + "\(Format.fixed(sluicePeak, 1)) MB peak RSS; dlt \(version) rest_api\(dltFileFormat.map { " (\($0))" } ?? "") "
            + "\(Format.fixed(dltSeconds, 2)) s, \(Format.fixed(dltPeak, 1)) MB; dlt/sluice time \(Format.fixed(speed, 1))x "
            + "(target >= \(Format.fixed(speedTarget, 0))), sluice/dlt peak \(Format.fixed(memory, 2)) (target <= \(Format.fixed(memoryTarget, 2)))"
        return BenchmarkResult(line: line, rows: [
            SummaryRow(name: "dlt speed", measured: "sluice \(Format.fixed(sluiceSeconds, 2)) s",
                       baseline: "dlt \(Format.fixed(dltSeconds, 2)) s", ratio: speed,
                       target: ">= \(Format.fixed(speedTarget, 2))", met: speed >= speedTarget),
            SummaryRow(name: "dlt memory", measured: "sluice \(Format.fixed(sluicePeak, 1)) MB peak RSS",
                       baseline: "dlt \(Format.fixed(dltPeak, 1)) MB", ratio: memory,
                       target: "<= \(Format.fixed(memoryTarget, 2))", met: memory <= memoryTarget),
        ])
    }

    /// The dlt program's arguments: the same emulator, year and windows as the Sluice pipeline, and
    /// a working folder of its own for each round (no state carried over).
    private func dltArguments(emulator: GongEmulator, folder: TemporaryFolder, round: Int) -> [String] {
        [
            script, "--base-url", emulator.baseURL,
            "--access-key", emulator.configuration.accessKey, "--access-key-secret", emulator.configuration.accessKeySecret,
            "--from-date", "2024-01-01", "--to-date", "2025-01-01", "--window-days", String(windowDays),
            "--dataset", Self.dltSchema, "--pipelines-dir", folder.file("dlt-pipelines-\(round)"),
        ] + (dltFileFormat.map { ["--loader-file-format", $0] } ?? [])
    }

    /// The Sluice pipeline's sinks: per day and per call, upserted on flatten's natural keys.
    static let sinks = [
        #"{ "type": "postgres", "table": "\#(sluiceSchema).per_day", "mode": "upsert", "key": ["user_id", "day"], "#
            + #""transforms": [ { "type": "flatten.perDay" } ] }"#,
        #"{ "type": "postgres", "table": "\#(sluiceSchema).per_call", "mode": "upsert", "key": ["user_id", "day", "activity", "call_id"], "#
            + #""transforms": [ { "type": "flatten.perCall" } ] }"#,
    ]

    /// Drops both runs' tables and the Sluice run's state, so that the next runs start afresh.
    static func dropTables() async throws {
        try await Psql.run("DROP SCHEMA IF EXISTS \(sluiceSchema) CASCADE; DROP SCHEMA IF EXISTS \(dltSchema) CASCADE")
        try await Psql.forgetState(of: pipelineName)
    }

    /// Checks that both runs loaded the same rows: counts, the sum of all fifteen counts per day and
    /// the distinct call ids per call, then that no row of one table is missing from the other's
    /// (every column but dlt's own, compared as multisets).
    /// - Returns: the row counts of the per-day and the per-call table.
    /// - Throws: ``BenchmarkError`` when the two differ or hold nothing.
    static func sameData() async throws -> (perDay: Int, perCall: Int) {
        let counts = GongActivitySchema.activities.map(\.column)
        let dayColumns = ["user_id", "user_email", "day", "day_start", "day_end"]
        func figures(_ schema: String) async throws -> (perDay: String, perCall: String) {
            (try await Psql.run("SELECT count(*) || ' rows, ' || coalesce(sum(\(counts.joined(separator: " + "))), 0) || ' activities, '"
                    + " || count(DISTINCT user_id) || ' users' FROM \(schema).per_day"),
             try await Psql.run("SELECT count(*) || ' rows, ' || count(DISTINCT call_id) || ' call ids, '"
                    + " || count(DISTINCT (user_id, day)) || ' user days' FROM \(schema).per_call"))
        }
        let ours = try await figures(sluiceSchema)
        let theirs = try await figures(dltSchema)
        let differing = (
            perDay: try await differingRows("per_day", columns: dayColumns + counts),
            perCall: try await differingRows("per_call", columns: dayColumns + ["activity", "call_id"])
        )
        guard ours == theirs, differing == (0, 0) else {
            throw BenchmarkError("dlt: the two runs loaded different data: per day sluice \(ours.perDay), dlt \(theirs.perDay), "
                + "\(differing.perDay) rows in one only; per call sluice \(ours.perCall), dlt \(theirs.perCall), \(differing.perCall) rows in one only")
        }
        let perDay = Int(try await Psql.run("SELECT count(*) FROM \(sluiceSchema).per_day")) ?? 0
        let perCall = Int(try await Psql.run("SELECT count(*) FROM \(sluiceSchema).per_call")) ?? 0
        guard perDay > 0, perCall > 0 else { throw BenchmarkError("dlt: the runs loaded no row (\(ours.perDay); \(ours.perCall))") }
        return (perDay, perCall)
    }

    /// The rows of `table` in one run's schema and not in the other's (duplicates counted).
    private static func differingRows(_ table: String, columns: [String]) async throws -> Int {
        let list = columns.joined(separator: ", ")
        let sluice = "SELECT \(list) FROM \(sluiceSchema).\(table)"
        let dlt = "SELECT \(list) FROM \(dltSchema).\(table)"
        return Int(try await Psql.run("SELECT count(*) FROM ((\(sluice) EXCEPT ALL \(dlt)) UNION ALL (\(dlt) EXCEPT ALL \(sluice))) AS differing"))
            ?? -1
    }
}
