import Foundation
import SluiceCore
import SluiceTestKit
import Testing

/// A run never waits without bound on its input, and the first SIGINT or SIGTERM ends it within
/// seconds whatever it waits on: a named pipe without writer fails after writerTimeout, a signal
/// ends the wait for a writer or for a silent one's data, an endless line fails at maxLineBytes,
/// a device is refused.
@Suite struct StuckInputTests {
    /// Whether a process holds the named pipe open for writing.
    enum Writer: CaseIterable, Sendable {
        /// A writer that never writes nor leaves.
        case silent
        /// No writer yet: the run waits for one (writerTimeout, 60 s here).
        case none
    }

    @Test(arguments: [SIGTERM, SIGINT], Writer.allCases)
    func aSignalEndsARunWaitingOnAPipeAtOnce(signal: Int32, writer: Writer) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.file("in.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        // Open for reading and writing, the test is a writer that never writes nor leaves.
        let silent = writer == .silent ? open(fifo, O_RDWR | O_NONBLOCK) : -1
        defer { if silent >= 0 { close(silent) } }
        let pipeline = try ReloadPipeline(folder: folder, input: fifo, sourceOptions: #""writerTimeout": 60"#)
        let process = try SluiceProcess(["run", pipeline.path], in: folder.path)
        try await waitUntil { process.errorsSoFar.contains("run started") } else: { process.errorsSoFar }
        let signalled = ContinuousClock.now
        process.send(signal)
        let ended = try await process.finish(within: .seconds(30))
        #expect(ended.status == 130, "\(ended.errors)")
        #expect(ContinuousClock.now - signalled < .seconds(8), "the run took longer than a few seconds to stop")
        #expect(folder.lines("out.ndjson").isEmpty)
        #expect(spools(in: folder).isEmpty)
    }

    @Test func aNamedPipeWithoutWriterFailsAfterWriterTimeout() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.file("in.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let pipeline = try ReloadPipeline(folder: folder, input: fifo, sourceOptions: #""writerTimeout": 1"#)
        let process = try SluiceProcess(["run", pipeline.path, "--log-format", "json"], in: folder.path)
        let result = try await process.finish(within: .seconds(10))
        #expect(result.status == 1, "\(result.errors)")
        #expect(result.errorCode == "pipe_without_writer", "\(result.errors)")
    }

    @Test func anEndlessLineThroughAPipeFailsAtMaxLineBytes() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.file("in.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        // /dev/zero through a pipe: one line that never ends. The writer dies of SIGPIPE once the run stops reading.
        let zeros = Process()
        zeros.executableURL = URL(fileURLWithPath: "/bin/sh")
        zeros.arguments = ["-c", "exec cat /dev/zero > \"$0\"", fifo]
        zeros.standardError = FileHandle.nullDevice
        try zeros.run()
        defer { if zeros.isRunning { kill(zeros.processIdentifier, SIGKILL) } }
        let pipeline = try ReloadPipeline(folder: folder, input: fifo)
        let process = try SluiceProcess(["run", pipeline.path, "--log-format", "json"], in: folder.path)
        let result = try await process.finish(within: .seconds(30))
        #expect(result.status == 1, "\(result.errors)")
        #expect(result.errorCode == "line_too_long", "\(result.errors)")
        #expect(result.errors.contains(#""line":"1""#) && result.errors.contains(#""file":"\#(fifo)""#), "\(result.errors)")
    }

    @Test func aDeviceIsRefusedBeforeTheRunStarts() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pipeline = try ReloadPipeline(folder: folder, input: "/dev/zero")
        let result = try await SluiceProcess(["run", pipeline.path, "--log-format", "json"], in: folder.path).finish(within: .seconds(10))
        #expect(result.status == 1)
        #expect(result.errorCode == "not_a_file", "\(result.errors)")
    }
}
