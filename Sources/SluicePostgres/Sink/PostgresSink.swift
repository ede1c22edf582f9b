public import SluiceCore

/// The `postgres` sink: loads a table with `COPY ... FROM STDIN`, one transaction per window,
/// in `append`, `upsert` or `replace` mode, creating the schema and the table when missing.
public struct PostgresSink: SinkPlugin {
    public static let type = "postgres"
    public static let summary = "Loads a PostgreSQL table with COPY, one transaction per window."
    public static let options: [OptionSpec] = PostgresConnectionSettings.options + [
        OptionSpec("table", .string, required: true, "The table, as name or schema.name; created when missing."),
        OptionSpec("key", .fields, "The key columns (the table's primary key); required for upsert and replace."),
        OptionSpec("mode", .choice(LoadMode.allCases.map(\.rawValue)), default: .string("append"),
                   "append: insert; upsert: insert or update by key; replace: delete the window's days, then insert."),
        OptionSpec("allowKeyMerge", .boolean, default: .bool(false),
                   "upsert only: accept a key that does not cover the input's natural key, merging rows that share it (the last wins)."),
        OptionSpec("lockTimeout", .integer(1...86_400), default: .int(Int64(defaultLockTimeout)),
                   "Seconds a window or the table's setup waits for a lock held by another session before failing (lock_timeout)."),
    ]
    public static let notes = [
        "Each window is one transaction; its checkpoint is written in that transaction when the state is kept in the same database.",
        "replace needs a 'day' date column; when the source filters users, only their rows are deleted;"
            + " an undated source's single window replaces the whole table.",
        "Rows stream to the server in chunks of 256 KiB: memory stays flat however large the window.",
        "key must cover the natural key of its input (flatten.perDay: user_id, day), else rows would merge or collide;"
            + " each run reports the rows an upsert merged by key.",
        "A table locked by another session fails the window after lockTimeout seconds, naming the table;"
            + " SIGINT or SIGTERM cancels the statement waiting on the server at once.",
    ]
    /// Seconds to wait for another session's lock unless configured.
    public static let defaultLockTimeout = 60

    /// The database.
    public let settings: PostgresConnectionSettings
    /// The table loaded (created when missing).
    public let table: QualifiedName
    /// The key columns: the table's primary key, and what upserts match on.
    public let key: [String]
    public let mode: LoadMode
    /// Whether an upsert may merge rows that share a key narrower than the input's natural key.
    public let allowsKeyMerge: Bool
    /// Seconds a statement waits for a lock held by another session (`lock_timeout`).
    public let lockTimeout: Int

    /// A sink from its parts (what the config block decodes to).
    public init(
        settings: PostgresConnectionSettings, table: QualifiedName, key: [String] = [], mode: LoadMode = .append,
        allowsKeyMerge: Bool = false, lockTimeout: Int = defaultLockTimeout
    ) {
        self.settings = settings
        self.table = table
        self.key = key
        self.mode = mode
        self.allowsKeyMerge = allowsKeyMerge
        self.lockTimeout = lockTimeout
    }

    /// - Throws: ``ConfigIssues`` for a bad url or table name, or a missing key in upsert and replace modes.
    public init(config: PluginConfig) throws {
        var issues: [ConfigIssue] = []
        let settings: PostgresConnectionSettings?
        do {
            settings = try PostgresConnectionSettings(config: config)
        } catch {
            settings = nil
            issues.append(error)
        }
        let tableText = config.string("table") ?? ""
        let table = QualifiedName(parsing: tableText)
        if table == nil {
            issues.append(config.issue(.badValue, at: "table", "'\(tableText)' is not a table name", hint: "write name or schema.name"))
        }
        for part in [table?.schema, table?.name].compactMap({ $0 }) {
            if let problem = PostgresIdentifier.problem(part) {
                issues.append(config.issue(.badValue, at: "table", problem, hint: "use a shorter name"))
            }
        }
        let mode = config.string("mode").flatMap(LoadMode.init(rawValue:)) ?? .append
        let key = config.strings("key") ?? []
        if key.isEmpty, mode != .append {
            issues.append(config.issue(.missingKey, at: "key", "mode '\(mode.rawValue)' needs a key",
                                       hint: "name the columns that identify a row, e.g. [\"user_id\", \"day\"]"))
        }
        let allowsKeyMerge = config.bool("allowKeyMerge") ?? false
        if allowsKeyMerge, mode != .upsert {
            issues.append(config.issue(.incompatible, at: "allowKeyMerge", "allowKeyMerge applies to mode 'upsert' only",
                                       hint: "in mode '\(mode.rawValue)' rows sharing a key fail the window; remove the option"))
        }
        guard issues.isEmpty, let settings, let table else { throw ConfigIssues(issues) }
        self.init(settings: settings, table: table, key: key, mode: mode, allowsKeyMerge: allowsKeyMerge,
                  lockTimeout: config.int("lockTimeout") ?? Self.defaultLockTimeout)
    }

