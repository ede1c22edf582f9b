public import SluiceCore

/// The JSON Schema of a Singer `SCHEMA` message, made from a stage's ``Schema``.
///
/// text -> string, int -> integer, float -> number, bool -> boolean, date -> string (format
/// date), timestamptz -> string (format date-time), text[] -> array of strings, json -> any.
/// Every field but the key properties may be null: the schema does not say which fields a
/// source always fills.
public enum SingerJSONSchema {
    /// `{"type": "object", "properties": {...}}` for `schema`, with `keyProperties` not nullable.
    public static func of(_ schema: Schema, keyProperties: [String]) -> Value {
        var properties = ValueObject()
        for field in schema.fields {
            properties[field.name] = property(field.type, nullable: !keyProperties.contains(field.name))
        }
        return .object(["type": .string("object"), "properties": .object(properties)])
    }

    /// The schema of one field.
    static func property(_ type: FieldType, nullable: Bool) -> Value {
        if type == .json { return .object([:]) }
        let (name, format): (String, String?) = switch type {
        case .text: ("string", nil)
        case .int: ("integer", nil)
        case .float: ("number", nil)
        case .bool: ("boolean", nil)
        case .date: ("string", "date")
        case .timestamptz: ("string", "date-time")
        case .textArray: ("array", nil)
        case .json: ("", nil)
        }
        var property: ValueObject = ["type": nullable ? .array([.string("null"), .string(name)]) : .string(name)]
        if let format { property["format"] = .string(format) }
        if type == .textArray { property["items"] = .object(["type": .string("string")]) }
        return .object(property)
    }
}
