public import SluiceCore
import Foundation

/// The `ndjson` source: reads NDJSON files (for example raw Gong records archived earlier), so
/// that data can be reloaded without calling any API. The files are read as one window.
public struct NDJSONSource: SourcePlugin {
    public static let type = "ndjson"
    public static let summary = "Reads JSON objects, one per line, from NDJSON files."
    public static let options: [OptionSpec] = [
        OptionSpec("paths", .list(.string, minCount: 1), required: true, "The files, read in this order; relative to the pipeline file's folder."),
        OptionSpec("fields", .map(.choice(FieldType.allCases.map(\.rawValue))), required: true,
                   "The schema: field name -> type (text, int, float, bool, date, timestamptz, text[], json)."),
        OptionSpec("batchSize", .integer(1...1_000_000), default: .int(1000), "The most rows in one emitted batch."),
        OptionSpec("batchBytes", .integer(1024...(64 << 20)), default: .int(256 << 10),
                   "The most bytes of the file read into one batch, so that memory stays flat however large each record is."),
        OptionSpec("maxLineBytes", .integer(1...Int(Int32.max)), default: .int(Int64(defaultMaxLineBytes)),
                   "The longest line accepted, in bytes; a longer one fails the run, naming the file and the line."),
        OptionSpec("writerTimeout", .number(0...86_400), default: .int(10),
                   "Seconds to wait for a process to open a path that is a named pipe (FIFO) for writing."),
    ]
    public static let notes = [
        "Members not named in `fields` are ignored; a missing member is null.",
        "A path must be a regular file or a pipe (a FIFO, or /dev/fd/N from a shell's <(...)); a directory or a device is refused.",
    ]
    /// 64 MiB: far above any real record, low enough that memory stays bounded.
    static let defaultMaxLineBytes = 64 << 20

    public let paths: [String]
    public let schema: Schema
    public let batchSize: Int
    public let batchBytes: Int
    /// The longest line accepted, in bytes.
    public let maxLineBytes: Int
    /// Seconds to wait for a writer on a named pipe.
    public let writerTimeout: Double

    public init(config: PluginConfig) throws {
        paths = config.filePaths("paths") ?? []
        let fields = (config.stringMap("fields") ?? []).compactMap { name, type in FieldType(rawValue: type).map { Field(name, $0) } }
        guard !fields.isEmpty else { throw config.issue(.badValue, at: "fields", "declare at least one field") }
        schema = Schema(fields)
        batchSize = config.int("batchSize") ?? 1000
        batchBytes = config.int("batchBytes") ?? 256 << 10
        maxLineBytes = config.int("maxLineBytes") ?? Self.defaultMaxLineBytes
        writerTimeout = config.double("writerTimeout") ?? 10
    }

    /// Checks that every path can be read and is a file or a pipe (without opening it: a named
    /// pipe is opened when read).
    /// - Throws: ``SluiceError`` `.io` or `.notAFile`.
    public func open(context: RunContext) async throws -> any SourceReader {
        for path in paths {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw SluiceError(.io, "cannot read \(path)", context: [("source", Self.type)], hint: "check the path in source.paths")
            }
            try InputFile.check(path)
        }
        return Reader(paths: paths, decoder: RowDecoder(schema: schema), batchSize: batchSize, batchBytes: batchBytes,
                      maxLineBytes: maxLineBytes, writerTimeout: writerTimeout)
    }

    private struct Reader: SourceReader {
        let paths: [String]
        let decoder: RowDecoder
        let batchSize: Int
        let batchBytes: Int
        let maxLineBytes: Int
        let writerTimeout: Double

        func read(_ window: Window, emit: @Sendable (RecordBatch) async throws -> Void) async throws {
            for path in paths {
                var batch = RecordBatch(schema: decoder.schema)
                var bytes = 0
                let lines = LineReader(path: path, maxLineBytes: maxLineBytes, writerTimeout: writerTimeout)
                try await lines.forEachLine { line, number in
                    do throws(SluiceError) {
                        guard try decoder.appendRow(ofLine: line, to: &batch) else { return }
                    } catch {
                        throw error.adding("line", "\(number)").adding("file", path)
                    }
                    bytes += line.count
                    if batch.count >= batchSize || bytes >= batchBytes {
                        try await emit(batch)
                        batch.removeAll()
                        bytes = 0
                    }
                }
                if batch.count > 0 { try await emit(batch) }
            }
        }
    }
}
