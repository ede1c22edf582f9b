import SluiceCore
import SluiceTransforms
import Testing

/// Runs transforms the way the runner does, for tests (and golden comparisons against the emulator).
enum TransformHarness {
    /// One window of `transform`: every batch through one processor, then `finishWindow`.
    /// - Returns: all emitted rows in one batch of the transform's output schema.
    static func runWindow(_ transform: some Transform, input: Schema, batches: [[[Value]]]) throws -> RecordBatch {
        let output = try transform.outputSchema(for: input)
        let processor = try transform.makeProcessor(input: input)
        var rows: [[Value]] = []
        for batch in batches {
            let emitted = try processor.process(RecordBatch(schema: input, rows: batch))
            #expect(emitted.schema == output)
            rows += emitted.rows
        }
        if let held = try processor.finishWindow() {
            #expect(held.schema == output)
            rows += held.rows
        }
        return RecordBatch(schema: output, rows: rows)
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
    static func flatten(_ transform: some Transform, _ records: String...) throws -> RecordBatch {
        try runWindow(transform, input: GongActivitySchema.raw, batches: [records.map(rawRow)])
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
