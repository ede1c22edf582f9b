import Foundation
import GongEmulator
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// On a terminal (a pseudo-terminal made by `script`), the progress line stays last: every log
/// line is written after clearing it, never in the middle of it, and it names each sink's rows.
@Suite struct TerminalTests {
    @Test func logLinesNeverLandInsideTheProgressLine() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("pipeline.json")
        // Slow answers: the progress line is drawn several times between log lines.
        try await withEmulator(EmulatorHarness.faulty(seed: 3, ratePerSecond: nil, errorRate: 0, latencyMilliseconds: 700)) { emulator in
            try GongPipelineFile(
                name: "terminal", emulator: emulator, fromDate: CalendarDate("2025-01-01")!, toDate: CalendarDate("2025-01-15")!,
                windowDays: 7, concurrency: 1, sinks: [SinkBlock.perDayFile(folder.file("days.ndjson"))]
            ).write(to: path)
            let (status, printed) = try Self.onTerminal([SluiceProcess.executable.path, "run", path], in: folder.path)
            // The terminal ends lines with "\r\n", one Character in Swift: back to "\n" to split them.
            let output = printed.replacingOccurrences(of: "\r\n", with: "\n")
            #expect(status == 0, "\(output)")
            let clear = "\r\u{1B}[K"
            #expect(output.contains(clear + "windows "), "no progress line was drawn: \(output)")
            #expect(output.contains("rows days.ndjson "), "\(output)")
            let logLines = output.components(separatedBy: "\n").filter { $0.contains(" info ") || $0.contains(" notice ") }
            #expect(logLines.count >= 3, "\(output)")
            for line in logLines {
                // What precedes a log line's timestamp on its terminal line must have been cleared.
                guard let stamp = line.firstRange(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/) else { continue }
                let prefix = line[..<stamp.lowerBound]
                #expect(prefix.isEmpty || prefix.hasSuffix(clear), "a log line inside the progress line: \(line.debugDescription)")
            }
        }
    }

    /// Runs `arguments` on a pseudo-terminal (util-linux's `script`); returns its status and all it printed.
    static func onTerminal(_ arguments: [String], in folder: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qefc", arguments.map { "'\($0)'" }.joined(separator: " "), "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
