import ArgumentParser
import Foundation
import SluiceCore
import SluicePostgres

/// `postgres-copy` (issue 5): rows per second of the `postgres` sink against `psql \copy` of the
/// same rows into an identical table, side by side on the same server.
///
/// For each mode (`append`, then `upsert`), the sink opens and creates its keyed table
/// (`PRIMARY KEY (user_id, day, activity, call_id)`), psql's table is created `LIKE` it, then
/// `psql \copy` loads a file of the rows, psql's table is dropped, and the sink loads the same
/// rows in one window, made batch by batch while it loads (with `--repeats`, again in the other
/// order, and so on; the best time of each side counts). Each load starts on an empty table after
/// a `CHECKPOINT` and a `sync`, and every load must end with the same fingerprint (row count and
/// a sum of row hashes). The ratio is sink rows/s over psql rows/s (targets: 0.8 in append, 0.6
/// in upsert, whose staging psql's plain `\copy` does not do). In upsert the sink then loads the
/// same rows again, every key known, which takes the merge path; that figure is reported with its
/// ratio to the same psql load, without a target.
struct PostgresCopyBenchmark: AsyncParsableCommand, Benchmark {
    static let configuration = CommandConfiguration(
        commandName: "postgres-copy",
        abstract: "Rows/s of the postgres sink vs psql \\copy, append and upsert (issue 5; targets 0.8x, 0.6x)."
    )

    @Option(help: "Rows loaded per mode (the issue's figure: 5,000,000).")
    var rows = 5_000_000

    @Option(help: "Rows per batch handed to the sink.")
    var batchSize = 10_000

    @Option(help: "Loads of each side per mode, alternating which goes first; the best time of each side is kept.")
    var repeats = 1

    @Option(help: "The modes to measure, comma-separated: append, upsert.")
    var modes = "append,upsert"

    @Option(help: "The lowest acceptable ratio in append mode.")
    var appendTarget = 0.8

    @Option(help: "The lowest acceptable ratio in upsert mode.")
    var upsertTarget = 0.6

    @Flag(help: "Exit with 1 when a target is missed.")
    var strict = false

    func validate() throws {
        guard rows > 0, batchSize > 0, repeats > 0 else { throw ValidationError("--rows, --batch-size and --repeats must be positive") }
        guard !loadModes.isEmpty, loadModes.count == modes.split(separator: ",").count else {
            throw ValidationError("--modes takes append and/or upsert")
        }
    }

