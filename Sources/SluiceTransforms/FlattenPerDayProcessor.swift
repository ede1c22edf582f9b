import SluiceCore

/// Turns each raw Gong record into one row per day (see ``FlattenPerDayTransform``).
final class FlattenPerDayProcessor: BatchProcessor {
    private var reader: GongRecordReader
    private let output: Schema
    private let includeCallIds: Bool
    private let skipEmptyDays: Bool

    init(reader: GongRecordReader, output: Schema, includeCallIds: Bool, skipEmptyDays: Bool) {
        self.reader = reader
        self.output = output
        self.includeCallIds = includeCallIds
        self.skipEmptyDays = skipEmptyDays
    }

    func process(_ batch: RecordBatch, into output: BatchOutput) async throws {
        let width = self.output.fields.count
        for record in batch.rows {
            let user = try reader.user(in: record)
            for position in user.days.indices {
                let day = try reader.day(at: position, of: user)
                if skipEmptyDays, day.isEmpty { continue }
                var row: [Value] = []
                row.reserveCapacity(width)
                row.append(user.idValue)
                row.append(user.email)
                row.append(day.date)
                row.append(day.start)
                row.append(day.end)
                for list in day.lists { row.append(.int(Int64(list.count))) }
                if includeCallIds {
                    for list in day.lists { row.append(.array(list)) }
                }
                try await output.append(row)
            }
        }
    }
}
