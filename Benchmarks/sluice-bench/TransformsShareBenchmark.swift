import ArgumentParser
import GongEmulator
import SluicePluginTesting
import SluiceCore

/// `transforms-share` (issue 4): how much of an end-to-end run the transforms take.
///
/// Side by side against one in-process emulator without rate limit or latency (`--users` users,
/// `--days` days), the same pipeline runs through the real `Runner` (a) with the sinks
/// `ndjson <- flatten.perDay` and `ndjson <- flatten.perCall + dedupe`, and (b) with the same two
/// sinks writing the raw records, alternately `--repeats` times (medians are reported). Then the
/// transforms alone are timed over the same pages, fetched once. The share is the transforms'
/// CPU time over the wall time of run (a); the target is a share under 20%.
struct TransformsShareBenchmark: AsyncParsableCommand, Benchmark {
    static let configuration = CommandConfiguration(
        commandName: "transforms-share",
        abstract: "The transforms' share of an end-to-end run, and runs with vs without them (issue 4; target < 20%)."
    )

    @Option(help: "Users of the emulated company (the issue's figure: 400).")
    var users = 400

    @Option(help: "Days read, from 2024-01-01 (the issue's figure: 120).")
    var days = 120

    @Option(help: "Days per window.")
    var windowDays = 30

    @Option(help: "Users per page (Gong's maximum: 100).")
    var pageSize = 100

    @Option(help: "Runs of (a) and of (b), alternated; medians are reported.")
    var repeats = 5

    @Option(help: "The highest acceptable share of the run taken by the transforms, 0 to 1.")
    var target = 0.20

    @Flag(help: "Exit with 1 when the target is missed.")
    var strict = false

    func validate() throws {
        guard users > 0, days > 0, windowDays > 0, pageSize > 0, repeats > 0 else { throw ValidationError("sizes must be positive") }
    }

    func run() async throws {
        try await report(strict: strict)
    }

    func measure() async throws -> BenchmarkResult {
        try await withEmulator(GongEmulatorConfiguration(users: users, pageSize: pageSize)) { emulator in
            try await measure(against: emulator)
        }
    }

    /// One end-to-end run: its wall time, the process's CPU time during it, and what it wrote.
    private struct Run {
        let seconds: Double
        let cpuSeconds: Double
        let summary: RunSummary
        /// Rows written by each sink, in pipeline order.
        let written: [Int]
    }

    private func measure(against emulator: GongEmulator) async throws -> BenchmarkResult {
        var withTransforms: [Run] = []
        var raw: [Run] = []
        for _ in 0..<repeats {
            raw.append(try await endToEnd(emulator, transforms: false))
            withTransforms.append(try await endToEnd(emulator, transforms: true))
        }
        let folder = try TemporaryFolder("transforms-alone")
        defer { folder.remove() }
        let pipeline = try pipeline(emulator, transforms: true, in: folder)
        let timing = try await TransformTimer(pipeline: pipeline).time(try WindowPlanner.windows(for: pipeline.source))

        let reference = withTransforms[0].summary.metrics
        let written = withTransforms[0].written
        guard written == timing.rowsOut, reference.rowsRead == timing.rowsIn else {
            throw BenchmarkError("transforms-share: the timed transforms made \(timing.rowsOut) rows from \(timing.rowsIn),"
                + " the run wrote \(written) from \(reference.rowsRead)")
        }
        let runA = Self.median(withTransforms.map(\.seconds))
        let runB = Self.median(raw.map(\.seconds))
        let cpuA = Self.median(withTransforms.map(\.cpuSeconds))
        let share = timing.cpuSeconds / runA
        let line = "transforms-share: transforms \(Format.fixed(timing.cpuSeconds, 2)) s CPU"
            + " = \(Format.percent(share)) of run (a) \(Format.fixed(runA, 2)) s;"
            + " (a) with transforms / (b) raw = \(Format.fixed(runA / runB, 2)) (\(Format.fixed(runA, 2)) s vs \(Format.fixed(runB, 2)) s);"
            + " \(Format.percent(timing.cpuSeconds / cpuA)) of the process CPU of (a) (\(Format.fixed(cpuA, 2)) s);"
            + " \(Format.count(reference.rowsRead)) records -> \(Format.count(written[0])) per-day + \(Format.count(written[1])) per-call rows,"
            + " \(users) users x \(days) days, \(reference.apiCalls) calls, medians of \(repeats); target < \(Format.percent(target))"
        return BenchmarkResult(line: line, rows: [
            SummaryRow(
                name: "transforms-share", measured: "transforms \(Format.fixed(timing.cpuSeconds, 2)) s CPU",
                baseline: "run (a) \(Format.fixed(runA, 2)) s", ratio: share, target: "< \(Format.fixed(target, 2)) (share)",
                met: share < target
            ),
            SummaryRow(
                name: "transforms-share (a)/(b)", measured: "(a) \(Format.fixed(runA, 2)) s with transforms",
                baseline: "(b) \(Format.fixed(runB, 2)) s raw", ratio: runA / runB, target: "-", met: nil
            ),
        ])
    }

