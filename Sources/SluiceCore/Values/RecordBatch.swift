/// Rows that share one ``Schema``: the unit that flows between pipeline stages.
///
/// A batch is stored by column (see ``Column``): the text of thousands of rows sits in a few
/// buffers, not in a heap string per value. Read a value with `batch[row, column]`; write rows
/// with ``append(_:)`` or, without a ``Value`` per field, with ``appendRow(_:)``.
public struct RecordBatch: Sendable {
    public let schema: Schema
    /// One column per field of ``schema``.
    public private(set) var columns: [Column]
    /// The number of rows.
    public private(set) var count: Int

    /// An empty batch of `schema`.
    public init(schema: Schema) {
        self.schema = schema
        columns = schema.fields.map { Column(for: $0.type) }
        count = 0
    }

    /// A batch of `rows`, each one value per field of `schema`.
    public init(schema: Schema, rows: [[Value]]) {
        self.init(schema: schema)
        for row in rows { append(row) }
    }

    /// A batch made of `columns`, all of `count` values, in the order of `schema`'s fields
    /// (for example the columns of another batch, picked and renamed).
    public init(schema: Schema, columns: [Column], count: Int) {
        precondition(columns.count == schema.fields.count && columns.allSatisfy { $0.count == count })
        self.schema = schema
        self.columns = columns
        self.count = count
    }

    /// The value of field `column` in row `row`.
    public subscript(row: Int, column: Int) -> Value { columns[column].value(row) }

    /// Row `row`, one value per field.
    public func row(_ row: Int) -> [Value] { columns.map { $0.value(row) } }

    /// Every row, one value per field: for tests and small batches (each value is made anew).
    public var rows: [[Value]] { (0..<count).map(row) }

    /// Row `row` as a JSON object keyed by field name.
    public func object(at row: Int) -> ValueObject {
        var object = ValueObject()
        for (field, column) in zip(schema.fields, columns) { object.appendUnchecked(field.name, column.value(row)) }
        return object
    }

    /// Appends one row: one value per field, of the field's type.
    public mutating func append(_ row: [Value]) {
        precondition(row.count == columns.count, "a row of \(row.count) values for \(columns.count) fields")
        for (position, value) in row.enumerated() { columns[position].append(value) }
        count += 1
    }

    /// Appends row `row` of `other`, a batch of the same schema.
    public mutating func append(row: Int, of other: RecordBatch) {
        for position in columns.indices { columns[position].append(row: row, of: other.columns[position]) }
        count += 1
    }

    /// Appends one row written field by field by `fill`, in the schema's order, without a
    /// ``Value`` for text: the fast path of transforms that make many rows.
    public mutating func appendRow<Failure: Error>(_ fill: (inout RowWriter) throws(Failure) -> Void) throws(Failure) {
        var writer = RowWriter(columns: columns)
        columns = []
        do {
            try fill(&writer)
        } catch {
            columns = writer.columns
            for position in columns.indices { columns[position].truncate(to: count) }
            throw error
        }
        columns = writer.columns
        precondition(writer.position == columns.count, "a row of \(writer.position) values for \(columns.count) fields")
        count += 1
    }

    /// Keeps the first `count` rows.
    public mutating func truncate(to count: Int) {
        guard count < self.count else { return }
        for position in columns.indices { columns[position].truncate(to: count) }
        self.count = count
    }

    /// Removes every row, keeping the columns' capacity.
    public mutating func removeAll() {
        for position in columns.indices { columns[position].removeAll() }
        count = 0
    }

    /// The bytes the batch holds, for byte budgets.
    public var byteCount: Int { columns.reduce(0) { $0 + $1.byteCount } }
}
