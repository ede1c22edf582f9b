/// Rows that share one ``Schema``: the unit that flows between pipeline stages.
///
/// A source emits one batch per page it reads; each row holds one ``Value`` per schema field.
public struct RecordBatch: Sendable {
    public let schema: Schema
    public var rows: [[Value]]

    public init(schema: Schema, rows: [[Value]] = []) {
        self.schema = schema
        self.rows = rows
    }

    /// The number of rows.
    public var count: Int { rows.count }

    /// The value of field `column` in row `row`.
    public subscript(row: Int, column: Int) -> Value { rows[row][column] }

    /// Row `row` as a JSON object keyed by field name.
    public func object(at row: Int) -> ValueObject {
        var object = ValueObject()
        for (field, value) in zip(schema.fields, rows[row]) { object.appendUnchecked(field.name, value) }
        return object
    }
}
