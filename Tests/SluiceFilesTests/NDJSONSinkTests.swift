import Foundation
import Logging
import Testing
import SluiceCore
import SluiceTestKit
import SluiceFiles

@Suite struct NDJSONSinkTests {
    let schema = Schema([Field("id", .text), Field("day", .date), Field("at", .timestamptz), Field("tags", .textArray)])
    let windowA = Window(days: DateRange(from: CalendarDate("2024-01-01")!, to: CalendarDate("2024-01-02")!))
    let windowB = Window(days: DateRange(from: CalendarDate("2024-01-02")!, to: CalendarDate("2024-01-03")!))

    func sink(_ path: String, mode: String = "append") throws -> NDJSONSink {
        try NDJSONSink(config: PluginConfig(object: ["path": .string(path), "mode": .string(mode)], path: "sinks[0]", specs: NDJSONSink.options))
    }

    func context(_ state: any StateStore) -> RunContext {
        RunContext(pipeline: "p", logger: Logger(label: "test"), state: state, metrics: RunMetrics())
    }

    func batch(_ ids: [String]) -> RecordBatch {
        RecordBatch(schema: schema, rows: ids.map { id in
            [.string(id), .date(CalendarDate("2024-01-01")!), .timestamp(Timestamp(iso8601: "2024-01-01T00:00:00-08:00")!),
             .array([.string("a\tb"), .string("é")])]
        })
    }

    @Test func linesAppearOnlyWhenTheWindowCommits() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let state = FileStateStore(path: folder.file("state.json"))
        let sink = try sink(folder.file("out/data.ndjson"))
        let session = try await sink.open(input: schema, context: context(state))
        let writer = try await session.begin(windowA)
        try await writer.write(batch(["1", "2"]))
        #expect(folder.lines("out/data.ndjson").isEmpty)
        try await writer.commit(Checkpoint(pipeline: "p", sink: sink.identity, window: windowA, store: state))
        #expect(folder.lines("out/data.ndjson") == [
            #"{"id":"1","day":"2024-01-01","at":"2024-01-01T00:00:00-08:00","tags":["a\tb","é"]}"#,
            #"{"id":"2","day":"2024-01-01","at":"2024-01-01T00:00:00-08:00","tags":["a\tb","é"]}"#,
        ])
        #expect(try await state.committedWindows(pipeline: "p")[sink.identity] == [windowA])
    }

    @Test func aRolledBackWindowLeavesNothing() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let state = FileStateStore(path: folder.file("state.json"))
        let sink = try sink(folder.file("data.ndjson"))
        let session = try await sink.open(input: schema, context: context(state))
        let writer = try await session.begin(windowA)
        try await writer.write(batch(["1"]))
        await writer.rollback()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["data.ndjson"])
        #expect(folder.lines("data.ndjson").isEmpty)
    }

    @Test func aHalfAppendedWindowIsUndoneByTheNextRun() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let state = FileStateStore(path: folder.file("state.json"))
        let path = folder.file("data.ndjson")
        let sink = try sink(path)
        let session = try await sink.open(input: schema, context: context(state))
        let writer = try await session.begin(windowA)
        try await writer.write(batch(["1"]))
        try await writer.commit(Checkpoint(pipeline: "p", sink: sink.identity, window: windowA, store: state))
        let whole = try String(contentsOfFile: path, encoding: .utf8)
        // What a kill during the append of window B leaves: its journal, part of a line, a spool.
        try #"{"window":"2024-01-02..2024-01-03","length":\#(whole.utf8.count)}"#.write(toFile: path + ".sluice-journal", atomically: true, encoding: .utf8)
        try (whole + #"{"id":"half"#).write(toFile: path, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: folder.file(".data.ndjson.sluice-spool-leftover"), contents: Data("x".utf8))
        _ = try await sink.open(input: schema, context: context(state))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == whole)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["data.ndjson", "state.json"])
    }

    @Test func aJournalOfARecordedWindowKeepsTheWindow() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let state = FileStateStore(path: folder.file("state.json"))
        let path = folder.file("data.ndjson")
        let sink = try sink(path)
        try "line\n".write(toFile: path, atomically: true, encoding: .utf8)
        try #"{"window":"2024-01-01..2024-01-02","length":0}"#.write(toFile: path + ".sluice-journal", atomically: true, encoding: .utf8)
        try await state.recordCommit(pipeline: "p", sink: sink.identity, window: windowA)
        _ = try await sink.open(input: schema, context: context(state))
        #expect(folder.lines("data.ndjson") == ["line"])
        #expect(!FileManager.default.fileExists(atPath: path + ".sluice-journal"))
    }

    @Test func overwriteReplacesTheFileAtTheFirstCommitThenAppends() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let state = FileStateStore(path: folder.file("state.json"))
        let path = folder.file("data.ndjson")
        try "old\n".write(toFile: path, atomically: true, encoding: .utf8)
        let sink = try sink(path, mode: "overwrite")
        let session = try await sink.open(input: schema, context: context(state))
        #expect(!sink.resumesCommittedWindows)
        for (window, id) in [(windowA, "a"), (windowB, "b")] {
            let writer = try await session.begin(window)
            try await writer.write(batch([id]))
            try await writer.commit(Checkpoint(pipeline: "p", sink: sink.identity, window: window, store: state))
        }
        #expect(folder.lines("data.ndjson").map { $0.prefix(10) } == [#"{"id":"a","#, #"{"id":"b","#])
    }

    @Test func aFolderOrAnUnwritablePathFailsBeforeAnyData() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let state = FileStateStore(path: folder.file("state.json"))
        await #expect(throws: SluiceError.self) {
            _ = try await sink(folder.path).open(input: schema, context: context(state))
        }
        try "x".write(toFile: folder.file("file"), atomically: true, encoding: .utf8)
        await #expect(throws: SluiceError.self) {
            _ = try await sink(folder.file("file/below.ndjson")).open(input: schema, context: context(state))
        }
    }
}
