/// A fixed set of member names, matched against the keys a ``JSONCursor`` reads without making a
/// string: by length and first and last eight bytes, then byte for byte.
public struct JSONMemberNames: Sendable {
    /// The names' UTF-8 bytes, end to end.
    private let bytes: [UInt8]
    private let ranges: [Range<Int>]
    private let fingerprints: [Fingerprint]

    /// What tells names apart at a glance.
    private struct Fingerprint: Equatable {
        let count: Int
        let head: UInt64
        let tail: UInt64

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            count = bytes.count
            head = Self.word(bytes, from: 0)
            tail = Self.word(bytes, from: max(0, bytes.count - 8))
        }

        /// Up to eight bytes from `start`, as one number.
        private static func word(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt64 {
            guard bytes.count >= 8 else { return bytes.reduce(0) { $0 << 8 | UInt64($1) } }
            return UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: start, as: UInt64.self)
        }
    }

    /// The set of `names`, each found by its position in the list.
    public init(_ names: [String]) {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for name in names {
            let start = bytes.count
            bytes.append(contentsOf: name.utf8)
            ranges.append(start..<bytes.count)
        }
        self.bytes = bytes
        self.ranges = ranges
        fingerprints = bytes.withUnsafeBufferPointer { all in ranges.map { Fingerprint(UnsafeBufferPointer(rebasing: all[$0])) } }
    }

    /// The position of the name `key` (read by `cursor`), or `nil` when it is none of them.
    /// `expected` is where to look first: objects that repeat one order of members (the days of a
    /// Gong answer) find each name at once.
    public func position(of key: JSONCursor.StringToken, in cursor: JSONCursor, expected: Int = 0) -> Int? {
        if key.isEscaped {
            var text: [UInt8] = []
            cursor.unescape(key, into: &text)
            return text.withUnsafeBufferPointer { position(of: $0, expected: expected) }
        }
        return position(of: UnsafeBufferPointer(rebasing: cursor.bytes[key.range]), expected: expected)
    }

    private func position(of name: UnsafeBufferPointer<UInt8>, expected: Int) -> Int? {
        let fingerprint = Fingerprint(name)
        if expected < fingerprints.count, fingerprints[expected] == fingerprint, matches(name, at: expected) { return expected }
        for position in fingerprints.indices where fingerprints[position] == fingerprint && matches(name, at: position) {
            return position
        }
        return nil
    }

    /// Whether `name`, whose fingerprint is that of name `position`, is that name.
    private func matches(_ name: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        // Equal length, head and tail: names of up to sixteen bytes are equal; longer ones are compared.
        name.count <= 16 || bytes.withUnsafeBufferPointer { all in Self.equal(UnsafeBufferPointer(rebasing: all[ranges[position]]), name) }
    }

    /// Whether two buffers of the same length hold the same bytes, compared eight at a time.
    private static func equal(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>) -> Bool {
        let (left, right) = (UnsafeRawBufferPointer(first), UnsafeRawBufferPointer(second))
        var offset = 0
        while offset + 8 <= left.count {
            guard left.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            else { return false }
            offset += 8
        }
        // The last eight bytes (overlapping the words compared) settle the rest.
        let last = left.count - 8
        return last < 0 ? left.elementsEqual(right)
            : left.loadUnaligned(fromByteOffset: last, as: UInt64.self) == right.loadUnaligned(fromByteOffset: last, as: UInt64.self)
    }
}
