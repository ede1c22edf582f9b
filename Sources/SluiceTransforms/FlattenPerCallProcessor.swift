import GongModel
import SluiceCore

/// Turns each raw Gong record into one row per day, activity and call (see ``FlattenPerCallTransform``).
final class FlattenPerCallProcessor: BatchProcessor {
    private var reader: GongRecordReader
    /// The `activity` values, made once: rows share their storage.
    private static let activities = GongActivitySchema.activities.map { Value.string($0.name) }

    init(reader: GongRecordReader) {
        self.reader = reader
    }

    func process(_ batch: RecordBatch, into output: BatchOutput) async throws {
        for record in batch.rows {
            let user = try reader.user(in: record)
            for position in user.days.indices {
                let day = try reader.day(at: position, of: user)
                for (activity, ids) in zip(Self.activities, day.lists) {
                    for id in ids {
                        try await output.append([user.idValue, user.email, day.date, day.start, day.end, activity, id])
                    }
                }
            }
        }
    }
}
