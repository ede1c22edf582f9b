import Foundation
import GongEmulator
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// Gong's limits are shared with the company's other integrations, so a run can be configured
/// above what the server allows it: through the real binary, a 429 slows every window down and
/// the run still finishes with exactly the ground truth, with few 429s; calls that never reach
/// Gong cost nothing of the day's quota.
@Suite struct SharedQuotaTests {
    static let range = DateRange(from: CalendarDate("2025-01-01")!, to: CalendarDate("2025-02-26")!)
    static let windowDays = 7

    @Test func aRunConfiguredAboveTheServersRateSlowsDownAndFinishesExactly() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (perDay, perCall) = (folder.file("out/days.ndjson"), folder.file("out/calls.ndjson"))
        // The server allows 5 calls a second; the pipeline asks for 20, four windows at once.
        let configuration = GongEmulatorConfiguration(
            users: 30, seed: 61, pageSize: 4, timeZone: EmulatorHarness.zone, ratePerSecond: 5, today: EmulatorHarness.today
        )
        try await withEmulator(configuration) { emulator in
            var pipeline = GongPipelineFile(
                name: "e2e-shared-quota", emulator: emulator, fromDate: Self.range.from, toDate: Self.range.to,
                windowDays: Self.windowDays, concurrency: 4, sinks: [SinkBlock.perDayFile(perDay), SinkBlock.perCallFile(perCall)],
                state: .object(["type": .string("file"), "path": .string(folder.file("state.json"))])
            )
            pipeline.perSecond = 20
            try pipeline.write(to: folder.file("pipeline.json"))
            let started = ContinuousClock.now
            let run = try await SluiceProcess(["run", folder.file("pipeline.json")], in: folder.path).finish(within: .seconds(180))
            let seconds = (ContinuousClock.now - started).seconds
            #expect(run.status == 0, "\(run.errors)")

            let windows = Self.range.split(every: Self.windowDays)
            let days = RowDifference(
                actual: try WarehouseRows.perDay(file: perDay), expected: WarehouseRows.expectedPerDay(emulator, windows: windows)
            )
            #expect(days.isEmpty, "per-day file: \(days)")
            let calls = RowDifference(
                actual: try WarehouseRows.perCall(file: perCall), expected: WarehouseRows.expectedPerCall(emulator, windows: windows)
            )
            #expect(calls.isEmpty, "per-call file: \(calls)")

            let pages = windows.map(emulator.pages(of:)).reduce(0, +)
            let counters = emulator.counters
            // Each 429 costs a call of the day's quota: the run must learn the server's pace (three 429s
            // bring 20 calls a second down to 5), then keep under it. Alone on a machine it meets about
            // one 429 per ten pages, under the load of the whole suite two; without the shared
            // slowdown it met six.
            #expect(counters.rateLimited * 3 <= pages, "\(counters.rateLimited) 429s for \(pages) pages in \(seconds) s")
            #expect(counters.requests == pages + counters.rateLimited, "\(counters)")
            // Never slowed down to a crawl: well above one call a second.
            #expect(seconds < Double(pages) + 20, "\(pages) pages in \(seconds) s")
        }
    }

    @Test func callsThatNeverReachGongCostNothingOfTheQuota() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // The pipeline points at a port where nothing listens: every connection is refused at once.
        let configuration = GongEmulatorConfiguration(timeZone: EmulatorHarness.zone, today: EmulatorHarness.today)
        let emulator = GongEmulator(configuration: configuration)
        var document = GongPipelineFile(
            name: "e2e-refused", emulator: emulator, fromDate: Self.range.from, toDate: Self.range.to,
            sinks: [SinkBlock.rawFile(folder.file("out/raw.ndjson"))],
            state: .object(["type": .string("file"), "path": .string(folder.file("state.json"))])
        ).document
        // Held (bound, not listening) for the whole test: no emulator of another test can take the port.
        let refusing = try SilentListener(listening: false)
        defer { withExtendedLifetime(refusing) {} }
        let port = refusing.port
        document = Self.replacing(baseURL: "http://127.0.0.1:\(port)", in: document)
        try JSONWriter.string(document).write(toFile: folder.file("pipeline.json"), atomically: true, encoding: .utf8)
        let run = try await SluiceProcess(["run", folder.file("pipeline.json"), "--log-format", "json"], in: folder.path)
            .finish(within: .seconds(60))
        #expect(run.status == 1, "\(run.errors)")
        #expect(run.errorCode == "gong_unavailable", "\(run.errors)")
        let state = try JSONParser.parse(try String(contentsOfFile: folder.file("state.json"), encoding: .utf8))
        // Counted per day of the company's zone: whatever the day, nothing is left counted.
        let days = state["usage"]?["gong:127.0.0.1:\(port)"].flatMap { if case .object(let days) = $0 { days } else { nil } }
        #expect((days?.values ?? []).allSatisfy { $0 == .int(0) }, "\(state)")
        let runs = try await SluiceProcess.run(["runs", folder.file("pipeline.json"), "--format", "json"], in: folder.path)
        let history = try JSONParser.parse(runs.output)
        #expect(history["runs"]?.arrayOrEmpty?.first?["api_calls"] == .int(0))
    }

    /// `document` with the source's `baseURL` replaced.
    static func replacing(baseURL: String, in document: Value) -> Value {
        guard case .object(var root) = document, case .object(var source)? = root["source"] else { return document }
        source["baseURL"] = .string(baseURL)
        root["source"] = .object(source)
        return .object(root)
    }
}
