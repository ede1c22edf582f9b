/// A table name with its schema (`gong.user_daily_activity`), written quoted in every statement.
public struct QualifiedName: Sendable, Hashable, CustomStringConvertible {
    public let schema: String
    public let name: String

    public init(schema: String, name: String) {
        self.schema = schema
        self.name = name
    }

    /// Parses `name` (in schema `public`) or `schema.name`; `nil` for an empty part or more than one dot.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        switch parts.count {
        case 1: self.init(schema: "public", name: parts[0])
        case 2: self.init(schema: parts[0], name: parts[1])
        default: return nil
        }
    }

    /// `"schema"."name"`, safe for any characters.
    var sql: String { schema.quotedIdentifier + "." + name.quotedIdentifier }

    /// `schema.name`.
    public var description: String { schema + "." + name }
}
