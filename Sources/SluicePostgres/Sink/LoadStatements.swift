import SluiceCore

/// The SQL that loads one window into a table, by ``LoadMode``.
struct LoadStatements: Sendable {
    let table: QualifiedName
    let key: [String]
    let mode: LoadMode
    /// The key columns holding text, sorted bytewise in the merge (equal under any deterministic
    /// collation exactly when equal bytewise, and much cheaper to compare).
    let textKeys: Set<String>
    /// The JSON columns, compared as text in the merge: a `json` column has no equality, and
    /// as `jsonb` two spellings of one value would compare equal and the new one be lost.
    let jsonColumns: Set<String>

    init(table: QualifiedName, key: [String], mode: LoadMode, input: Schema) {
        self.table = table
        self.key = key
        self.mode = mode
        textKeys = Set(input.fields.filter { $0.type == .text }.map(\.name))
        jsonColumns = Set(input.fields.filter { $0.type == .json }.map(\.name))
    }

    /// The temporary table that upserts stage a window in; dropped when the transaction ends.
    private static let staging = "pg_temp." + "sluice_staging".quotedIdentifier

    /// What runs right after `BEGIN`: the delete of `replace`, the staging table of `upsert`.
    func opening(window: Window, scope: ScopeFilter?) -> [SQLStatement] {
        switch mode {
        case .append:
            return []
        case .upsert:
            return [
                // A merge that must dedupe sorts the window by key; in memory that is much faster than on disk.
                SQLStatement("SET LOCAL work_mem = '256MB'"),
                SQLStatement("CREATE TEMPORARY TABLE \(Self.staging) (LIKE \(table.sql) INCLUDING DEFAULTS) ON COMMIT DROP"),
            ]
        case .replace:
            var conditions: [String] = []
            var parameters: [String?] = []
            if let days = window.days {
                conditions.append("\("day".quotedIdentifier) >= $1::date AND \("day".quotedIdentifier) < $2::date")
                parameters += [days.from.description, days.to.description]
            }
            if let scope {
                parameters.append(JSONWriter.string(.array(scope.values.map(Value.string))))
                conditions.append(
                    "\(scope.field.quotedIdentifier)::text IN (SELECT jsonb_array_elements_text($\(parameters.count)::jsonb))"
                )
            }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            return [SQLStatement("DELETE FROM \(table.sql)\(filter)", parameters)]
        }
    }

    /// `COPY ... FROM STDIN` into the table, or into the staging table of an upsert. The staging
    /// table was created in the same transaction, so its rows are written frozen and its pages
    /// all-visible: the merge reads them without checking each row's visibility.
    func copy(columns: [String]) -> String {
        let into = "COPY \(mode == .upsert ? Self.staging : table.sql) (\(Self.list(columns))) FROM STDIN"
        return mode == .upsert ? into + " WITH (FREEZE)" : into
    }

    /// For an upsert: how the staged rows move into the table. `nil` for the other modes.
    ///
    /// A row whose values are all unchanged is not updated, so rerunning a window creates no new
    /// row versions (no bloat; the rows are still locked, as any `ON CONFLICT` does).
    func merge(columns: [String]) -> UpsertMerge? {
        guard mode == .upsert else { return nil }
        let sortKey = key.map { textKeys.contains($0) ? $0.quotedIdentifier + " COLLATE \"C\"" : $0.quotedIdentifier }
            .joined(separator: ", ")
        let updated = columns.filter { !key.contains($0) }
        let action: String
        if updated.isEmpty {
            action = "DO NOTHING"
        } else {
            let row = { (alias: String) in
                "ROW(" + updated.map { "\(alias).\($0.quotedIdentifier)" + (jsonColumns.contains($0) ? "::text" : "") }
                    .joined(separator: ", ") + ")"
            }
            action = "DO UPDATE SET " + updated.map { "\($0.quotedIdentifier) = EXCLUDED.\($0.quotedIdentifier)" }.joined(separator: ", ")
                + " WHERE \(row("existing")) IS DISTINCT FROM \(row("EXCLUDED"))"
        }
        let insert = "INSERT INTO \(table.sql) AS existing (\(Self.list(columns)))"
        return UpsertMerge(
            insertAll: "\(insert) SELECT \(Self.list(columns)) FROM \(Self.staging)",
            // "Last" is the highest `ctid`: the staging table is new and only ever appended to, so
            // its physical order is the order the rows were copied in. Without statistics on the
            // fresh staging table the planner sorts far more slowly.
            // The rows kept are counted (the staged rows less these were merged by key); a
            // data-modifying WITH runs to completion whether or not its output is read.
            mergeLastPerKey: ["ANALYZE \(Self.staging)", """
                WITH picked AS MATERIALIZED (
                  SELECT DISTINCT ON (\(sortKey)) \(Self.list(columns)) FROM \(Self.staging)
                  ORDER BY \(sortKey), ctid DESC),
                moved AS (\(insert) SELECT \(Self.list(columns)) FROM picked ON CONFLICT (\(Self.list(key))) \(action))
                SELECT count(*) FROM picked
                """]
        )
    }

    private static func list(_ names: [String]) -> String {
        names.map(\.quotedIdentifier).joined(separator: ", ")
    }
}
