import Foundation
import Testing
import SluiceCore
import SluiceTestKit

/// A run stopped in the middle of a window, by a signal or a kill, leaves only whole windows.
///
/// The source reads a named pipe, so the test decides exactly when the window is in flight: the
/// spool file of the window exists and the source waits for more lines.
@Suite struct InterruptionTests {
    struct InFlightRun {
        let folder: TemporaryFolder
        let pipeline: ReloadPipeline
        let process: SluiceProcess
        let writer: FileHandle
    }

    /// Starts a run whose first window is in flight, with `lines` lines sent to the source.
    func startInFlight(lines: Int) async throws -> InFlightRun {
        let folder = try TemporaryFolder()
        let fifo = folder.file("in.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let pipeline = try ReloadPipeline(folder: folder, input: fifo, batchSize: 1)
        let process = try SluiceProcess(["run", pipeline.path], in: folder.path)
        let writer = try await openPipeForWriting(fifo)
        try writer.write(contentsOf: Data((0..<lines).map { #"{"userId":"\#($0)","n":\#($0)}"# + "\n" }.joined().utf8))
        try await waitUntil { spools(in: folder).count == 1 } else: { process.errorsSoFar }
        return InFlightRun(folder: folder, pipeline: pipeline, process: process, writer: writer)
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalRollsBackTheWindowInFlightAndExitsWithAMessage(signal: Int32) async throws {
        let run = try await startInFlight(lines: 3)
        defer { run.folder.remove() }
        kill(run.process.processIdentifier, signal)
        try await waitUntil { run.process.errorsSoFar.contains("received SIG") } else: { run.process.errorsSoFar }
        try run.writer.close()
        let result = await run.process.finish()
        #expect(result.status == 130)
        #expect(result.errors.contains("interrupted"))
        #expect(run.folder.lines("out.ndjson").isEmpty)
        #expect(spools(in: run.folder).isEmpty)
        #expect(try await FileStateStoreProbe.committed(in: run.folder).isEmpty)
    }

    @Test func aKilledRunLeavesOnlyWholeWindowsAndARerunFinishesExactly() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // A first run commits one window.
        let committed = try ReloadPipeline(folder: folder, input: folder.file("first.ndjson"))
        try #"{"userId":"first","n":0}"#.write(toFile: committed.input, atomically: true, encoding: .utf8)
        #expect(try await SluiceProcess.run(["run", committed.path], in: folder.path).status == 0)
        let before = try String(contentsOfFile: folder.file("out.ndjson"), encoding: .utf8)
        try await FileStateStoreProbe.reset(in: folder)

        // A second run is killed in the middle of its window.
        let fifo = folder.file("in.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let pipeline = try ReloadPipeline(folder: folder, input: fifo, batchSize: 1)
        let process = try SluiceProcess(["run", pipeline.path], in: folder.path)
        let writer = try await openPipeForWriting(fifo)
        try writer.write(contentsOf: Data((0..<50).map { #"{"userId":"\#($0)","n":\#($0)}"# + "\n" }.joined().utf8))
        try await waitUntil { spools(in: folder).count == 1 }
        kill(process.processIdentifier, SIGKILL)
        let result = await process.finish()
        try writer.close()
        #expect(result.status == SIGKILL)
        #expect(try String(contentsOfFile: folder.file("out.ndjson"), encoding: .utf8) == before)

        // The rerun cleans up and writes the window once.
        let rerun = try ReloadPipeline(folder: folder, input: folder.file("again.ndjson"))
        try (0..<50).map { #"{"userId":"\#($0)","n":\#($0)}"# }.joined(separator: "\n").write(toFile: rerun.input, atomically: true, encoding: .utf8)
        #expect(try await SluiceProcess.run(["run", rerun.path], in: folder.path).status == 0)
        #expect(folder.lines("out.ndjson").count == 51)
        #expect(spools(in: folder).isEmpty)
    }
}

/// The spool files of `out.ndjson` in `folder`: one exists while a window is in flight.
func spools(in folder: TemporaryFolder) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(".out.ndjson.sluice-spool-") }
}

/// Reads the state file a run left in `folder`.
enum FileStateStoreProbe {
    static func committed(in folder: TemporaryFolder) async throws -> [String: Set<Window>] {
        let text = (try? String(contentsOfFile: folder.file(".sluice/state.json"), encoding: .utf8)) ?? "{}"
        guard case .object(let sinks)? = try JSONParser.parse(text)["pipelines"]?["reload"] else { return [:] }
        return Dictionary(uniqueKeysWithValues: sinks.members.map { ($0, Set(($1.arrayOrEmpty ?? []).compactMap { $0.digitsOrText.flatMap(Window.init(key:)) })) })
    }

    static func reset(in folder: TemporaryFolder) async throws {
        try FileManager.default.removeItem(atPath: folder.file(".sluice/state.json"))
    }
}
