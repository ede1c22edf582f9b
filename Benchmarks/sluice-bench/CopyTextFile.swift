import Foundation
import SluiceCore

/// Writes rows in the text format of `COPY ... FROM` (tab-separated, `\N` for NULL, backslash
/// escapes), the file `psql \copy` reads for the baseline: strings as they are, dates and
/// timestamps in ISO-8601 with their offset, as the postgres sink writes them.
struct CopyTextFile {
    let path: String

    /// Writes every batch of `rows`, made one at a time.
    /// - Returns: the seconds spent making the rows, and in all.
    /// - Throws: when the file cannot be written, or a value has a kind this writer does not know.
    func write(_ rows: PerCallRows) throws -> (generateSeconds: Double, totalSeconds: Double) {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw BenchmarkError("cannot create \(path)")
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let clock = ContinuousClock()
        let started = clock.now
        var generating = Duration.zero
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 21)
        for index in 0..<rows.batchCount {
            let made = clock.now
            let batch = rows.batch(index)
            generating += clock.now - made
            for row in batch.rows { try Self.append(row, to: &bytes) }
            try handle.write(contentsOf: bytes)
            bytes.removeAll(keepingCapacity: true)
        }
        return (generating.seconds, (clock.now - started).seconds)
    }

    /// One row, ending in a newline.
    static func append(_ row: [Value], to bytes: inout [UInt8]) throws {
        for (position, value) in row.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: "\t")) }
            switch value {
            case .null: bytes.append(contentsOf: #"\N"#.utf8)
            case .string(let text): appendEscaped(text, to: &bytes)
            case .int(let number): bytes.append(contentsOf: String(number).utf8)
            case .date(let date): bytes.append(contentsOf: date.description.utf8)
            case .timestamp(let timestamp): bytes.append(contentsOf: timestamp.description.utf8)
            default: throw BenchmarkError("the COPY file writer has no text for \(value)")
            }
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// `text` with backslash, tab, newline and carriage return escaped.
    private static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
            case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
            case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
            default: bytes.append(byte)
            }
        }
    }
}
