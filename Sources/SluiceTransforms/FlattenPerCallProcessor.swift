import SluiceCore

/// Turns each raw Gong record into one row per day, activity and call (see ``FlattenPerCallTransform``).
///
/// Ids and names are copied as bytes from the record's text into the output's columns.
final class FlattenPerCallProcessor: BatchProcessor {
    private var reader: GongRecordReader
    /// The `activity` values, as UTF-8.
    private static let activities = GongActivitySchema.activities.map { Array($0.name.utf8) }

    init(reader: GongRecordReader) {
        self.reader = reader
    }

    func process(_ batch: RecordBatch, into output: BatchOutput) async throws {
        for record in 0..<batch.count {
            let user = try reader.user(record, of: batch)
            var position = GongRecordReader.DayPosition()
            while try reader.nextDay(of: user, at: &position, { day in try Self.append(day, of: user, to: output) }) {
                try await output.handOnFull()
            }
        }
    }

    /// One row per call of `day`.
    private static func append(_ day: GongRecordReader.Day, of user: GongRecordReader.User, to output: BatchOutput) throws {
        try user.id.withUnsafeBufferPointer { id in
            for (activity, ids) in zip(activities, day.lists) where !ids.isEmpty {
                try activity.withUnsafeBufferPointer { activity in
                    for call in ids {
                        try day.withBytes(of: call) { call in
                            output.appendRow { row in
                                row.bytes(id)
                                if let email = user.email { email.withUnsafeBufferPointer { row.bytes($0) } } else { row.null() }
                                row.value(day.date)
                                row.value(day.start)
                                row.value(day.end)
                                row.bytes(activity)
                                row.bytes(call)
                            }
                        }
                    }
                }
            }
        }
    }
}