    /// Runs the pipeline once through the real runner, in a folder of its own (so nothing is skipped).
    private func endToEnd(_ emulator: GongEmulator, transforms: Bool) async throws -> Run {
        let folder = try TemporaryFolder(transforms ? "transforms-a" : "transforms-b")
        defer { folder.remove() }
        let pipeline = try pipeline(emulator, transforms: transforms, in: folder)
        let windows = try WindowPlanner.windows(for: pipeline.source)
        let cpuBefore = CPUClock.process
        let (seconds, summary) = try await WallClock.measure {
            try await Runner(pipeline: pipeline, logger: BenchPipeline.logger).run(windows: windows)
        }
        guard summary.metrics.windowsDone == windows.count else {
            throw BenchmarkError("transforms-share: \(summary.metrics.windowsDone) of \(windows.count) windows done")
        }
        return Run(
            seconds: seconds, cpuSeconds: CPUClock.process - cpuBefore, summary: summary,
            written: pipeline.sinks.map { summary.metrics.rowsWritten[$0.sink.identity] ?? 0 }
        )
    }

    /// The pipeline over `emulator`: (a) per-day and per-call sinks, or (b) the same sinks, raw.
    private func pipeline(_ emulator: GongEmulator, transforms: Bool, in folder: TemporaryFolder) throws -> Pipeline {
        let first = CalendarDate(year: 2024, month: 1, day: 1)!
        let perDay = transforms ? #", "transforms": [ { "type": "flatten.perDay" } ]"# : ""
        let perCall = transforms
            ? #", "transforms": [ { "type": "flatten.perCall" }, { "type": "dedupe", "key": ["user_id", "day", "activity", "call_id"] } ]"#
            : ""
        return try BenchPipeline.load("""
            {
              "version": 1,
              "name": "bench-transforms-share",
              "source": {
                "type": "gong.activity", "baseURL": "\(emulator.baseURL)",
                "auth": { "accessKey": "${BENCH_GONG_KEY}", "accessKeySecret": "${BENCH_GONG_SECRET}" },
                "timeZone": "UTC", "fromDate": "\(first)", "toDate": "\(first.adding(days: days))", "windowDays": \(windowDays),
                "rateLimit": { "perSecond": 1000, "perDay": 1000000 }
              },
              "sinks": [
                { "type": "ndjson", "path": "\(folder.file("per-day.ndjson"))"\(perDay) },
                { "type": "ndjson", "path": "\(folder.file("per-call.ndjson"))"\(perCall) }
              ],
              "state": { "type": "file", "path": "\(folder.file("state.json"))" }
            }
            """, environment: [
                "BENCH_GONG_KEY": emulator.configuration.accessKey,
                "BENCH_GONG_SECRET": emulator.configuration.accessKeySecret,
            ])
    }

    /// The middle value (the mean of the two middle ones for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
