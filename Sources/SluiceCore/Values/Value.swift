/// One value of a record: what a JSON document can hold, plus dates and timestamps.
///
/// Numbers keep their exact digits: an integer that does not fit `Int64`, or a decimal that
/// `Double` would round, stays a ``Value/number(_:)`` holding the literal as written.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    /// A JSON number literal kept digit for digit (for example a 20-digit id).
    case number(String)
    case string(String)
    case date(CalendarDate)
    case timestamp(Timestamp)
    case array([Value])
    case object(ValueObject)
}

extension Value {
    /// The text of a string, or the digits of an integer or number literal; `nil` for anything else.
    ///
    /// Ids reach Sluice both as strings and as bare JSON numbers; this reads either without loss.
    public var digitsOrText: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .int(let value): String(value)
        default: nil
        }
    }

    /// The elements of an array, `[]` for `null`, `nil` for anything else.
    public var arrayOrEmpty: [Value]? {
        switch self {
        case .array(let items): items
        case .null: []
        default: nil
        }
    }

    /// A short name of the value's kind, for error messages.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int, .double, .number: "number"
        case .string: "string"
        case .date: "date"
        case .timestamp: "timestamp"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The member `key` of an object; `nil` when absent or when this is not an object.
    public subscript(key: String) -> Value? {
        if case .object(let object) = self { return object[key] }
        return nil
    }
}