    /// `postgres:schema.table`.
    public var identity: String { "postgres:\(table)" }

    /// `schema.table in postgres://user@host:port/database` (never the password).
    public var target: String { "\(table) in \(settings.location)" }

    /// `upsert` and `replace` rewrite a day's rows in place; `append` would add them again.
    public var rewritesDaysInPlace: Bool { mode != .append }

    /// When `store` is a postgres store in the sink's database, each window's checkpoint is written
    /// in the window's own transaction.
    public func commitsAtomically(with store: any StateStore) -> Bool {
        transactionalStore(store) != nil
    }

    /// `store`, when the sink can write checkpoints to it in its windows' transactions.
    func transactionalStore(_ store: any StateStore) -> PostgresStateStore? {
        (store as? PostgresStateStore).flatMap { $0.settings == settings ? $0 : nil }
    }

    /// Column names PostgreSQL would cut or refuse, key columns absent from the input, a key that
    /// does not cover the input's natural key, and `replace` without a `day` date column.
    public func check(input: Schema) -> [ConfigIssue] {
        var issues: [ConfigIssue] = input.names.compactMap { name in
            PostgresIdentifier.problem(name).map {
                ConfigIssue(.badValue, at: "", "column \($0)", hint: "rename the column with a select transform before this sink")
            }
        }
        for (position, column) in key.enumerated() where input.index(of: column) == nil {
            issues.append(ConfigIssue(
                .unknownColumn, at: JSONPath.join("key", position), "the input has no column '\(column)'",
                hint: Suggestion.hint(for: column, among: input.names)
            ))
        }
        if !key.isEmpty, let natural = input.naturalKey, !natural.allSatisfy(key.contains), !allowsKeyMerge {
            let missing = natural.filter { !key.contains($0) }
            issues.append(ConfigIssue(
                .keyTooNarrow, at: "key",
                "the key \(key) does not cover the natural key of the input \(natural): rows differing only in "
                    + missing.joined(separator: ", ") + (mode == .upsert ? " would be merged into one" : " would collide and fail the window"),
                hint: "use \"key\": \(JSONWriter.string(.array(natural.map(Value.string))))"
                    + (mode == .upsert ? ", or set \"allowKeyMerge\": true if merging them is what you mean" : "")
            ))
        }
        if mode == .replace, input.fields.first(where: { $0.name == "day" })?.type != .date {
            issues.append(ConfigIssue(
                .incompatible, at: "mode", "mode 'replace' needs a 'day' column of type date in the input",
                hint: "use upsert, or a transform that produces 'day'"
            ))
        }
        return issues
    }

    /// Connects, prepares the table, and returns a session that loads windows on their own connections.
    /// - Throws: ``SluiceError`` when the server cannot be reached or the existing table does not fit.
    public func open(input: Schema, context: RunContext) async throws -> any SinkSession {
        try await PostgresSinkSession.open(sink: self, input: input, context: context)
    }

    /// A ``PostgresStateStore`` in the sink's database (schema `sluice`), so that checkpoints share
    /// the windows' transactions.
    /// The DDL that creates the schema and the table when missing; an existing table is checked,
    /// and missing columns are added, when the run opens the sink.
    public func plannedStatements(input: Schema) -> [String] {
        TableSetup(table: table, input: input, key: key).creation
    }

    /// The DDL the table needs in the database as it is now, read in a read-only transaction.
    /// - Throws: ``SluiceError`` when the database cannot be reached.
    public func previewTarget(input: Schema) async throws -> TargetPreview {
        let connection = PostgresConnection(settings: settings)
        let setup = TableSetup(table: table, input: input, key: key)
        let changes: TableSetup.Changes
        do {
            changes = try await connection.run { link in
                try link.execute("BEGIN READ ONLY")
                defer { link.rollback() }
                return try setup.inspect(on: link)
            }
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
        return TargetPreview(statements: changes.statements, problems: changes.problems.map(\.description))
    }

    public func defaultStateStore(pipeline: String) -> (any StateStore)? {
        PostgresStateStore(settings: settings)
    }
}
