import SluiceCore

/// Picks the fields of each row (see ``SelectTransform``): the picked columns are passed on as
/// they are, without copying their values.
final class SelectProcessor: BatchProcessor {
    /// For each output field, the position of its input field.
    private let sources: [Int]
    /// Whether rows pass whole (only names change).
    private let isIdentity: Bool

    init(sources: [Int], isIdentity: Bool) {
        self.sources = sources
        self.isIdentity = isIdentity
    }

    func process(_ batch: RecordBatch, into output: BatchOutput) async throws {
        let picked = isIdentity ? batch.columns : sources.map { batch.columns[$0] }
        try await output.append(contentsOf: RecordBatch(schema: output.schema, columns: picked, count: batch.count))
    }
}
