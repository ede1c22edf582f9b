import Foundation
import Logging
import SluiceCore
import SluiceFiles
import SluiceGong
import SluicePlugins

/// A decoder of outside input, fed arbitrary bytes by `scripts/fuzz` (libFuzzer) and by the test
/// suite's replay of the saved corpus (`Tests/Fuzz/corpus/<target>/`).
///
/// Any error a decoder throws is a fine answer to hostile bytes; a trap, a hang or unbounded
/// memory is a bug.
package enum FuzzTarget: String, CaseIterable, Sendable {
    /// The pipeline loader: parsing, `${VAR}` substitution, every plugin's options, the schema checks.
    case pipeline
    /// The decoder of one page of Gong's day-by-day answer, for a ten-day window: each user read
    /// on the exact path and on the fast one (``GongUserReader``), which must agree.
    case gongPage = "gong-page"
    /// The ndjson source: lines, JSON, coercion to every field type.
    case ndjson

    /// Feeds `bytes` to the decoder, ignoring the errors it reports.
    package func run(_ bytes: [UInt8]) async {
        switch self {
        case .pipeline:
            _ = try? Self.loader.load(bytes)
        case .gongPage:
            guard let page = try? GongPage(answer: GongAnswer(bytes: bytes)) else { return }
            Self.compareReaders(on: page)
        case .ndjson:
            await Self.readNDJSON(bytes)
        }
    }

    /// Reads every user of `page` on both paths; a difference traps (a bug for the fuzzer, a
    /// failure for the corpus replay).
    private static func compareReaders(on page: GongPage) {
        var fast = RecordBatch(schema: GongActivitySource.recordSchema)
        var reader = GongUserReader()
        for position in page.users.indices {
            let exact = try? page.row(position, days: days)
            let id = try? page.appendRow(position, days: days, to: &fast, reader: &reader)
            precondition((exact == nil) == (id == nil), "the fast and exact readers disagree on user \(position)")
            if let exact {
                let expected = RecordBatch(schema: GongActivitySource.recordSchema, rows: [exact])
                precondition(fast.row(fast.count - 1) == expected.row(0) && id == exact[0].digitsOrText,
                             "the fast reader's row of user \(position) differs from the exact one")
            }
        }
    }

    // The shipped plugins have distinct names (SluiceCommandTests load them all), so this never traps.
    private static let loader = PipelineLoader(registry: try! ShippedPlugins.registry(), environment: ["DEFINED": "value"])
    private static let days = DateRange(from: CalendarDate("2024-03-01")!, to: CalendarDate("2024-03-11")!)

    /// A source with a field of every type, named after it (`text`, `int`... `textArray`, `json`),
    /// reading lines of at most 64 KiB.
    private static func source(_ path: String) throws -> NDJSONSource {
        var fields = ValueObject()
        for type in FieldType.allCases { fields[type.rawValue.replacingOccurrences(of: "[]", with: "Array")] = .string(type.rawValue) }
        return try NDJSONSource(config: PluginConfig(object: [
            "paths": .array([.string(path)]), "fields": .object(fields), "batchSize": .int(100), "maxLineBytes": .int(1 << 16),
        ], path: "source", specs: NDJSONSource.options))
    }

    /// Writes `bytes` to a file of its own and reads it whole with the ndjson source.
    private static func readNDJSON(_ bytes: [UInt8]) async {
        let path = NSTemporaryDirectory() + "sluice-fuzz-\(UUID().uuidString).ndjson"
        // Written plainly: Foundation's atomic writes sync the disk, a thousand times slower.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { unlink(path) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else { return }
        let context = RunContext(
            pipeline: "fuzz", logger: Logger(label: "fuzz"), state: FileStateStore(path: path + ".state"), metrics: RunMetrics()
        )
        do {
            let reader = try await source(path).open(context: context)
            try await reader.read(.whole) { _ in }
        } catch {}
    }
}
