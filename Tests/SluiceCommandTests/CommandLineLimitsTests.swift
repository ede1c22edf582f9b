import Foundation
import Testing
import SluiceTestKit

/// Numbers given on the command line obey the limits the same options obey in a pipeline file:
/// out of range, the command exits 2 before reading anything.
@Suite struct CommandLineLimitsTests {
    static let pipeline = #"{"version": 1, "name": "limits", "source": \#(HostileFile.embeddedSource()), "sinks": [{"type": "ndjson", "path": "out.ndjson"}]}"#

    @Test(arguments: [
        ["backfill", "--from", "2024-01-01", "--to", "2024-01-08", "--window-days", "100000"],
        ["backfill", "--from", "2024-01-01", "--to", "2024-01-08", "--window-days", "0"],
        ["backfill", "--from", "2024-01-01", "--to", "2024-01-08", "--window-days=-7"],
        ["backfill", "--from", "2024-01-01", "--to", "2024-01-08", "--concurrency", "0"],
        ["backfill", "--from", "2024-01-01", "--to", "2024-01-08", "--concurrency", "33"],
        ["run", "--window-days", "367"],
        ["run", "--concurrency=-1"],
        ["plan", "--window-days", "0"],
    ])
    func anArgumentOutOfTheOptionsRangeExits2AndReadsNothing(arguments: [String]) async throws {
        let file = try HostileFile(Self.pipeline)
        defer { file.remove() }
        let result = try await file.run(arguments)
        #expect(result.status == 2, "\(result.errors)")
        let named = arguments.first { $0.hasPrefix("--window-days") || $0.hasPrefix("--concurrency") }?.split(separator: "=").first ?? ""
        #expect(result.errors.contains("\(named) "), "\(result.errors)")
        #expect(!FileManager.default.fileExists(atPath: file.folder.file("out.ndjson")))
    }

    @Test func theLimitsThemselvesAreAccepted() async throws {
        let file = try HostileFile(Self.pipeline)
        defer { file.remove() }
        let result = try await file.run(["backfill", "--from", "2024-01-01", "--to", "2024-01-08", "--window-days", "366", "--concurrency", "32"])
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test(arguments: [["--port", "70000"], ["--page-size", "0"], ["--users=-1"], ["--rate-per-second", "0"], ["--latency-ms=-5"]])
    func theEmulatorRefusesNumbersOutOfRange(arguments: [String]) async throws {
        let process = try SluiceProcess(["emulate", "gong"] + arguments, in: NSTemporaryDirectory())
        let ended = (try? await waitUntil(timeout: .seconds(10)) { !process.isRunning }) != nil
        if !ended { process.send(SIGKILL) }
        let result = await process.finish()
        #expect(ended && result.status == 2, "\(result.errors)")
    }
}
