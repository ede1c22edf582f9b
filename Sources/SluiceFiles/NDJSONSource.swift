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
    ]
    public static let notes = ["Members not named in `fields` are ignored; a missing member is null."]

    public let paths: [String]
    public let schema: Schema
    public let batchSize: Int
    public let batchBytes: Int

    public init(config: PluginConfig) throws {
        paths = config.filePaths("paths") ?? []
        let fields = (config.stringMap("fields") ?? []).compactMap { name, type in FieldType(rawValue: type).map { Field(name, $0) } }
        guard !fields.isEmpty else { throw config.issue(.badValue, at: "fields", "declare at least one field") }
        schema = Schema(fields)
        batchSize = config.int("batchSize") ?? 1000
        batchBytes = config.int("batchBytes") ?? 256 << 10
    }

    public func open(context: RunContext) async throws -> any SourceReader {
        for path in paths where !FileManager.default.isReadableFile(atPath: path) {
            throw SluiceError(.io, "cannot read \(path)", context: [("source", Self.type)], hint: "check the path in source.paths")
        }
        return Reader(paths: paths, decoder: RowDecoder(schema: schema), batchSize: batchSize, batchBytes: batchBytes)
    }

    private struct Reader: SourceReader {
        let paths: [String]
        let decoder: RowDecoder
        let batchSize: Int
        let batchBytes: Int

        func read(_ window: Window, emit: @Sendable (RecordBatch) async throws -> Void) async throws {
            for path in paths {
                var batch = RecordBatch(schema: decoder.schema)
                var bytes = 0
                try await LineReader.forEachLine(of: path) { line, number in
                    guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return }
                    do {
                        guard case .object(let object) = try JSONParser.parse(line) else {
                            throw SluiceError(.badRecord, "a line must hold one JSON object")
                        }
                        batch.rows.append(try decoder.row(of: object))
                    } catch let error as SluiceError {
                        throw error.adding("line", "\(number)").adding("file", path)
                    } catch let error as JSONSyntaxError {
                        throw SluiceError(.badRecord, "invalid JSON: \(error)", context: [("file", path), ("line", "\(number)")])
                    }
                    bytes += line.count
                    if batch.count >= batchSize || bytes >= batchBytes {
                        try await emit(batch)
                        batch.rows.removeAll(keepingCapacity: true)
                        bytes = 0
                    }
                }
                if batch.count > 0 { try await emit(batch) }
            }
        }
    }
}
