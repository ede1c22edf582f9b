import Foundation
import GongEmulator
import GongModel
import Logging
import SluiceCore
import SluicePlugins
import SluiceTestKit
import Testing

/// The per-day and per-call rows of a whole pipeline run (Gong source over real HTTP, flatten
/// transforms, ndjson sinks) equal, row for row, rows derived independently from the emulator's
/// ground truth, in zones with and without daylight saving time.
@Suite struct GoldenRowsTests {
    static let lists = GongActivityList.allCases

    @Test(arguments: [
        ("America/Los_Angeles", "2024-03-05", "2024-03-15"),
        ("America/Los_Angeles", "2024-10-30", "2024-11-06"),
        ("Asia/Kolkata", "2024-03-05", "2024-03-15"),
    ])
    func rowsEqualTheGroundTruth(zone: String, from: String, to: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let emulator = GongEmulator(configuration: GongEmulatorConfiguration(
            users: 30, seed: 7, pageSize: 7, timeZone: try #require(CompanyZone(identifier: zone)),
            idsAsNumbers: true, omitEmptyLists: true, today: CalendarDate("2025-01-01")
        ))
        try await emulator.start()
        defer { Task { try? await emulator.shutdown() } }
        let pipeline = try PipelineLoader(registry: ShippedPlugins.registry(), environment: [:]).load(Array("""
            {"version": 1, "name": "golden",
             "source": {"type": "gong.activity", "baseURL": "\(emulator.baseURL)", "timeZone": "\(zone)",
                        "auth": {"accessKey": "\(emulator.configuration.accessKey)", "accessKeySecret": "\(emulator.configuration.accessKeySecret)"},
                        "fromDate": "\(from)", "toDate": "\(to)", "windowDays": 3, "rateLimit": {"perSecond": 1000}},
             "sinks": [
               {"type": "ndjson", "path": "\(folder.file("day.ndjson"))", "transforms": [{"type": "flatten.perDay"}]},
               {"type": "ndjson", "path": "\(folder.file("call.ndjson"))", "transforms": [{"type": "flatten.perCall"}]}],
             "state": {"type": "file", "path": "\(folder.file("state.json"))"}}
            """.utf8))
        let windows = try WindowPlanner.windows(for: pipeline.source)
        _ = try await Runner(pipeline: pipeline, logger: Logger(label: "golden")).run(windows: windows)

        // Gong answers per window: the users active in it, with every day of it.
        let truth = windows.compactMap(\.days).flatMap { window in emulator.groundTruth(window).map { (window, $0) } }
        let timeZone = try #require(TimeZone(identifier: zone))
        var expectedDays: Set<String> = []
        var expectedCalls: Set<String> = []
        for (window, user) in truth {
            for (offset, day) in user.days.enumerated() {
                let date = window.from.adding(days: offset)
                let start = Self.midnight(date, in: timeZone), end = Self.midnight(date.adding(days: 1), in: timeZone)
                #expect(day.fromDate == start)
                var row: ValueObject = [
                    "user_id": .string(user.userId), "user_email": .string(user.emailAddress), "day": .string(date.description),
                    "day_start": .string(start), "day_end": .string(end),
                ]
                for list in Self.lists {
                    row[Self.snakeCase(list.rawValue)] = .int(Int64(day.calls[list]?.count ?? 0))
                    for call in day.calls[list] ?? [] {
                        expectedCalls.insert(JSONWriter.string(.object([
                            "user_id": .string(user.userId), "user_email": .string(user.emailAddress), "day": .string(date.description),
                            "day_start": .string(start), "day_end": .string(end), "activity": .string(list.rawValue), "call_id": .string(call),
                        ])))
                    }
                }
                expectedDays.insert(JSONWriter.string(.object(row)))
            }
        }
        let days = folder.lines("day.ndjson"), calls = folder.lines("call.ndjson")
        #expect(!expectedCalls.isEmpty)
        #expect(truth.contains { $0.1.userId.count == 20 })
        #expect(days.count == expectedDays.count && Set(days) == expectedDays)
        #expect(calls.count == expectedCalls.count && Set(calls) == expectedCalls)
    }

    /// `YYYY-MM-DDT00:00:00±hh:mm` for the start of `date` in `zone`, computed with Foundation.
    static func midnight(_ date: CalendarDate, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let (year, month, day) = date.parts
        let instant = calendar.date(from: DateComponents(year: year, month: month, day: day))!
        let offset = zone.secondsFromGMT(for: instant)
        let sign = offset < 0 ? "-" : "+"
        return date.description + "T00:00:00" + (offset == 0 ? "Z" : String(format: "%@%02d:%02d", sign, abs(offset) / 3600, abs(offset) / 60 % 60))
    }

    static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { text, character in
            text += character.isUppercase ? "_" + character.lowercased() : String(character)
        }
    }
}
