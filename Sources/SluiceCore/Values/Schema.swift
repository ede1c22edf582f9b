/// The type of one field of a ``Schema``; each maps to one warehouse column type.
public enum FieldType: String, Sendable, Hashable, CaseIterable, Codable {
    case text
    case int
    case float
    case bool
    case date
    case timestamptz
    case textArray = "text[]"
    case json
}

/// One named, typed field.
public struct Field: Sendable, Hashable, Codable {
    public var name: String
    public var type: FieldType

    public init(_ name: String, _ type: FieldType) {
        self.name = name
        self.type = type
    }
}

/// The ordered fields of the rows of a ``RecordBatch``.
public struct Schema: Sendable, Hashable, Codable, CustomStringConvertible {
    public let fields: [Field]
    /// The fields that identify a row within a window, when the stage that makes the rows knows
    /// them (`flatten.perDay`: user_id, day): a sink keyed on fewer fields would merge rows.
    public let naturalKey: [String]?
    private let positions: [String: Int]

    /// A schema with these fields, in order; field names must be unique, and so must rows be by
    /// `naturalKey` when given.
    public init(_ fields: [Field], naturalKey: [String]? = nil) {
        precondition(Set(fields.map(\.name)).count == fields.count, "duplicate field names in \(fields)")
        let positions = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.name, $0) })
        precondition(naturalKey?.allSatisfy { positions[$0] != nil } ?? true, "natural key \(naturalKey ?? []) not in \(fields)")
        self.fields = fields
        self.positions = positions
        self.naturalKey = naturalKey
    }

    /// The same fields with another natural key.
    public func withNaturalKey(_ key: [String]?) -> Schema {
        Schema(fields, naturalKey: key)
    }

    /// The field names, in order.
    public var names: [String] { fields.map(\.name) }

    /// The position of the field called `name`, or `nil`.
    public func index(of name: String) -> Int? { positions[name] }

    /// `name type, name type, ...`.
    public var description: String { fields.map { "\($0.name) \($0.type.rawValue)" }.joined(separator: ", ") }

    public init(from decoder: any Decoder) throws {
        self.init(try [Field](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
    }

    /// Schemas are equal when their fields are: the natural key is what validation knows about the
    /// rows, not part of their shape.
    public static func == (lhs: Schema, rhs: Schema) -> Bool { lhs.fields == rhs.fields }

    public func hash(into hasher: inout Hasher) { hasher.combine(fields) }
}
