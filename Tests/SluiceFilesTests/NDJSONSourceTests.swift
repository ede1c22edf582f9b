import Foundation
import Logging
import Synchronization
import Testing
import SluiceCore
import SluiceTestKit
import SluiceFiles

@Suite struct NDJSONSourceTests {
    func source(_ paths: [String], batchSize: Int = 2) throws -> NDJSONSource {
        try NDJSONSource(config: PluginConfig(object: [
            "paths": .array(paths.map(Value.string)),
            "fields": .object(["id": .string("text"), "n": .string("int"), "day": .string("date"), "raw": .string("json")]),
            "batchSize": .int(Int64(batchSize)),
        ], path: "source", specs: NDJSONSource.options))
    }

    func read(_ source: NDJSONSource) async throws -> [RecordBatch] {
        let reader = try await source.open(context: RunContext(pipeline: "p", logger: Logger(label: "t"), state: FileStateStore(path: "/dev/null/x"), metrics: RunMetrics()))
        let batches = Mutex<[RecordBatch]>([])
        try await reader.read(.whole) { batch in batches.withLock { $0.append(batch) } }
        return batches.withLock { $0 }
    }

    @Test func readsTypedRowsInBatchesAndKeepsLongIds() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try """
        {"id":12345678901234567890,"n":1,"day":"2024-03-04","raw":{"x":[1]},"extra":true}
        {"id":"a","n":2}

        {"id":"b","n":3,"day":null}
        """.write(toFile: folder.file("in.ndjson"), atomically: true, encoding: .utf8)
        let batches = try await read(source([folder.file("in.ndjson")]))
        #expect(batches.map(\.count) == [2, 1])
        #expect(batches[0].rows[0] == [.string("12345678901234567890"), .int(1), .date(CalendarDate("2024-03-04")!), .object(["x": .array([.int(1)])])])
        #expect(batches[0].rows[1] == [.string("a"), .int(2), .null, .null])
    }

    @Test func aBadLineNamesTheFileLineAndField() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try "{\"id\":\"a\",\"n\":1}\n{\"id\":\"b\",\"n\":\"two\"}\n".write(toFile: folder.file("in.ndjson"), atomically: true, encoding: .utf8)
        await #expect {
            _ = try await read(source([folder.file("in.ndjson")]))
        } throws: { error in
            guard let error = error as? SluiceError else { return false }
            return error.code == .badRecord && error.context("line") == "2" && error.context("field") == "n"
        }
    }

    @Test func aMissingFileFailsBeforeReading() async throws {
        await #expect(throws: SluiceError.self) { _ = try await read(source(["/nonexistent/file.ndjson"])) }
    }
}
