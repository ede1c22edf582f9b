/// A column read in place, through pointers into its buffers: no copy and no reference counting
/// per value. Valid only inside ``RecordBatch/withColumnReaders(_:)``.
public struct ColumnReader {
    public let storage: Column.Storage
    private let bytes: UnsafeBufferPointer<UInt8>
    private let ends: UnsafeBufferPointer<Int>
    private let nulls: UnsafeBufferPointer<Bool>
    private let values: UnsafeBufferPointer<Value>

    init(
        storage: Column.Storage, bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>, nulls: UnsafeBufferPointer<Bool>,
        values: UnsafeBufferPointer<Value>
    ) {
        (self.storage, self.bytes, self.ends, self.nulls, self.values) = (storage, bytes, ends, nulls, values)
    }

    /// Whether row `row` is null.
    public func isNull(_ row: Int) -> Bool {
        if storage == .values, case .null = values[row] { return true }
        return storage != .values && nulls[row]
    }

    /// The UTF-8 bytes of row `row` of a text or JSON column (empty for null).
    public func bytes(_ row: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[(row == 0 ? 0 : ends[row - 1])..<ends[row]])
    }

    /// The value of row `row` of a ``Column/Storage/values`` column.
    public func value(_ row: Int) -> Value {
        values[row]
    }
}

extension RecordBatch {
    /// Calls `body` with a reader of each column, in the schema's order: the fast way to read
    /// many rows (encoders read every value of every row through it).
    public func withColumnReaders<Result>(_ body: ([ColumnReader]) throws -> Result) rethrows -> Result {
        var readers: [ColumnReader] = []
        readers.reserveCapacity(columns.count)
        return try withReaders(from: 0, &readers, body)
    }

    private func withReaders<Result>(
        from position: Int, _ readers: inout [ColumnReader], _ body: ([ColumnReader]) throws -> Result
    ) rethrows -> Result {
        guard position < columns.count else { return try body(readers) }
        let column = columns[position]
        return try column.bytes.withUnsafeBufferPointer { bytes in
            try column.ends.withUnsafeBufferPointer { ends in
                try column.nulls.withUnsafeBufferPointer { nulls in
                    try column.values.withUnsafeBufferPointer { values in
                        readers.append(ColumnReader(storage: column.storage, bytes: bytes, ends: ends, nulls: nulls, values: values))
                        return try withReaders(from: position + 1, &readers, body)
                    }
                }
            }
        }
    }
}
