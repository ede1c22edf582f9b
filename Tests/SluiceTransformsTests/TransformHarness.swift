import GongModel
import SluiceCore
import SluicePluginTesting
import SluiceTransforms
import Testing

/// Runs transforms the way the runner does, for tests (and golden comparisons against the emulator).
enum TransformHarness {
    /// One window of `transform` through the runner's `TransformChain`: every batch, then the
    /// window's end, with output batches of at most `maxRows` rows.
    /// - Returns: all emitted rows in one batch of the transform's output schema.
    static func runWindow(_ transform: some Transform, input: Schema, batches: [[[Value]]], maxRows: Int = 3) async throws -> RecordBatch {
        let output = try transform.outputSchema(for: input)
        let stage = Pipeline.TransformStage(type: "test", transform: transform, input: input, output: output)
        let rows = try await TransformRun(stages: [stage], input: input).run(batches, maxRows: maxRows)
        return RecordBatch(schema: output, rows: rows)
    }

    /// The rows `processor` emits for `batch`, in output batches of at most `maxRows`.
    static func process(_ processor: any BatchProcessor, _ batch: RecordBatch, output: Schema, maxRows: Int = 3) async throws -> [[Value]] {
        var rows: [[Value]] = []
        let sink = BatchOutput(schema: output, maxRows: maxRows) { rows += $0.rows }
        try await processor.process(batch, into: sink)
        try await sink.flush()
        return rows
    }

    /// The rows `processor` held back until the window's end.
    static func finish(_ processor: any BatchProcessor, output: Schema) async throws -> [[Value]] {
        var rows: [[Value]] = []
        let sink = BatchOutput(schema: output) { rows += $0.rows }
        try await processor.finishWindow(into: sink)
        try await sink.flush()
        return rows
    }

    /// A raw Gong record as the source emits it, from the JSON of one `usersDetailedActivities` item.
    /// Absent members become `null`.
    static func rawRow(_ json: String) throws -> [Value] {
        let record = try JSONParser.parse(json)
        return GongActivitySchema.raw.names.map { record[$0] ?? .null }
    }

    /// The raw records of one page of Gong's day-by-day answer (`usersDetailedActivities`), one row each.
    static func rawRows(fromResponse json: String) throws -> [[Value]] {
        let response = try JSONParser.parse(json)
        let users = try #require(response["usersDetailedActivities"]?.arrayOrEmpty)
        return users.map { user in GongActivitySchema.raw.names.map { user[$0] ?? .null } }
    }

    /// Flattens raw records (JSON texts, one batch) with `transform`.
    static func flatten(_ transform: some Transform, _ records: String...) async throws -> RecordBatch {
        try await runWindow(transform, input: GongActivitySchema.raw, batches: [records.map(rawRow)])
    }

    /// The rows as JSON objects, one text per row: the form to compare with golden files.
    static func jsonLines(_ batch: RecordBatch) -> [String] {
        batch.rows.indices.map { JSONWriter.string(Value.object(batch.object(at: $0))) }
    }

    /// The value of `field` in every row.
    static func column(_ batch: RecordBatch, _ field: String) throws -> [Value] {
        let position = try #require(batch.schema.index(of: field))
        return batch.rows.map { $0[position] }
    }
}