    private var loadModes: [LoadMode] {
        modes.split(separator: ",").compactMap { LoadMode(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
            .filter { $0 != .replace }
    }

    func run() async throws {
        try await report(strict: strict)
    }

    /// One mode's figures.
    private struct Figures {
        let mode: LoadMode
        var psqlSeconds = Double.infinity
        var sinkSeconds = Double.infinity
        /// CPU time of this process (making the rows, encoding, libpq) during the sink's best load.
        var sinkCPUSeconds = 0.0
        /// Upsert only: the sink loading the same rows again, every key known (the merge path).
        var rerunSeconds: Double?
    }

    func measure() async throws -> BenchmarkResult {
        try Psql.requireServer(for: "postgres-copy")
        let generator = PerCallRows(count: rows, batchSize: batchSize)
        let folder = try TemporaryFolder("postgres-copy")
        defer { folder.remove() }
        let file = CopyTextFile(path: folder.file("rows.copy"))
        let (generateSeconds, fileSeconds) = try file.write(generator)
        let schema = "sluice_bench_" + UUID().uuidString.prefix(8).lowercased()
        try await Psql.run("CREATE SCHEMA \(schema)")
        var figures: [Figures] = []
        do {
            for mode in loadModes {
                figures.append(try await measure(mode, rows: generator, file: file, schema: schema))
            }
        } catch {
            _ = try? await Psql.run("DROP SCHEMA \(schema) CASCADE")
            throw error
        }
        try await Psql.run("DROP SCHEMA \(schema) CASCADE")

        let parts = figures.map { figure in
            "\(figure.mode.rawValue) \(Format.rate(Double(rows) / figure.sinkSeconds)) rows/s vs psql"
                + " \(Format.rate(Double(rows) / figure.psqlSeconds)) rows/s (ratio \(Format.fixed(figure.psqlSeconds / figure.sinkSeconds, 2)),"
                + " \(Format.fixed(figure.sinkSeconds, 1)) s vs \(Format.fixed(figure.psqlSeconds, 1)) s,"
                + " sluice-bench CPU \(Format.fixed(figure.sinkCPUSeconds, 1)) s)"
                + (figure.rerunSeconds.map { rerun in
                    ", then the same rows again (every key known: the merge) \(Format.rate(Double(rows) / rerun)) rows/s"
                        + " (ratio \(Format.fixed(figure.psqlSeconds / rerun, 2)), \(Format.fixed(rerun, 1)) s)"
                } ?? "")
        }
        let line = "postgres-copy: " + parts.joined(separator: "; ")
            + "; \(Format.count(rows)) per-call rows per mode in batches of \(Format.count(batchSize)),"
            + (repeats > 1 ? " best of \(repeats) alternating loads per side," : "")
            + " generating them takes \(Format.fixed(generateSeconds, 2)) s (inside the sink's time, overlapped),"
            + " the psql file \(Format.fixed(fileSeconds, 1)) s (outside); targets >= \(Format.fixed(appendTarget, 2)) append,"
            + " >= \(Format.fixed(upsertTarget, 2)) upsert"
        return BenchmarkResult(line: line, rows: figures.flatMap { figure in
            let ratio = figure.psqlSeconds / figure.sinkSeconds
            let target = figure.mode == .append ? appendTarget : upsertTarget
            let baseline = "psql \\copy \(Format.rate(Double(rows) / figure.psqlSeconds)) rows/s"
            let load = SummaryRow(
                name: "postgres-copy \(figure.mode.rawValue)", measured: "\(Format.rate(Double(rows) / figure.sinkSeconds)) rows/s",
                baseline: baseline, ratio: ratio, target: ">= \(Format.fixed(target, 2))", met: ratio >= target
            )
            let rerun = figure.rerunSeconds.map { rerun in
                SummaryRow(
                    name: "postgres-copy \(figure.mode.rawValue) rerun", measured: "\(Format.rate(Double(rows) / rerun)) rows/s",
                    baseline: baseline, ratio: figure.psqlSeconds / rerun, target: "-", met: nil
                )
            }
            return [load] + (rerun.map { [$0] } ?? [])
        })
    }

    /// The two loads compared.
    private enum Side {
        case psql, sink
    }

    /// psql's load and the sink's of the same rows into twin empty tables, `repeats` times in
    /// alternating order (psql first, then the sink first); the best time of each side.
    private func measure(_ mode: LoadMode, rows generator: PerCallRows, file: CopyTextFile, schema: String) async throws -> Figures {
        let settings = try PostgresConnectionSettings(conninfo: nil)
        let store = PostgresStateStore(settings: settings, schema: schema)
        let sink = PostgresSink(
            settings: settings, table: QualifiedName(schema: schema, name: "sluice_\(mode.rawValue)"), key: PerCallRows.key, mode: mode
        )
        let baseline = "\(schema).psql_\(mode.rawValue)"
        let context = RunContext(pipeline: "bench-postgres-copy", logger: BenchPipeline.logger, state: store, metrics: RunMetrics())
        let checkpoint = { @Sendable (window: Window) in
            Checkpoint(pipeline: context.pipeline, sink: sink.identity, window: window, store: store)
        }
        let session = try await sink.open(input: PerCallRows.schema, context: context)
        do {
            var best = Figures(mode: mode)
            var expected: String?
            for attempt in 0..<repeats {
                for side in attempt % 2 == 0 ? [Side.psql, .sink] : [.sink, .psql] {
                    let table = side == .psql ? baseline : sink.table.description
                    if side == .psql { try await Psql.run("CREATE TABLE \(baseline) (LIKE \(sink.table) INCLUDING ALL)") }
                    try await Self.settle()
                    let cpuBefore = CPUClock.process
                    let (seconds, _) = try await WallClock.measure {
                        switch side {
                        case .psql: try await Psql.run("\\copy \(baseline) FROM '\(file.path)'")
                        case .sink: try await load(generator, into: session, checkpoint: checkpoint)
                        }
                    }
                    let cpu = CPUClock.process - cpuBefore
                    let loaded = try await Self.fingerprint(of: table)
                    guard loaded == (expected ?? loaded), loaded.hasPrefix("\(generator.count) ") else {
                        throw BenchmarkError("postgres-copy \(mode.rawValue): \(table) has the fingerprint \(loaded),"
                            + " not \(expected ?? "that of \(generator.count) rows") (rows, sum of row hashes)")
                    }
                    expected = loaded
                    if side == .sink, mode == .upsert {
                        // A later run's session: this one's keeps trying the plain insert first.
                        let later = try await sink.open(input: PerCallRows.schema, context: context)
                        try await Self.settle()
                        let (again, _) = try await WallClock.measure { try await load(generator, into: later, checkpoint: checkpoint) }
                        try await later.close()
                        let reloaded = try await Self.fingerprint(of: table)
                        guard reloaded == loaded else {
                            throw BenchmarkError("postgres-copy upsert: loading the same rows again changed \(table) from \(loaded) to \(reloaded)")
                        }
                        best.rerunSeconds = min(best.rerunSeconds ?? .infinity, again)
                    }
                    // Each load starts on an empty table, in a database as empty as the other load's.
                    try await Psql.run(side == .psql ? "DROP TABLE \(baseline)" : "TRUNCATE \(sink.table)")
                    switch side {
                    case .psql:
                        best.psqlSeconds = min(best.psqlSeconds, seconds)
                    case .sink where seconds < best.sinkSeconds:
                        best.sinkSeconds = seconds
                        best.sinkCPUSeconds = cpu
                    case .sink:
                        break
                    }
                }
            }
            try await session.close()
            try await Psql.run("DROP TABLE \(sink.table)")
            return best
        } catch {
            try? await session.close()
            throw error
        }
    }

    /// `<rows> <sum of the rows' hashes>`: equal for tables holding the same rows.
    private static func fingerprint(of table: String) async throws -> String {
        try await Psql.run("SELECT count(*) || ' ' || coalesce(sum(hashtext(t::text)::bigint), 0) FROM \(table) t")
    }

    /// Loads every batch as one window and commits it; the next batch is made while one loads.
    private func load(
        _ generator: PerCallRows, into session: any SinkSession, checkpoint: (Window) -> Checkpoint
    ) async throws {
        let writer = try await session.begin(.whole)
        do {
            var next = Task.detached { generator.batch(0) }
            for index in 0..<generator.batchCount {
                let batch = await next.value
                if index + 1 < generator.batchCount { next = Task.detached { generator.batch(index + 1) } }
                try await writer.write(batch)
            }
            try await writer.commit(checkpoint(.whole))
        } catch {
            await writer.rollback()
            throw error
        }
    }

    /// Lets each load start from the same place: the server flushes its dirty buffers
    /// (`CHECKPOINT`, skipped when the role may not: it needs a superuser or `pg_checkpoint`), then
    /// the kernel writes every dirty page to disk (`sync`), so that neither load pays for the
    /// writes of the previous one, or of the psql file.
    private static func settle() async throws {
        _ = try? await Psql.run("CHECKPOINT")
        try await Command.run("/bin/sync")
    }
}
