import ArgumentParser
import Foundation
import GongEmulator
import SluiceCore
import SluiceGong
import SluicePluginTesting

/// `gong-decode` (issue 10): decoding one page of Gong's day-by-day answer into the source's rows
/// (`GongPage`: the page scanned, each user's record read and checked) against Foundation's
/// `JSONSerialization` turning the same bytes into objects, on the same thread, in one run.
struct GongDecodeBenchmark: AsyncParsableCommand, Benchmark {
    static let configuration = CommandConfiguration(
        commandName: "gong-decode",
        abstract: "Gong page decoding vs JSONSerialization on the same bytes (issue 10; target >= 3x)."
    )

    @Option(help: "Users of the emulated company, all on one page.")
    var users = 100

    @Option(help: "Days of the window the page answers.")
    var days = 365

    @Option(help: "Times each decoder reads the page; the fastest time counts.")
    var rounds = 5

    @Option(help: "The lowest acceptable ratio of JSONSerialization's time to Sluice's.")
    var target = 3.0

    @Flag(help: "Exit with 1 when the target is missed.")
    var strict = false

    func run() async throws {
        try await report(strict: strict)
    }

    func measure() async throws -> BenchmarkResult {
        let (bytes, window) = try await page()
        let data = Data(bytes)
        var foundation = Double.infinity
        var sluice = Double.infinity
        var rows = 0
        var expected = 0
        for _ in 0..<rounds {
            let (seconds, objects) = try await CPUClock.measure { try JSONSerialization.jsonObject(with: data) }
            guard objects is [String: Any] else { throw BenchmarkError("gong-decode: the page is not a JSON object") }
            foundation = min(foundation, seconds)
            let decoded = try await CPUClock.measure { () throws -> Int in
                let page = try GongPage(answer: GongAnswer(bytes: bytes))
                // Batches of at most 256 KiB, as the source hands them on.
                var batch = RecordBatch(schema: GongActivitySource.recordSchema)
                var reader = GongUserReader()
                var decoded = 0
                expected = page.users.count
                for position in page.users.indices {
                    _ = try page.appendRow(position, days: window, to: &batch, reader: &reader)
                    if batch.byteCount >= 256 << 10 || position == page.users.count - 1 {
                        decoded += batch.count
                        batch.removeAll()
                    }
                }
                return decoded
            }
            sluice = min(sluice, decoded.seconds)
            rows = decoded.value
        }
        guard rows == expected, rows > 0 else { throw BenchmarkError("gong-decode: \(rows) users decoded of \(expected)") }
        let ratio = foundation / sluice
        let megabytes = Double(bytes.count) / 1_048_576
        let line = "gong-decode: a \(Format.fixed(megabytes, 1)) MB page (\(rows) users x \(days) days) into rows in"
            + " \(Format.fixed(sluice * 1000, 0)) ms vs JSONSerialization in \(Format.fixed(foundation * 1000, 0)) ms"
            + " (ratio \(Format.fixed(ratio, 2))); target >= \(Format.fixed(target, 1))x"
        return BenchmarkResult(line: line, rows: [
            SummaryRow(name: "gong-decode", measured: "\(Format.fixed(sluice * 1000, 0)) ms",
                       baseline: "JSONSerialization \(Format.fixed(foundation * 1000, 0)) ms", ratio: ratio,
                       target: ">= \(Format.fixed(target, 1))", met: ratio >= target),
        ])
    }

    /// The emulator's first page of a `days`-day window holding every user, as Gong's bytes.
    private func page() async throws -> (bytes: [UInt8], window: DateRange) {
        let configuration = GongEmulatorConfiguration(users: users, seed: 12, pageSize: users)
        let folder = try TemporaryFolder("gong-decode")
        defer { folder.remove() }
        guard let first = CalendarDate("2024-01-01") else { throw BenchmarkError("gong-decode: bad first day") }
        let window = DateRange(from: first, to: first.adding(days: days))
        let body = #"{"filter":{"fromDate":"\#(window.from)","toDate":"\#(window.to)"}}"#
        _ = try await withEmulator(configuration) { emulator in
            try await Command.run("/usr/bin/curl", [
                "-sS", "--fail", "-o", folder.file("page.json"), "-u", "\(configuration.accessKey):\(configuration.accessKeySecret)",
                "-H", "Content-Type: application/json", "-d", body, "\(emulator.baseURL)/v2/stats/activity/day-by-day",
            ], describing: "curl of the emulator's page")
        }
        return (Array(try Data(contentsOf: URL(fileURLWithPath: folder.file("page.json")))), window)
    }
}
