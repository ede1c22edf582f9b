import Foundation
import SluiceCore

/// Reads a file or a pipe line by line in large chunks, without loading it whole.
///
/// Memory is bounded: a line longer than ``maxLineBytes`` fails, naming the file and the line, so
/// that an input without newlines (`/dev/zero` through a pipe, a binary file) cannot fill memory.
/// The waits are bounded too (see ``InputFile``).
struct LineReader {
    let path: String
    /// The longest line accepted, in bytes, without its newline.
    let maxLineBytes: Int
    /// How long a named pipe may stay without a writer, in seconds.
    let writerTimeout: Double
    /// Bytes read at once.
    var chunkSize = 1 << 20

    /// Calls `body` with each line's bytes (without the newline) and its 1-based number.
    /// - Throws: ``SluiceError`` (`.lineTooLong`, `.notAFile`, `.pipeWithoutWriter`, `.io`),
    ///   `CancellationError`, or what `body` throws.
    func forEachLine(_ body: (ArraySlice<UInt8>, Int) async throws -> Void) async throws {
        let input = try InputFile(path: path)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { chunk.deallocate() }
        // The start of a line not ended yet: it never holds a newline between two chunks.
        var pending: [UInt8] = []
        var number = 0
        while true {
            let count = try await input.read(into: chunk, writerTimeout: writerTimeout)
            if count == 0 { break }
            var searchFrom = pending.count
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<count]))
            var start = 0
            while let newline = Self.newline(in: pending, from: searchFrom) {
                number += 1
                guard newline - start <= maxLineBytes else { throw tooLong(line: number) }
                try await body(pending[start..<newline], number)
                start = newline + 1
                searchFrom = start
            }
            guard pending.count - start <= maxLineBytes else { throw tooLong(line: number + 1) }
            pending.removeSubrange(..<start)
        }
        if !pending.isEmpty {
            number += 1
            try await body(pending[...], number)
        }
    }

    /// The index of the first newline of `bytes` at or after `start` (`memchr`: a long line is scanned at memory speed).
    private static func newline(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBytes { buffer in
            guard start < buffer.count, let base = buffer.baseAddress,
                  let found = memchr(base + start, 0x0A, buffer.count - start)
            else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }

    private func tooLong(line: Int) -> SluiceError {
        SluiceError(
            .lineTooLong, "line \(line) of \(path) is longer than \(maxLineBytes) bytes",
            context: [("file", path), ("line", String(line))],
            hint: "each line of an NDJSON file holds one JSON object; raise the source's maxLineBytes if the objects really are that large"
        )
    }
}
