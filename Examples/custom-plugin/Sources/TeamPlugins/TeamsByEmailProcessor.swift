import SluiceCore

/// Appends each input row with its user's team, read through the batch's stable accessors.
final class TeamsByEmailProcessor: BatchProcessor {
    let mapping: TeamMapping
    let emailColumn: Int
    let unmapped: Value

    init(mapping: TeamMapping, emailColumn: Int, unmapped: Value) {
        self.mapping = mapping
        self.emailColumn = emailColumn
        self.unmapped = unmapped
    }

    func process(_ batch: RecordBatch, into output: BatchOutput) async throws {
        let columns = batch.schema.fields.indices
        for row in 0..<batch.count {
            var values = columns.map { batch[row, $0] }
            if case .string(let email) = values[emailColumn], let team = mapping.team(of: email) {
                values.append(.string(team))
            } else {
                values.append(unmapped)
            }
            try await output.append(values)
        }
    }
}
