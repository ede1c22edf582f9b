import SluiceCore

/// Makes a table ready for a schema: creates the schema and the table when missing, and checks an
/// existing table (adds missing columns as nullable; fails on an incompatible type or a missing
/// key constraint before any data is loaded; never drops a column).
struct TableSetup: Sendable {
    let table: QualifiedName
    let input: Schema
    let key: [String]

    /// Runs the setup in one transaction; returns the names of the columns it added.
    /// - Throws: ``SluiceError`` (``SluiceError/Code/tableMismatch``) when the existing table does not fit.
    func run(on link: PostgresLink) throws -> [String] {
        try link.transaction {
            try link.serializeSchemaChanges()
            for statement in creation { try link.execute(statement) }
            let existing = try columns(on: link)
            try checkTypes(existing)
            if !key.isEmpty, try !hasKeyConstraint(on: link) {
                throw mismatch(
                    "has no primary key or unique constraint on exactly (\(key.joined(separator: ", ")))",
                    hint: "add one: ALTER TABLE \(table.sql) ADD PRIMARY KEY (\(key.map(\.quotedIdentifier).joined(separator: ", ")))"
                )
            }
            let missing = input.fields.filter { existing[$0.name] == nil }
            for field in missing {
                try link.execute(
                    "ALTER TABLE \(table.sql) ADD COLUMN IF NOT EXISTS \(field.name.quotedIdentifier) \(field.type.postgresType)"
                )
            }
            return missing.map(\.name)
        }
    }

    /// What creates the schema and the table when they are missing (also shown by `sluice plan`).
    var creation: [String] {
        ["CREATE SCHEMA IF NOT EXISTS \(table.schema.quotedIdentifier)", createTable]
    }

    /// `CREATE TABLE IF NOT EXISTS` with a column per field and the key as primary key.
    var createTable: String {
        var parts = input.fields.map { "\($0.name.quotedIdentifier) \($0.type.postgresType)" }
        if !key.isEmpty { parts.append("PRIMARY KEY (" + key.map(\.quotedIdentifier).joined(separator: ", ") + ")") }
        return "CREATE TABLE IF NOT EXISTS \(table.sql) (\(parts.joined(separator: ", ")))"
    }

    /// The table's columns and their types, as `format_type` spells them.
    private func columns(on link: PostgresLink) throws -> [String: String] {
        let result = try link.execute(
            """
            SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
            WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped
            """,
            [table.sql]
        )
        var found: [String: String] = [:]
        for row in 0..<result.rowCount {
            if let name = result.value(row: row, column: 0) { found[name] = result.value(row: row, column: 1) ?? "" }
        }
        return found
    }

    private func checkTypes(_ existing: [String: String]) throws {
        let conflicts = input.fields.compactMap { field -> (Field, String)? in
            guard let columnType = existing[field.name], !field.type.isCompatible(withColumnType: columnType) else { return nil }
            return (field, columnType)
        }
        guard let (first, _) = conflicts.first else { return }
        let listed = conflicts.map { "\($0.name) is \($1) but the data is \($0.type.rawValue)" }
        throw mismatch(
            "has incompatible column types: " + listed.joined(separator: "; "),
            column: first.name,
            hint: "change the column types (expected \(first.type.postgresType) for \(first.name)) or load into another table"
        )
    }

    /// Whether a unique index without predicate or expressions covers exactly the key columns
    /// (what `ON CONFLICT (key)` needs).
    private func hasKeyConstraint(on link: PostgresLink) throws -> Bool {
        let result = try link.execute(
            """
            SELECT EXISTS (SELECT 1 FROM pg_index i
              WHERE i.indrelid = $1::regclass AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
                AND (SELECT array_agg(a.attname::text ORDER BY a.attname::text) FROM pg_attribute a
                     WHERE a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey))
                  = (SELECT array_agg(k ORDER BY k) FROM jsonb_array_elements_text($2::jsonb) AS k))
            """,
            [table.sql, JSONWriter.string(.array(key.map(Value.string)))]
        )
        return result.value(row: 0, column: 0) == "t"
    }

    private func mismatch(_ problem: String, column: String? = nil, hint: String) -> SluiceError {
        let context = [("table", table.description)] + (column.map { [("column", $0)] } ?? [])
        return SluiceError(.tableMismatch, "the existing table \(table) \(problem)", context: context, hint: hint)
    }
}
