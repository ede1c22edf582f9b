import Foundation
import GongEmulator
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// Through the binary: a Gong answer that contradicts its request fails its window, and nothing of
/// it reaches a sink (a day from another year, a user twice, a later page that says nothing matched).
@Suite struct InconsistentAnswerTests {
    @Test(arguments: [
        [GongEmulatorFault.shiftDays(-366)],
        [.userTwice],
        [.normal, .raw(status: 404, body: #"{"requestId": "4455667788990011223", "errors": ["No users found corresponding to the provided filters"]}"#)],
    ])
    func theWindowFailsAndNothingIsWritten(faults: [GongEmulatorFault]) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("pipeline.json")
        let configuration = GongEmulatorConfiguration(
            users: 30, seed: 7, pageSize: 8, timeZone: EmulatorHarness.zone, ratePerSecond: nil, today: EmulatorHarness.today
        )
        try await withEmulator(configuration) { emulator in
            try GongPipelineFile(
                name: "inconsistent", emulator: emulator, fromDate: CalendarDate("2025-01-01")!, toDate: CalendarDate("2025-01-08")!,
                windowDays: 7, concurrency: 1, sinks: [SinkBlock.rawFile(folder.file("raw.ndjson")), SinkBlock.perDayFile(folder.file("days.ndjson"))]
            ).write(to: path)
            emulator.inject(faults)
            let run = try await SluiceProcess.run(["run", path, "--log-format", "json"], in: folder.path)
            #expect(run.status == 1, "\(run.errors)")
            let last = try JSONParser.parse(String(run.errors.split(separator: "\n").last ?? ""))
            #expect(last["code"] == .string("gong_inconsistent_answer"), "\(run.errors)")
            #expect(last["window"] == .string("2025-01-01..2025-01-08"), "\(run.errors)")
            #expect(folder.lines("raw.ndjson").isEmpty && folder.lines("days.ndjson").isEmpty)
        }
    }
}
