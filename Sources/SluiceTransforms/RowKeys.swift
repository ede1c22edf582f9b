import SluiceCore

/// The key fields of rows, encoded as bytes one after the other in one buffer, each with its hash.
///
/// Hashing and keeping `[Value]` keys costs an allocation per key and a retain and a release
/// per string; these keys cost neither. Two keys are equal when their values are equal and of
/// the same kind (`5` and `"5"` differ), with one exception to ``Value``'s equality: a `NaN`
/// equals a `NaN` of the same bits.
struct RowKeys {
    /// The keys, one after the other.
    private(set) var bytes: [UInt8] = []
    /// Where each key ends in `bytes` (it starts where the one before ends).
    private(set) var ends: [Int] = []
    /// The hash of each key.
    private(set) var hashes: [Int] = []

    /// No keys.
    init() {}

    /// The keys of the rows of `batch`: the values at `positions` of each row, in order (a text
    /// column's bytes are read in place).
    init(_ batch: RecordBatch, positions: [Int]) {
        bytes.reserveCapacity(batch.count * 16 * positions.count)
        ends.reserveCapacity(batch.count)
        hashes.reserveCapacity(batch.count)
        for row in 0..<batch.count {
            let start = bytes.count
            for position in positions {
                let column = batch.columns[position]
                if column.storage == .text, !column.isNull(row) {
                    bytes.append(6)
                    column.withBytes(row) { text(utf8: $0) }
                } else {
                    append(batch[row, position])
                }
            }
            var hasher = Hasher()
            bytes[start...].withUnsafeBytes { hasher.combine(bytes: $0) }
            ends.append(bytes.count)
            hashes.append(hasher.finalize())
        }
    }

    /// The number of keys.
    var count: Int { ends.count }

    /// The bytes of key `index`.
    subscript(index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// Appends key `index` of `other`.
    mutating func append(_ index: Int, of other: RowKeys) {
        bytes.append(contentsOf: other[index])
        ends.append(bytes.count)
        hashes.append(other.hashes[index])
    }

    /// Appends a kind tag and the value; texts and collections carry their length, so the encoding is unambiguous.
    private mutating func append(_ value: Value) {
        switch value {
        case .null: bytes.append(0)
        case .bool(let flag): bytes.append(flag ? 2 : 1)
        case .int(let number): tagged(3, UInt64(bitPattern: number))
        case .double(let number): tagged(4, (number == 0 ? 0 : number).bitPattern)  // 0.0 == -0.0
        case .number(let literal): tagged(5, literal)
        case .string(let text): tagged(6, text)  // as a text column's bytes (see init)
        case .date(let date): tagged(7, UInt64(bitPattern: Int64(date.daysSinceEpoch)))
        case .timestamp(let stamp):
            tagged(8, UInt64(bitPattern: stamp.epochSeconds))
            integer(UInt64(UInt32(bitPattern: stamp.nanoseconds)) << 32 | UInt64(UInt32(bitPattern: stamp.offsetSeconds)))
        case .array(let items):
            tagged(9, UInt64(items.count))
            for item in items { append(item) }
        case .object(let object):
            tagged(10, UInt64(object.count))
            for (key, item) in object.members {
                text(key)
                append(item)
            }
        }
    }

    private mutating func tagged(_ tag: UInt8, _ number: UInt64) {
        bytes.append(tag)
        integer(number)
    }

    private mutating func tagged(_ tag: UInt8, _ string: String) {
        bytes.append(tag)
        text(string)
    }

    private mutating func integer(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// The text's length (seven bits a byte, most keys' texts take one) and its UTF-8 bytes.
    private mutating func text(_ string: String) {
        var string = string
        string.withUTF8 { text(utf8: $0) }
    }

    private mutating func text(utf8: UnsafeBufferPointer<UInt8>) {
        var length = utf8.count
        while length >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: length) | 0x80)
            length >>= 7
        }
        bytes.append(UInt8(length))
        bytes.append(contentsOf: utf8)
    }
}
