/// ISO-8601 timestamps parsed once per slot: for text that repeats slot by slot (every user of a
/// Gong window has the same days, so day `n`'s `fromDate` is the same text for all of them).
public struct TimestampCache: Sendable {
    private var slots: [(text: [UInt8], stamp: Timestamp)?] = []

    public init() {}

    /// The timestamp written as `text` (UTF-8), from slot `slot` when it holds the same text;
    /// `nil` when the text is not an ISO-8601 timestamp with an offset.
    public mutating func timestamp(_ text: UnsafeBufferPointer<UInt8>, slot: Int) -> Timestamp? {
        if slot < slots.count, let cached = slots[slot], cached.text.withUnsafeBufferPointer({ $0.elementsEqual(text) }) {
            return cached.stamp
        }
        guard let stamp = Timestamp(iso8601: String(decoding: text, as: UTF8.self)) else { return nil }
        if slot >= slots.count { slots.append(contentsOf: repeatElement(nil, count: slot + 1 - slots.count)) }
        slots[slot] = (Array(text), stamp)
        return stamp
    }
}
