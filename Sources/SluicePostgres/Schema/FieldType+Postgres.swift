import SluiceCore

extension FieldType {
    /// The column type a new table gets for this field type.
    var postgresType: String {
        switch self {
        case .text: "text"
        case .int: "bigint"
        case .float: "double precision"
        case .bool: "boolean"
        case .date: "date"
        case .timestamptz: "timestamp with time zone"
        case .textArray: "text[]"
        case .json: "jsonb"
        }
    }

    /// Whether an existing column of `columnType` (as `format_type` spells it) takes values of this
    /// field type without loss.
    func isCompatible(withColumnType columnType: String) -> Bool {
        let accepted: [String]
        switch self {
        case .text: accepted = ["text", "character varying"]
        case .int: accepted = ["bigint", "numeric"]
        case .float: accepted = ["double precision", "numeric"]
        case .bool: accepted = ["boolean"]
        case .date: accepted = ["date"]
        case .timestamptz: accepted = ["timestamp with time zone"]
        case .textArray: accepted = ["text[]", "character varying[]"]
        case .json: accepted = ["jsonb", "json"]
        }
        let unsized = columnType.replacing(/\(\d+(,\d+)?\)/, with: "")
        return accepted.contains(unsized)
    }
}
