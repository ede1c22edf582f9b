/// Writes one row of a ``RecordBatch``, field after field (see ``RecordBatch/appendRow(_:)``).
public struct RowWriter {
    var columns: [Column]
    /// The field written next.
    var position = 0

    init(columns: [Column]) {
        self.columns = columns
    }

    /// Writes the next field from a value of its type.
    public mutating func value(_ value: Value) {
        columns[position].append(value)
        position += 1
    }

    /// Writes the next field, a text or JSON field, from its UTF-8 bytes.
    public mutating func bytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        columns[position].appendBytes(bytes)
        position += 1
    }

    /// Writes null in the next field.
    public mutating func null() {
        columns[position].appendNull()
        position += 1
    }
}
