import ArgumentParser
import GongEmulator
import SluicePluginTesting
import SluiceCore

/// `gong-pacing` (issue 3): a backfill through the real `Runner` against an in-process Gong
/// emulator that enforces Gong's 3 calls per second and answers after 500 ms; the sustained call
/// rate is compared with the limit itself, and the emulator must never have answered 429.
///
/// The range is cut into one-day windows of several pages each, just long enough for about
/// `--calls` API calls (60 by default, the issue's figure: about 21 s at 3 calls per second).
struct GongPacingBenchmark: AsyncParsableCommand, Benchmark {
    static let configuration = CommandConfiguration(
        commandName: "gong-pacing",
        abstract: "Calls per second sustained against the emulator's rate limit (issue 3; target >= 2.8/s, no 429)."
    )

    @Option(help: "API calls to make, about (whole one-day windows); the issue's figure is 60.")
    var calls = 60

    @Option(help: "Calls per second allowed by the emulator and configured in the pipeline (Gong's: 3).")
    var rate = 3

    @Option(name: .customLong("latency-ms"), help: "The emulator's delay before every answer, in milliseconds.")
    var latencyMilliseconds = 500

    @Option(help: "Users of the emulated company.")
    var users = 60

    @Option(help: "Users per page: small, so that each window takes several calls.")
    var pageSize = 5

    @Option(help: "Windows read at once (the source's concurrency).")
    var concurrency = 3

    @Option(help: "The lowest acceptable calls per second.")
    var target = 2.8

    @Flag(help: "Exit with 1 when the target is missed.")
    var strict = false

    func validate() throws {
        guard calls > 0, rate > 0, users > 0, pageSize > 0, concurrency > 0, latencyMilliseconds >= 0 else {
            throw ValidationError("sizes must be positive")
        }
    }

    func run() async throws {
        try await report(strict: strict)
    }

    func measure() async throws -> BenchmarkResult {
        let folder = try TemporaryFolder("gong-pacing")
        defer { folder.remove() }
        return try await withEmulator(GongEmulatorConfiguration(
            users: users, pageSize: pageSize, ratePerSecond: rate, latencyMilliseconds: latencyMilliseconds
        )) { emulator in
            try await measure(against: emulator, in: folder)
        }
    }

    private func measure(against emulator: GongEmulator, in folder: TemporaryFolder) async throws -> BenchmarkResult {
        let (range, planned) = Self.range(for: calls, in: emulator.dataset, pageSize: pageSize)
        let pipeline = try BenchPipeline.load("""
            {
              "version": 1,
              "name": "bench-gong-pacing",
              "source": {
                "type": "gong.activity", "baseURL": "\(emulator.baseURL)",
                "auth": { "accessKey": "${BENCH_GONG_KEY}", "accessKeySecret": "${BENCH_GONG_SECRET}" },
                "timeZone": "UTC", "fromDate": "\(range.from)", "toDate": "\(range.to)", "windowDays": 1,
                "rateLimit": { "perSecond": \(rate), "perDay": 100000 }, "concurrency": \(concurrency)
              },
              "sinks": [ { "type": "ndjson", "path": "\(folder.file("activity.ndjson"))" } ],
              "state": { "type": "file", "path": "\(folder.file("state.json"))" }
            }
            """, environment: [
                "BENCH_GONG_KEY": emulator.configuration.accessKey,
                "BENCH_GONG_SECRET": emulator.configuration.accessKeySecret,
            ])
        let windows = try WindowPlanner.windows(for: pipeline.source)
        let summary = try await Runner(pipeline: pipeline, logger: BenchPipeline.logger).run(windows: windows)

        let made = summary.metrics.apiCalls
        let seconds = summary.duration.seconds
        let perSecond = Double(made) / seconds
        let limit = Double(rate)
        let rejected = emulator.counters.rateLimited
        guard summary.metrics.windowsDone == windows.count else {
            throw BenchmarkError("gong-pacing: \(summary.metrics.windowsDone) of \(windows.count) windows done")
        }
        let met = perSecond >= target && rejected == 0
        let line = "gong-pacing: \(Format.fixed(perSecond, 2)) calls/s sustained vs limit \(Format.fixed(limit, 2))"
            + " (ratio \(Format.fixed(perSecond / limit, 2))), \(rejected) x 429, \(made) calls in \(Format.fixed(seconds, 1)) s"
            + " (\(windows.count) one-day windows, \(planned) calls planned, \(latencyMilliseconds) ms latency,"
            + " concurrency \(concurrency); target >= \(Format.fixed(target, 2)) calls/s and no 429)"
        return BenchmarkResult(line: line, rows: [SummaryRow(
            name: "gong-pacing", measured: "\(Format.fixed(perSecond, 2)) calls/s, \(rejected) x 429",
            baseline: "limit \(Format.fixed(limit, 2)) calls/s", ratio: perSecond / limit,
            target: ">= \(Format.fixed(target, 2)) calls/s, 0 x 429", met: met
        )])
    }

    /// The one-day windows from 2024-01-01 on that take at least `calls` API calls between them
    /// (one per page of active users; one for a day with none, which Gong answers with a 404).
    static func range(for calls: Int, in dataset: GongDataset, pageSize: Int) -> (range: DateRange, calls: Int) {
        let first = CalendarDate(year: 2024, month: 1, day: 1)!
        var end = first
        var planned = 0
        while planned < calls {
            let active = dataset.activeUsers(in: DateRange(from: end, to: end.adding(days: 1))).count
            planned += max(1, (active + pageSize - 1) / pageSize)
            end = end.adding(days: 1)
        }
        return (DateRange(from: first, to: end), planned)
    }
}
