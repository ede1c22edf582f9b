import Foundation
import SluiceCore

/// Reads a file line by line in large chunks, without loading it whole.
enum LineReader {
    /// Calls `body` with each line's bytes (without the newline) and its 1-based number.
    static func forEachLine(
        of path: String, chunkSize: Int = 1 << 20, _ body: (ArraySlice<UInt8>, Int) async throws -> Void
    ) async throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SluiceError(.io, "cannot open \(path) for reading")
        }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var number = 0
        while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
            pending.append(contentsOf: chunk)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                number += 1
                try await body(pending[start..<newline], number)
                start = newline + 1
            }
            pending.removeSubrange(..<start)
        }
        if !pending.isEmpty {
            number += 1
            try await body(pending[...], number)
        }
    }
}
