import Foundation
import SluiceCore
import SluiceSinger

/// A temporary file that collects one window's JSON lines until the window commits.
final class Spool {
    let path: String
    /// Writes rows as Singer `RECORD` messages instead of plain objects, when set.
    private let singer: SingerEncoder?
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let flushThreshold = 256 * 1024

    /// Creates the spool file at `path`, which must not exist.
    init(path: String, singer: SingerEncoder? = nil) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path)
        else { throw SluiceError(.io, "cannot create the temporary file \(path)", hint: "check that the folder is writable") }
        self.path = path
        self.handle = handle
        self.singer = singer
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    /// Appends each row of `batch` as one JSON object (or Singer `RECORD` message) and a newline.
    func append(_ batch: RecordBatch) throws {
        let flushWhenFull = { (buffer: inout [UInt8]) throws in
            if buffer.count >= Self.flushThreshold { try self.flush(&buffer) }
        }
        if let singer {
            try singer.appendRecords(of: batch, into: &buffer, rowEnded: flushWhenFull)
        } else {
            try JSONWriter.writeLines(of: batch, into: &buffer, rowEnded: flushWhenFull)
        }
    }

    /// Writes what is buffered and syncs the file to disk.
    func finish() throws {
        try flush()
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw SluiceError.io("cannot write the temporary file \(path)", error)
        }
    }

    /// Deletes the file (after a rollback, or once its lines are published).
    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: path)
    }

    private func flush() throws {
        try flush(&buffer)
    }

    private func flush(_ buffer: inout [UInt8]) throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw SluiceError.io("cannot write the temporary file \(path)", error)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
