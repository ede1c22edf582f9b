import ArgumentParser
import Foundation
import GongEmulator
import SluicePluginTesting
import SluiceCore

/// `archive-reload` (issue 10): the `sluice` binary reloads an NDJSON archive of raw Gong records
/// (built from the emulator, then repeated up to `--megabytes`) through `flatten.perCall` into a
/// postgres table in `append` mode, as a child process whose peak resident memory is measured;
/// side by side, `psql \copy` loads the same rows into an identical table.
struct ArchiveReloadBenchmark: AsyncParsableCommand, Benchmark {
    static let configuration = CommandConfiguration(
        commandName: "archive-reload",
        abstract: "Peak RSS and speed of an NDJSON archive reload into PostgreSQL vs psql \\copy (issue 10; <= 150 MB, >= 0.8x)."
    )

    @Option(help: "Size of the archive, in MB (the issue's figure: 200).")
    var megabytes = 200

    @Option(help: "Users of the emulated company whose year makes the archive.")
    var users = 200

    @Option(help: "The highest acceptable peak RSS, in MB.")
    var ceiling = 150.0

    @Option(help: "The lowest acceptable ratio of Sluice's rows per second to psql's.")
    var target = 0.8

    @Option(help: "The sluice binary to measure (the one built next to sluice-bench by default).")
    var sluice: String?

    @Flag(help: "Exit with 1 when a target is missed.")
    var strict = false

    func run() async throws {
        try await report(strict: strict)
    }

    func measure() async throws -> BenchmarkResult {
        try Psql.requireServer(for: "archive-reload")
        let binary = sluice ?? SluiceBinary.beside()
        let folder = try TemporaryFolder("archive-reload")
        defer { folder.remove() }
        let archive = folder.file("archive.ndjson")
        try await makeArchive(archive, binary: binary, in: folder)
        let size = Double((try FileManager.default.attributesOfItem(atPath: archive)[.size] as? Int) ?? 0) / 1_048_576

        // A state left by an earlier run that stopped half way would make this one skip its window.
        try await Psql.run("DROP SCHEMA IF EXISTS bench_reload CASCADE; CREATE SCHEMA bench_reload")
        try await Psql.forgetState(of: "bench-reload")
        let pipeline = folder.file("reload.json")
        try Self.reloadPipeline(archive: archive).write(toFile: pipeline, atomically: true, encoding: .utf8)
        try await Psql.run("CHECKPOINT")
        let (reload, peak) = try ChildProcess.measureRun(binary, pipeline: pipeline, log: folder.file("reload.log"), what: "archive-reload: the reload")
        let rows = Int(try await Psql.run("SELECT count(*) FROM bench_reload.calls")) ?? 0
        guard rows > 0 else { throw BenchmarkError("archive-reload: the reload loaded no row: \(reload.log.suffix(2000))") }

        // The baseline: the same rows, from a text file, into an identical table.
        let copyFile = folder.file("calls.copy")
        try await Psql.run("\\copy bench_reload.calls TO '\(copyFile)'")
        try await Psql.run("CREATE TABLE bench_reload.psql_calls (LIKE bench_reload.calls INCLUDING ALL)")
        try await Psql.run("CHECKPOINT")
        let started = Date()
        try await Psql.run("\\copy bench_reload.psql_calls FROM '\(copyFile)'")
        let psqlSeconds = Date().timeIntervalSince(started)
        try await Psql.run("DROP SCHEMA bench_reload CASCADE; DELETE FROM sluice.sluice_state WHERE pipeline = 'bench-reload'")

        let ratio = psqlSeconds / reload.seconds
        let line = "archive-reload: \(Format.fixed(size, 0)) MB archive -> \(rows) per-call rows in \(Format.fixed(reload.seconds, 1)) s"
            + " (peak RSS \(Format.fixed(peak, 1)) MB) vs psql \\copy of the same rows in \(Format.fixed(psqlSeconds, 1)) s"
            + " (ratio \(Format.fixed(ratio, 2))); targets <= \(Format.fixed(ceiling, 0)) MB, >= \(Format.fixed(target, 2))x"
        return BenchmarkResult(line: line, rows: [
            SummaryRow(name: "archive-reload memory", measured: "\(Format.fixed(peak, 1)) MB peak RSS",
                       baseline: "\(Format.fixed(size, 0)) MB archive", ratio: peak / size,
                       target: "<= \(Format.fixed(ceiling, 0)) MB", met: peak <= ceiling),
            SummaryRow(name: "archive-reload speed", measured: "\(Format.fixed(reload.seconds, 1)) s",
                       baseline: "psql \\copy \(Format.fixed(psqlSeconds, 1)) s", ratio: ratio,
                       target: ">= \(Format.fixed(target, 2))", met: ratio >= target),
        ])
    }

    /// A year of the emulator's raw records, written by `sluice` itself, then repeated until the
    /// file holds `megabytes`.
    private func makeArchive(_ archive: String, binary: String, in folder: TemporaryFolder) async throws {
        let year = folder.file("year.ndjson")
        try await withEmulator(GongEmulatorConfiguration(users: users, seed: 11, pageSize: 100)) { emulator in
            let pipeline = folder.file("year.json")
            try MemoryBenchmark.pipeline(emulator: emulator, windowDays: 30, sinks: [#"{ "type": "ndjson", "path": "\#(year)" }"#])
                .write(toFile: pipeline, atomically: true, encoding: .utf8)
            let made = try ChildProcess.run(binary, ["run", pipeline, "--log-level", "warning"], log: folder.file("year.log"))
            guard made.status == 0 else { throw BenchmarkError("archive-reload: making the archive failed (exit \(made.status))") }
        }
        let chunk = try Data(contentsOf: URL(fileURLWithPath: year))
        guard !chunk.isEmpty else { throw BenchmarkError("archive-reload: the emulator's year holds no record") }
        guard FileManager.default.createFile(atPath: archive, contents: nil) else { throw BenchmarkError("cannot create \(archive)") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: archive))
        defer { try? handle.close() }
        for _ in 0..<max(1, (megabytes << 20) / chunk.count) { try handle.write(contentsOf: chunk) }
    }

    static func reloadPipeline(archive: String) -> String {
        """
        {
          "version": 1, "name": "bench-reload",
          "source": { "type": "ndjson", "paths": ["\(archive)"],
                      "fields": { "userId": "text", "userEmailAddress": "text", "userDailyActivityStats": "json" } },
          "sinks": [ { "type": "postgres", "table": "bench_reload.calls", "mode": "append",
                       "transforms": [ { "type": "flatten.perCall" } ] } ]
        }
        """
    }
}
