import GongEmulator
import GongModel
import Logging
import SluiceCore
import SluiceGong
import SluicePluginTesting
import SluiceTestKit
import Synchronization
import Testing

/// A source block for `emulator`, fast settings for tests, overridden by `options`.
func sourceConfig(_ emulator: GongEmulator?, _ options: [String: Value] = [:]) -> PluginConfig {
    var object = ValueObject([
        "fromDate": .string("2024-01-01"),
        "toDate": .string("2024-03-01"),
        "timeZone": .string("UTC"),
        "rateLimit": .object(ValueObject(["perSecond": .int(1000), "perDay": .int(100_000)])),
        "retryBaseDelay": .double(0.01),
        "maxRetries": .int(3),
    ])
    if let emulator {
        object["baseURL"] = .string(emulator.baseURL)
        object["auth"] = .object(ValueObject([
            "accessKey": .string(emulator.configuration.accessKey),
            "accessKeySecret": .string(emulator.configuration.accessKeySecret),
        ]))
    }
    for (key, value) in options.sorted(by: { $0.key < $1.key }) { object[key] = value }
    return PluginConfig(object: object, path: "source", specs: GongActivitySource.options)
}

/// The windows of a source's configured range.
func windows(of source: GongActivitySource) -> [Window] {
    guard let windowing = source.windowing else { return [.whole] }
    return windowing.configuredRange.split(every: windowing.windowDays).map { Window(days: $0) }
}

/// What a run of a source saw: batches per window, metrics and log lines.
final class SourceRun: Sendable {
    let state: any StateStore
    let metrics = RunMetrics()
    let logLines = CapturingLogHandler.Lines()
    let services: PluginServices
    private let collected = Mutex<[Window: [RecordBatch]]>([:])

    init(state: any StateStore = MemoryStateStore(), services: PluginServices = PluginServices()) {
        self.state = state
        self.services = services
    }

    var context: RunContext {
        let lines = logLines
        return RunContext(pipeline: "test", logger: Logger(label: "test") { _ in CapturingLogHandler(lines: lines) },
                          state: state, metrics: metrics, services: services)
    }

    /// Reads `windows` one after another (or all at once when `concurrently`), then closes the reader.
    func read(_ source: GongActivitySource, _ windows: [Window], concurrently: Bool = false) async throws {
        let reader = try await source.open(context: context)
        do {
            if concurrently {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for window in windows { group.addTask { try await self.read(window, with: reader) } }
                    try await group.waitForAll()
                }
            } else {
                for window in windows { try await read(window, with: reader) }
            }
            try await reader.close()
        } catch {
            try await reader.close()
            throw error
        }
    }

    private func read(_ window: Window, with reader: any SourceReader) async throws {
        try await reader.read(window) { batch in
            self.collected.withLock { $0[window, default: []].append(batch) }
        }
    }

    func batches(_ window: Window) -> [RecordBatch] { collected.withLock { $0[window] ?? [] } }

    func rows(_ window: Window) -> [[Value]] { batches(window).flatMap(\.rows) }

    /// Every row, windows in order.
    var allRows: [[Value]] {
        collected.withLock { byWindow in byWindow.keys.sorted().flatMap { byWindow[$0, default: []].flatMap(\.rows) } }
    }
}

/// The rows the source must emit for these records: ids as strings, every list present, dates as written.
func expectedRows(_ users: [GongUserActivity]) -> [[Value]] {
    users.map { user in
        let days = user.days.map { day -> Value in
            var object = ValueObject()
            for list in GongActivityList.allCases { object[list.rawValue] = .array((day.calls[list] ?? []).map(Value.string)) }
            object["fromDate"] = .string(day.fromDate)
            object["toDate"] = .string(day.toDate)
            return .object(object)
        }
        return [.string(user.userId), .string(user.emailAddress), .array(days)]
    }
}

extension DateRange {
    /// A range from two `YYYY-MM-DD` literals.
    init(_ from: String, _ to: String) {
        self.init(from: CalendarDate(from)!, to: CalendarDate(to)!)
    }
}

/// Ten days of January 2024: the window the hostile-answer tests read.
let tenDays = Window(days: DateRange("2024-01-01", "2024-01-11"))

/// A source reading ``tenDays`` from `emulator`, with fast settings for tests, overridden by `options`.
func tenDaySource(_ emulator: GongEmulator, _ options: [String: Value] = [:]) throws -> GongActivitySource {
    try GongActivitySource(config: sourceConfig(emulator, ["toDate": .string("2024-01-11")].merging(options) { $1 }))
}

/// Reads ``tenDays`` expecting the window to fail as inconsistent on `page`, before anything of
/// that page is emitted and without a retry; returns the error for further checks.
func inconsistentAnswer(_ emulator: GongEmulator, page: Int, sourceLocation: SourceLocation = #_sourceLocation)
    async throws -> SluiceError
{
    let run = SourceRun()
    let error = try #require(await sluiceError { try await run.read(try tenDaySource(emulator), [tenDays]) },
                             sourceLocation: sourceLocation)
    #expect(error.code == .gongInconsistentAnswer, sourceLocation: sourceLocation)
    #expect(error.outcome == .failed && !error.isTransient, sourceLocation: sourceLocation)
    #expect(error.context("window") == tenDays.key, sourceLocation: sourceLocation)
    #expect(error.context("page") == String(page), sourceLocation: sourceLocation)
    #expect(error.context("requestId")?.count == 19, sourceLocation: sourceLocation)
    #expect(run.metrics.snapshot.pages == page - 1, "the bad page is not emitted", sourceLocation: sourceLocation)
    #expect(run.batches(tenDays).count <= page - 1, sourceLocation: sourceLocation)
    #expect(run.metrics.snapshot.apiCalls == page && run.metrics.snapshot.retries == 0, sourceLocation: sourceLocation)
    return error
}
