import Foundation
import SluiceCore
@testable import SluicePostgres
import Testing

/// COPY throughput against `psql \copy` of the same rows (run with SLUICE_BENCH_ROWS=5000000,
/// in release: `swift test -c release -Xswiftc -enable-testing --filter CopyBenchmarkTests`).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["SLUICE_BENCH_ROWS"] != nil))
struct CopyBenchmarkTests {
    static let rowCount = Int(ProcessInfo.processInfo.environment["SLUICE_BENCH_ROWS"] ?? "") ?? 0
    static let batchSize = 10_000

    /// The shape of `flatten.perDay`: ids, email, day, its bounds and fifteen counters.
    static let schema = Schema(
        [Field("user_id", .text), Field("user_email", .text), Field("day", .date),
         Field("day_start", .timestamptz), Field("day_end", .timestamptz)]
            + (1...15).map { Field("calls_\($0)", .int) }
    )

    /// Batch `index` of the generated rows: 5,000 users a day, days counting from 2020-01-01.
    static func batch(_ index: Int) -> RecordBatch {
        let start = index * batchSize
        let rows = (start..<min(start + batchSize, rowCount)).map { row -> [Value] in
            let user = row % 5000
            let day = CalendarDate(daysSinceEpoch: 18262 + row / 5000)
            let dayStart = Timestamp(epochSeconds: Int64(day.daysSinceEpoch) * 86_400 + 28_800, offsetSeconds: -28_800)
            return [.string(String(12_300_000_000_000_000_000 as UInt64 + UInt64(user))), .string("user\(user)@example.com"), .date(day),
                    .timestamp(dayStart), .timestamp(Timestamp(epochSeconds: dayStart.epochSeconds + 86_400, offsetSeconds: -28_800))]
                + (1...15).map { .int(Int64(($0 * 31 + row) % 7)) }
        }
        return RecordBatch(schema: schema, rows: rows)
    }

    static var batchCount: Int { (rowCount + batchSize - 1) / batchSize }

    /// Seconds `body` took.
    static func time(_ body: () async throws -> Void) async rethrows -> Double {
        let elapsed = try await ContinuousClock().measure { try await body() }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test(arguments: [LoadMode.append, .upsert])
    func copyKeepsUpWithPsql(mode: LoadMode) async throws {
        let database = try await TestDatabase.make(schema: "bench")
        let baseline = database.table("baseline")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-bench-\(database.schema).copy")
        // The source's work is not the sink's: every batch is made before the clock starts.
        let batches = (0..<Self.batchCount).map(Self.batch)
        let encodeSeconds = try await Self.time { try Self.writeCopyFile(file, batches) }
        defer { try? FileManager.default.removeItem(at: file) }
        try await database.execute(TableSetup(table: baseline, input: Self.schema, key: ["user_id", "day"]).createTable)
        // Each load starts with no dirty buffers of the one before (a superuser's test cluster).
        try await database.execute("CHECKPOINT")
        let psqlSeconds = try await Self.time {
            try Self.psql("\\copy \(baseline.sql) FROM '\(file.path)'")
        }

        let sink = PostgresSink(settings: database.settings, table: database.table("loaded"), key: ["user_id", "day"], mode: mode)
        let store = database.stateStore()
        let session = try await sink.open(input: Self.schema, context: database.context(state: store))
        let window = Window.whole
        try await database.execute("CHECKPOINT")
        let sluiceSeconds = try await Self.time {
            let writer = try await session.begin(window)
            for batch in batches { try await writer.write(batch) }
            try await writer.commit(Checkpoint(pipeline: "bench", sink: sink.identity, window: window, store: store))
        }
        try await session.close()
        let ratio = psqlSeconds / sluiceSeconds
        print("bench \(mode) rows=\(Self.rowCount) encode=\(encodeSeconds)s psql=\(psqlSeconds)s sluice=\(sluiceSeconds)s ratio=\(ratio)")
        #expect(try await database.scalar("SELECT count(*) FROM \(sink.table.sql)") == String(Self.rowCount))
        #expect(ratio >= (mode == .append ? 0.8 : 0.6))
        try await database.drop()
    }

    /// The generated rows in COPY text format, for psql.
    static func writeCopyFile(_ file: URL, _ batches: [RecordBatch]) throws {
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        let buffer = CopyBuffer(capacity: 1 << 20)
        var encoder = CopyEncoder(schema: schema)
        for batch in batches {
            for row in batch.rows { encoder.encode(row, into: buffer) }
            try handle.write(contentsOf: UnsafeBufferPointer(start: buffer.bytes, count: buffer.count))
            buffer.removeAll()
        }
    }

    static func psql(_ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", command]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "psql failed")
    }
}
