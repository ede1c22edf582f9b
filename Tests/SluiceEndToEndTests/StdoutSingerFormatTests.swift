import Foundation
import GongEmulator
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// `"format": "singer"` on the stdout sink prints what a Singer tap prints, so that Meltano can
/// run Sluice as an extractor: a SCHEMA, the rows as RECORDs, a STATE after each window.
@Suite struct StdoutSingerFormatTests {
    @Test func stdoutPrintsSchemaRecordsAndAStatePerWindow() async throws {
        let range = DateRange(from: CalendarDate("2025-01-01")!, to: CalendarDate("2025-01-22")!)
        let windows = range.split(every: 7)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await withEmulator(EmulatorHarness.faulty(seed: 35, ratePerSecond: nil, errorRate: 0)) { emulator in
            let sink: Value = .object([
                "type": .string("stdout"), "format": .string("singer"), "stream": .string("days"),
                "key": .array([.string("user_id"), .string("day")]), "transforms": .array([.object(["type": .string("flatten.perDay")])]),
            ])
            // One window at a time, so that each STATE follows exactly its window's records.
            try GongPipelineFile(
                name: "singer-stdout", emulator: emulator, fromDate: range.from, toDate: range.to, windowDays: 7, lookbackDays: 0,
                concurrency: 1, sinks: [sink]
            ).write(to: folder.file("pipeline.json"))
            let run = try await SluiceProcess.run(["run", folder.file("pipeline.json")], in: folder.path)
            try #require(run.status == 0, "\(run.errors)")

            let messages = try run.output.split(separator: "\n").map { try JSONParser.parse(String($0)) }
            let schema = try #require(messages.first)
            #expect(schema["type"] == .string("SCHEMA") && schema["stream"] == .string("days"))
            #expect(schema["key_properties"] == .array([.string("user_id"), .string("day")]))
            let properties = schema["schema"]?["properties"]
            #expect(properties?["user_id"] == .object(["type": .string("string")]))
            #expect(properties?["day"] == .object(["type": .string("string"), "format": .string("date")]))
            #expect(properties?["day_start"] == .object(["type": .array([.string("null"), .string("string")]), "format": .string("date-time")]))
            #expect(properties?["calls_as_host"] == .object(["type": .array([.string("null"), .string("integer")])]))
            #expect(messages.dropFirst().allSatisfy { $0["type"] != .string("SCHEMA") }, "a second SCHEMA")

            // The STATEs name the windows in order, and each closes the records of its window.
            let states = messages.filter { $0["type"] == .string("STATE") }
            #expect(states.compactMap { $0["value"]?["sluice"]?["window"] } == windows.map { .string($0.description) })
            #expect(messages.last?["type"] == .string("STATE"))
            var window = 0
            for message in messages where message["type"] == .string("RECORD") || message["type"] == .string("STATE") {
                if message["type"] == .string("STATE") {
                    window += 1
                    continue
                }
                #expect(message["stream"] == .string("days"))
                let day = try #require(message["record"]?["day"].flatMap(\.digitsOrText).flatMap(CalendarDate.init))
                #expect(windows[window].contains(day), "\(day) printed in window \(windows[window])")
            }

            // The records are the ground truth.
            let records = messages.compactMap { $0["record"] }.map(JSONWriter.string).joined(separator: "\n")
            try records.write(toFile: folder.file("records.ndjson"), atomically: true, encoding: .utf8)
            let days = RowDifference(actual: try WarehouseRows.perDay(file: folder.file("records.ndjson")), expected: WarehouseRows.expectedPerDay(emulator, windows: windows))
            #expect(days.isEmpty, "\(days)")
        }
    }
}
