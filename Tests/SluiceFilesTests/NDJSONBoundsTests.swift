import Foundation
import Logging
import SluicePluginTesting
import Synchronization
import SluiceCore
import SluiceFiles
import SluiceTestKit
import Testing

/// Every wait of the ndjson source on the outside world is bounded: a line has a maximum length,
/// a named pipe without writer fails after `writerTimeout`, anything but a file or a pipe is
/// refused before reading, and cancelling the task ends a read that waits on a silent pipe.
@Suite struct NDJSONBoundsTests {
    func source(_ path: String, maxLineBytes: Int = 1 << 20, writerTimeout: Double = 10) throws -> NDJSONSource {
        try NDJSONSource(config: PluginConfig(object: [
            "paths": .array([.string(path)]), "fields": .object(["id": .string("text")]),
            "maxLineBytes": .int(Int64(maxLineBytes)), "writerTimeout": .double(writerTimeout),
        ], path: "source", specs: NDJSONSource.options))
    }

    /// Reads the whole input; returns the rows.
    func read(_ source: NDJSONSource) async throws -> Int {
        let context = RunContext(pipeline: "p", logger: Logger(label: "t"), state: MemoryStateStore(), metrics: RunMetrics())
        let reader = try await source.open(context: context)
        let rows = RowCount()
        try await reader.read(.whole) { batch in rows.add(batch.count) }
        return rows.value
    }

    @Test(arguments: [false, true])
    func aLineLongerThanMaxLineBytesFailsNamingFileAndLine(ended: Bool) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("in.ndjson")
        let long = String(repeating: "x", count: 3000)
        let text = "{\"id\":\"a\"}\n{\"id\":\"\(long)\"}" + (ended ? "\n{\"id\":\"b\"}\n" : "")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try await read(source(path, maxLineBytes: 3010)) == (ended ? 3 : 2))
        let failure = try #require(await sluiceError { _ = try await read(source(path, maxLineBytes: 2048)) })
        #expect(failure.code == .lineTooLong)
        #expect(failure.context("file") == path && failure.context("line") == "2")
    }

    @Test func aFileOfZerosFailsAtMaxLineBytesWithoutReadingItWhole() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("zeros.ndjson")
        // A sparse file of 1 GiB of zero bytes, without a newline: read whole, it would take 1 GiB.
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, 1 << 30) == 0)
        let failure = try #require(await sluiceError { _ = try await read(source(path, maxLineBytes: 4 << 20)) })
        #expect(failure.code == .lineTooLong && failure.context("line") == "1")
    }

    @Test(arguments: ["/dev/zero", "/dev/null", "folder"])
    func aPathThatIsNeitherAFileNorAPipeIsRefusedBeforeReading(path: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let input = path == "folder" ? folder.path : path
        let failure = try #require(await sluiceError { _ = try await read(source(input)) })
        #expect(failure.code == .notAFile && failure.context("file") == input)
    }

    @Test func aNamedPipeWithoutWriterFailsAfterWriterTimeout() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.file("in.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let started = ContinuousClock.now
        let failure = try #require(await sluiceError { _ = try await read(source(fifo, writerTimeout: 0.5)) })
        #expect(failure.code == .pipeWithoutWriter && failure.context("file") == fifo)
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func aNamedPipeIsReadToItsEndOnceAWriterOpensIt() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.file("in.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        // The writer opens the pipe only after the reader has waited for it a while.
        let writer = Task {
            try await Task.sleep(for: .milliseconds(300))
            let handle = try await openPipeForWriting(fifo)
            try handle.write(contentsOf: Data((0..<1000).map { "{\"id\":\"\($0)\"}\n" }.joined().utf8))
            try handle.close()
        }
        // A generous writerTimeout: on two busy cores the writer may wait its turn on the pool.
        #expect(try await read(source(fifo, writerTimeout: 60)) == 1000)
        try await writer.value
    }

    @Test func cancellingTheTaskEndsAReadThatWaitsOnASilentPipe() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.file("in.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        // Opened for reading and writing, it never blocks and never ends: a writer that stays silent.
        let silent = open(fifo, O_RDWR | O_NONBLOCK)
        #expect(silent >= 0)
        defer { close(silent) }
        _ = write(silent, "{\"id\":\"a\"}\n", 11)
        let source = try source(fifo)
        let reading = Task { try await read(source) }
        try await Task.sleep(for: .milliseconds(300))
        let cancelled = ContinuousClock.now
        reading.cancel()
        await #expect(throws: CancellationError.self) { _ = try await reading.value }
        // Without cancellation the read never ends; the bound leaves room for two busy cores.
        #expect(ContinuousClock.now - cancelled < .seconds(20))
    }
}

/// Rows counted from the batches a reader emits.
private final class RowCount: Sendable {
    private let count = Mutex(0)
    func add(_ rows: Int) { count.withLock { $0 += rows } }
    var value: Int { count.withLock { $0 } }
}
