/// The values of one field across the rows of a ``RecordBatch``.
///
/// Text and JSON values are stored as UTF-8 bytes laid end to end in one buffer (a JSON value as
/// its JSON text), so a batch of thousands of ids costs three allocations, not thousands; the COPY
/// encoder and the NDJSON writer copy those bytes straight out. Every other type is stored as an
/// array of ``Value``s, which hold numbers, dates and timestamps inline, without allocating.
public struct Column: Sendable {
    /// How the column stores its values: by the field's type.
    public enum Storage: Sendable {
        /// UTF-8 bytes: text values.
        case text
        /// UTF-8 bytes: each value's JSON text.
        case json
        /// ``Value``s.
        case values
    }

    /// How values are stored: by the field's type, except that a text column given a value that
    /// is not a string (an id as a number, say) keeps every value as a ``Value`` from then on.
    public private(set) var storage: Storage
    /// The bytes of every text or JSON value, end to end (``Storage/text`` and ``Storage/json``).
    public internal(set) var bytes: [UInt8] = []
    /// Where each value's bytes end in ``bytes`` (row `i` spans `ends[i-1]..<ends[i]`).
    public internal(set) var ends: [Int] = []
    /// Which rows are null (``Storage/text`` and ``Storage/json``).
    public internal(set) var nulls: [Bool] = []
    /// The values of a ``Storage/values`` column.
    public internal(set) var values: [Value] = []

    /// An empty column for values of `type`.
    public init(for type: FieldType) {
        switch type {
        case .text: storage = .text
        case .json: storage = .json
        default: storage = .values
        }
    }

    /// The number of values.
    public var count: Int { storage == .values ? values.count : ends.count }

    /// Whether row `row` is null.
    public func isNull(_ row: Int) -> Bool {
        if storage == .values, case .null = values[row] { return true }
        return storage != .values && nulls[row]
    }

    /// The bytes of row `row` of a text or JSON column (empty for null), valid inside `body` only.
    public func withBytes<Result>(_ row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let start = row == 0 ? 0 : ends[row - 1]
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<ends[row]])) }
    }

    /// The value of row `row`: text as a `.string`, JSON parsed back into a ``Value``.
    public func value(_ row: Int) -> Value {
        switch storage {
        case .values: return values[row]
        case _ where isNull(row): return .null
        case .text: return withBytes(row) { .string(String(decoding: $0, as: UTF8.self)) }
        case .json:
            return withBytes(row) { json in
                do {
                    return try JSONParser.parse(json)
                } catch {
                    preconditionFailure("a json column holds text that is not JSON: \(error)")
                }
            }
        }
    }

    /// Appends a value of the column's type (a `.string` to a text column, any value to a JSON column).
    public mutating func append(_ value: Value) {
        switch (storage, value) {
        case (.values, _): values.append(value)
        case (_, .null): appendNull()
        case (.text, .string(var text)): text.withUTF8 { appendBytes($0) }
        case (.text, _):
            values = (0..<count).map { self.value($0) }
            (bytes, ends, nulls) = ([], [], [])
            storage = .values
            values.append(value)
        case (.json, _):
            JSONWriter.write(value, into: &bytes)
            endValue(isNull: false)
        }
    }

    /// Appends the UTF-8 bytes of one text value, or the JSON text of one JSON value.
    public mutating func appendBytes(_ value: UnsafeBufferPointer<UInt8>) {
        guard storage != .values else { return values.append(.string(String(decoding: value, as: UTF8.self))) }
        bytes.append(contentsOf: value)
        endValue(isNull: false)
    }

    /// Appends a null.
    public mutating func appendNull() {
        if storage == .values {
            values.append(.null)
        } else {
            endValue(isNull: true)
        }
    }

    /// Appends row `row` of `other`, a column of the same field type.
    public mutating func append(row: Int, of other: Column) {
        switch storage {
        case _ where storage != other.storage: append(other.value(row))
        case .values: values.append(other.values[row])
        case _ where other.isNull(row): appendNull()
        case .text, .json: other.withBytes(row) { appendBytes($0) }
        }
    }

    /// Removes every value, keeping the buffers' capacity.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        nulls.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    /// Keeps the first `count` values (what a row that failed half-written leaves behind).
    mutating func truncate(to count: Int) {
        guard self.count > count else { return }
        if storage == .values {
            values.removeLast(values.count - count)
        } else {
            bytes.removeLast(bytes.count - (count == 0 ? 0 : ends[count - 1]))
            ends.removeLast(ends.count - count)
            nulls.removeLast(nulls.count - count)
        }
    }

    /// The bytes held, for byte budgets.
    public var byteCount: Int { bytes.count + 9 * ends.count + MemoryLayout<Value>.stride * values.count }

    mutating func endValue(isNull: Bool) {
        nulls.append(isNull)
        ends.append(bytes.count)
    }
}
