import SluiceCore

/// Picks the fields of each row (see ``SelectTransform``).
final class SelectProcessor: BatchProcessor {
    private let output: Schema
    /// For each output field, the position of its input field.
    private let sources: [Int]
    /// Whether rows pass whole (only names change).
    private let isIdentity: Bool

    init(output: Schema, sources: [Int], isIdentity: Bool) {
        self.output = output
        self.sources = sources
        self.isIdentity = isIdentity
    }

    func process(_ batch: RecordBatch) -> RecordBatch {
        guard !isIdentity else { return RecordBatch(schema: output, rows: batch.rows) }
        return RecordBatch(schema: output, rows: batch.rows.map { row in sources.map { row[$0] } })
    }
}
