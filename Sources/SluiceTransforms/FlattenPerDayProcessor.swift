import SluiceCore

/// Turns each raw Gong record into one row per day (see ``FlattenPerDayTransform``).
final class FlattenPerDayProcessor: BatchProcessor {
    private var reader: GongRecordReader
    private let includeCallIds: Bool
    private let skipEmptyDays: Bool

    init(reader: GongRecordReader, includeCallIds: Bool, skipEmptyDays: Bool) {
        self.reader = reader
        self.includeCallIds = includeCallIds
        self.skipEmptyDays = skipEmptyDays
    }

    func process(_ batch: RecordBatch, into output: BatchOutput) async throws {
        for record in 0..<batch.count {
            let user = try reader.user(record, of: batch)
            var position = GongRecordReader.DayPosition()
            while try reader.nextDay(of: user, at: &position, { day in append(day, of: user, to: output) }) {
                try await output.handOnFull()
            }
        }
    }

    /// The day's row: who, which day, the fifteen counts and, when asked, the fifteen lists of ids.
    private func append(_ day: GongRecordReader.Day, of user: GongRecordReader.User, to output: BatchOutput) {
        if skipEmptyDays, day.isEmpty { return }
        output.appendRow { row in
            user.id.withUnsafeBufferPointer { row.bytes($0) }
            if let email = user.email { email.withUnsafeBufferPointer { row.bytes($0) } } else { row.null() }
            row.value(day.date)
            row.value(day.start)
            row.value(day.end)
            for list in day.lists { row.value(.int(Int64(list.count))) }
            if includeCallIds {
                for list in day.lists { row.value(.array(list.map(day.value(of:)))) }
            }
        }
    }
}
