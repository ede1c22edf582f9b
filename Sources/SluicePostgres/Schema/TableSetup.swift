import Logging
import SluiceCore

/// Makes a table ready for a schema: creates the schema and the table when missing, and checks an
/// existing table (adds missing columns as nullable; fails on an incompatible type or a missing
/// key constraint before any data is loaded; never drops a column).
struct TableSetup: Sendable {
    let table: QualifiedName
    let input: Schema
    let key: [String]

    /// What the setup would do to the database as it is: the DDL to run, and the problems that
    /// would stop the run. Reads only.
    struct Changes: Sendable {
        var statements: [String] = []
        var problems: [SluiceError] = []
    }

    /// Runs the setup in one transaction, logging each statement that changes the database.
    /// - Parameter lockTimeout: seconds to wait for a lock held by another session.
    /// - Returns: the statements run.
    /// - Throws: ``SluiceError`` (``SluiceError/Code/tableMismatch``) when the existing table does not fit.
    func run(on link: PostgresLink, lockTimeout: Int? = nil, logger: Logger) throws -> [String] {
        try link.transaction(lockTimeout: lockTimeout) {
            try link.serializeSchemaChanges()
            let changes = try inspect(on: link)
            if let problem = changes.problems.first { throw problem }
            for statement in changes.statements {
                logger.notice("postgres: changing the database", metadata: ["table": "\(table)", "statement": "\(statement)"])
                try link.execute(statement)
            }
            return changes.statements
        }
    }

    /// Compares the database with the table the input needs.
    func inspect(on link: PostgresLink) throws -> Changes {
        let found = try link.execute("SELECT to_regnamespace($1) IS NOT NULL, to_regclass($2) IS NOT NULL", [table.schema.quotedIdentifier, table.sql])
        guard found.value(row: 0, column: 1) == "t" else {
            return Changes(statements: found.value(row: 0, column: 0) == "t" ? [createTable] : creation)
        }
        var changes = Changes()
        let existing = try columns(on: link)
        if let conflict = typeConflict(existing) { changes.problems.append(conflict) }
        if !key.isEmpty, try !hasKeyConstraint(on: link) {
            changes.problems.append(mismatch(
                "has no primary key or unique constraint on exactly (\(key.joined(separator: ", ")))",
                hint: "add one: ALTER TABLE \(table.sql) ADD PRIMARY KEY (\(key.map(\.quotedIdentifier).joined(separator: ", ")))"
            ))
        }
        changes.statements = input.fields.filter { existing[$0.name] == nil }.map { field in
            "ALTER TABLE \(table.sql) ADD COLUMN IF NOT EXISTS \(field.name.quotedIdentifier) \(field.type.postgresType)"
        }
        return changes
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

    private func typeConflict(_ existing: [String: String]) -> SluiceError? {
        let conflicts = input.fields.compactMap { field -> (Field, String)? in
            guard let columnType = existing[field.name], !field.type.isCompatible(withColumnType: columnType) else { return nil }
            return (field, columnType)
        }
        guard let (first, _) = conflicts.first else { return nil }
        let listed = conflicts.map { "\($0.name) is \($1) but the data is \($0.type.rawValue)" }
        return mismatch(
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
