import ArgumentParser
import Foundation
import GongEmulator
import SluicePluginTesting
import SluiceCore

/// `memory` (issue 10): the peak resident memory of the `sluice` binary, one child process per
/// run, reading a year of an emulated company in windows of 30, 91, 182 and 365 days into a raw
/// archive, a per-call and a per-day NDJSON file. Memory must not grow with the window: the
/// 365-day run is compared with the 30-day run side by side, and every run with a ceiling.
struct MemoryBenchmark: AsyncParsableCommand, Benchmark {
    static let configuration = CommandConfiguration(
        commandName: "memory",
        abstract: "Peak RSS of a one-year run per window size (issue 10; target <= 150 MB, 365 days within 20% of 30 days)."
    )

    @Option(help: "Users of the emulated company (the issue's figure: 200).")
    var users = 200

    @Option(help: "Users per page of Gong's answer.")
    var pageSize = 100

    @Option(parsing: .upToNextOption, help: "Window sizes, in days.")
    var windowDays = [30, 91, 182, 365]

    @Option(help: "The highest acceptable peak RSS, in MB.")
    var ceiling = 150.0

    @Option(help: "The highest acceptable ratio of the widest window's peak to the narrowest's.")
    var growth = 1.2

    @Option(help: "The sluice binary to measure (the one built next to sluice-bench by default).")
    var sluice: String?

    @Flag(help: "Exit with 1 when a target is missed.")
    var strict = false

    func validate() throws {
        guard users > 0, pageSize > 0, !windowDays.isEmpty, windowDays.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("sizes must be positive")
        }
    }

    func run() async throws {
        try await report(strict: strict)
    }

    func measure() async throws -> BenchmarkResult {
        let binary = sluice ?? SluiceBinary.beside()
        let peaks = try await withEmulator(GongEmulatorConfiguration(users: users, seed: 10, pageSize: pageSize)) { emulator in
            try measure(binary, against: emulator)
        }
        return Self.result(peaks, ceiling: ceiling, growth: growth, users: users)
    }

    /// One child process per window size; their peaks, narrowest window first.
    private func measure(_ binary: String, against emulator: GongEmulator) throws -> [(days: Int, megabytes: Double, seconds: Double)] {
        var peaks: [(days: Int, megabytes: Double, seconds: Double)] = []
        for days in windowDays.sorted() {
            let folder = try TemporaryFolder("memory-\(days)")
            defer { folder.remove() }
            let pipeline = folder.file("pipeline.json")
            try Self.pipeline(emulator: emulator, windowDays: days).write(toFile: pipeline, atomically: true, encoding: .utf8)
            let run = try ChildProcess.measureRun(binary, pipeline: pipeline, log: folder.file("run.log"), what: "memory: the \(days)-day run")
            peaks.append((days, run.peakMegabytes, run.outcome.seconds))
        }
        return peaks
    }

    static func result(_ peaks: [(days: Int, megabytes: Double, seconds: Double)], ceiling: Double, growth: Double, users: Int)
        -> BenchmarkResult
    {
        let narrowest = peaks.first!
        let rows = peaks.map { peak in
            let ratio = peak.megabytes / narrowest.megabytes
            let met = peak.megabytes <= ceiling && (peak.days == narrowest.days || ratio <= growth)
            return SummaryRow(
                name: "memory \(peak.days)-day windows", measured: "\(Format.fixed(peak.megabytes, 1)) MB peak RSS",
                baseline: "\(Format.fixed(narrowest.megabytes, 1)) MB at \(narrowest.days) days", ratio: ratio,
                target: "<= \(Format.fixed(ceiling, 0)) MB" + (peak.days == narrowest.days ? "" : ", ratio <= \(Format.fixed(growth, 2))"),
                met: met
            )
        }
        let line = "memory: one year of \(users) users, peak RSS " + peaks.map {
            "\($0.days) d: \(Format.fixed($0.megabytes, 1)) MB (\(Format.fixed($0.seconds, 1)) s)"
        }.joined(separator: ", ") + "; target <= \(Format.fixed(ceiling, 0)) MB each, widest within \(Format.fixed(growth, 2))x of narrowest"
        return BenchmarkResult(line: line, rows: rows)
    }

    /// The sinks of the measured runs: a raw archive, a per-call and a per-day file.
    static let threeFiles = [
        #"{ "type": "ndjson", "path": "raw.ndjson" }"#,
        #"{ "type": "ndjson", "path": "calls.ndjson", "transforms": [ { "type": "flatten.perCall" } ] }"#,
        #"{ "type": "ndjson", "path": "days.ndjson", "transforms": [ { "type": "flatten.perDay" } ] }"#,
    ]

    /// A year from the emulator into `sinks`, as the pipeline `name`.
    static func pipeline(emulator: GongEmulator, windowDays: Int, sinks: [String] = threeFiles, name: String = "bench-memory") -> String {
        """
        {
          "version": 1, "name": "\(name)",
          "source": {
            "type": "gong.activity", "baseURL": "\(emulator.baseURL)",
            "auth": { "accessKey": "\(emulator.configuration.accessKey)", "accessKeySecret": "\(emulator.configuration.accessKeySecret)" },
            "timeZone": "UTC", "fromDate": "2024-01-01", "toDate": "2025-01-01", "windowDays": \(windowDays), "lookbackDays": 0,
            "rateLimit": { "perSecond": 1000, "perDay": 1000000 }
          },
          "sinks": [ \(sinks.joined(separator: ", ")) ]
        }
        """
    }
}
