import SluiceCore

/// Picks the fields of each row (see ``SelectTransform``).
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
        guard !isIdentity else { return try await output.append(contentsOf: batch) }
        for row in batch.rows { try await output.append(sources.map { row[$0] }) }
    }
}
