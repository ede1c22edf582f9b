/// A JSON object whose members keep the order in which they were written.
public struct ValueObject: Sendable, Hashable {
    public private(set) var keys: [String]
    public private(set) var values: [Value]

    /// An empty object.
    public init() {
        keys = []
        values = []
    }

    /// An object with these members, in this order; a later duplicate key replaces the earlier value.
    public init(_ members: KeyValuePairs<String, Value>) {
        self.init()
        for (key, value) in members { self[key] = value }
    }

    /// The number of members.
    public var count: Int { keys.count }

    /// The members in order.
    public var members: Zip2Sequence<[String], [Value]> { zip(keys, values) }

    /// The value of `key`, or `nil`; setting `nil` removes the member.
    public subscript(key: String) -> Value? {
        get { keys.firstIndex(of: key).map { values[$0] } }
        set {
            if let index = keys.firstIndex(of: key) {
                if let newValue {
                    values[index] = newValue
                } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// Appends a member without looking for an earlier one with the same key (the parser's fast path).
    mutating func appendUnchecked(_ key: String, _ value: Value) {
        keys.append(key)
        values.append(value)
    }
}

extension ValueObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, Value)...) {
        self.init()
        for (key, value) in elements { self[key] = value }
    }
}
