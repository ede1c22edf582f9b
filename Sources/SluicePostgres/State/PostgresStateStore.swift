public import SluiceCore
import Synchronization

/// The `postgres` state store: the windows each sink committed (table `sluice_state`), the API
/// calls spent per budget and day (table `sluice_usage`) and the history of runs (`sluice_runs`),
/// in a schema of a PostgreSQL database.
///
/// It is the postgres sink's default store, and then each window's checkpoint is written in the
/// window's own transaction. Its own statements run one at a time on one connection, which is
/// made again (with back-off) when lost.
public final class PostgresStateStore: StateStorePlugin {
    public static let type = "postgres"
    public static let summary = "Keeps the pipeline's state in PostgreSQL tables (sluice_state, sluice_usage, sluice_runs)."
    public static let options: [OptionSpec] = PostgresConnectionSettings.options + [
        OptionSpec("schema", .string, default: .string("sluice"), "The schema of the state tables; created when missing."),
    ]

    /// The database.
    public let settings: PostgresConnectionSettings
    /// The schema of the state tables.
    public let schema: String
    private let connection: PostgresConnection
    /// Whether the tables are known to exist; read and written on the connection's queue only.
    private let prepared = Mutex(false)

    /// A store in `schema` of the database of `settings`.
    public init(settings: PostgresConnectionSettings, schema: String = "sluice") {
        self.settings = settings
        self.schema = schema
        connection = PostgresConnection(settings: settings)
    }

    /// - Throws: ``ConfigIssue`` for a url that is neither a URL nor a `key=value` string.
    public convenience init(config: PluginConfig) throws {
        self.init(settings: try PostgresConnectionSettings(config: config), schema: config.string("schema") ?? "sluice")
    }

    /// The database and schema, never the password.
    public var location: String { "\(settings.location) (schema \(schema))" }

    private var stateTable: String { schema.quotedIdentifier + "." + "sluice_state".quotedIdentifier }
    private var usageTable: String { schema.quotedIdentifier + "." + "sluice_usage".quotedIdentifier }
    private var runsTable: String { schema.quotedIdentifier + "." + "sluice_runs".quotedIdentifier }

    public func committedWindows(pipeline: String) async throws -> [String: Set<Window>] {
        let sql = "SELECT sink, window_key FROM \(stateTable) WHERE pipeline = $1"
        return try await read(orElse: [:]) { link in
            let result = try link.execute(sql, [pipeline])
            var windows: [String: Set<Window>] = [:]
            for row in 0..<result.rowCount {
                guard let sink = result.value(row: row, column: 0),
                      let window = result.value(row: row, column: 1).flatMap(Window.init(key:))
                else { continue }
                windows[sink, default: []].insert(window)
            }
            return windows
        }
    }

    public func recordCommit(pipeline: String, sink: String, window: Window) async throws {
        let statement = commitStatement(pipeline: pipeline, sink: sink, window: window)
        try await perform { link in _ = try link.execute(statement.sql, statement.parameters) }
    }

    /// Forgets exactly the days of `range` (every commit when `nil`): a window that reaches past
    /// the range keeps its days outside it. A whole-input window overlaps every range.
    public func reset(pipeline: String, range: DateRange?) async throws {
        guard let range else {
            try await perform { link in _ = try link.execute("DELETE FROM \(self.stateTable) WHERE pipeline = $1", [pipeline]) }
            return
        }
        let key = { (from: String, to: String) in "to_char(\(from), 'YYYY-MM-DD') || '..' || to_char(\(to), 'YYYY-MM-DD')" }
        let sql = """
            WITH gone AS (
              DELETE FROM \(stateTable) WHERE pipeline = $1
                AND (window_from IS NULL OR (window_from < $3::date AND $2::date < window_to))
              RETURNING *)
            INSERT INTO \(stateTable) (pipeline, sink, window_key, window_from, window_to, committed_at)
            SELECT pipeline, sink, \(key("window_from", "$2::date")), window_from, $2::date, committed_at
              FROM gone WHERE window_from < $2::date
            UNION ALL
            SELECT pipeline, sink, \(key("$3::date", "window_to")), $3::date, window_to, committed_at
              FROM gone WHERE window_to > $3::date
            ON CONFLICT (pipeline, sink, window_key) DO NOTHING
            """
        try await perform { link in _ = try link.execute(sql, [pipeline, range.from.description, range.to.description]) }
    }

    public func usage(budget: String, day: CalendarDate) async throws -> Int {
        let sql = "SELECT calls FROM \(usageTable) WHERE budget = $1 AND day = $2::date"
        return try await read(orElse: 0) { link in
            let result = try link.execute(sql, [budget, day.description])
            return result.rowCount == 0 ? 0 : Int(result.value(row: 0, column: 0) ?? "0") ?? 0
        }
    }

    @discardableResult
    public func addUsage(budget: String, day: CalendarDate, calls: Int) async throws -> Int {
        let sql = """
            INSERT INTO \(usageTable) AS usage (budget, day, calls) VALUES ($1, $2::date, $3::bigint)
            ON CONFLICT (budget, day) DO UPDATE SET calls = usage.calls + EXCLUDED.calls RETURNING calls
            """
        return try await perform { link in
            let result = try link.execute(sql, [budget, day.description, String(calls)])
            return Int(result.value(row: 0, column: 0) ?? "0") ?? 0
        }
    }

    /// Adds `run` to `sluice_runs`: one row per run, its counts in columns, its rows per sink as JSON.
    public func recordRun(_ run: RunRecord) async throws {
        let sql = """
            INSERT INTO \(runsTable) (pipeline, command, started_at, ended_at, outcome, exit_code, range_from, range_to,
              windows_done, windows_skipped, rows_read, api_calls, throttled, retries, rows_written, rows_merged, version,
              peak_memory_bytes, error)
            VALUES ($1, $2, $3::timestamptz, $4::timestamptz, $5, $6::int, $7::date, $8::date,
              $9::int, $10::int, $11::bigint, $12::int, $13::int, $14::int, $15::jsonb, $16::jsonb, $17, $18::bigint, $19)
            """
        let json = run.json
        let parameters: [String?] = [
            run.pipeline, run.command, run.startedAt.description, run.endedAt.description, run.outcome.rawValue, String(run.exitCode),
            run.range?.from.description, run.range?.to.description,
        ] + run.counts.map { String($0.value) } + [
            json["rows_written"].map(JSONWriter.string), json["rows_merged"].map(JSONWriter.string), run.version,
            run.peakMemoryBytes.map(String.init), run.error,
        ]
        try await perform { link in _ = try link.execute(sql, parameters) }
    }

    /// The latest runs of `pipeline`, newest first, read back as the JSON of ``RunRecord``.
    public func runs(pipeline: String, limit: Int) async throws -> [RunRecord] {
        let sql = """
            SELECT json_build_object('pipeline', pipeline, 'command', command,
              'started_at', to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
              'ended_at', to_char(ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
              'outcome', outcome, 'exit_code', exit_code, 'range_from', to_char(range_from, 'YYYY-MM-DD'),
              'range_to', to_char(range_to, 'YYYY-MM-DD'), 'windows_done', windows_done, 'windows_skipped', windows_skipped,
              'rows_read', rows_read, 'api_calls', api_calls, 'throttled', throttled, 'retries', retries,
              'rows_written', rows_written, 'rows_merged', rows_merged, 'version', version,
              'peak_memory_bytes', peak_memory_bytes, 'error', error)::text
            FROM \(runsTable) WHERE pipeline = $1 ORDER BY id DESC LIMIT $2::int
            """
        let texts: [String] = try await read(orElse: []) { link in
            let result = try link.execute(sql, [pipeline, String(limit)])
            return (0..<result.rowCount).compactMap { result.value(row: $0, column: 0) }
        }
        return try texts.map { text in
            guard let run = RunRecord(json: try JSONParser.parse(Array(text.utf8))) else {
                throw SluiceError(.state, "a row of \(runsTable) cannot be read", context: [("row", text)])
            }
            return run
        }
    }

    /// The statement that records a commit; the postgres sink runs it inside the window's transaction.
    func commitStatement(pipeline: String, sink: String, window: Window) -> SQLStatement {
        SQLStatement(
            """
            INSERT INTO \(stateTable) (pipeline, sink, window_key, window_from, window_to, committed_at)
            VALUES ($1, $2, $3, $4::date, $5::date, clock_timestamp())
            ON CONFLICT (pipeline, sink, window_key) DO UPDATE SET committed_at = EXCLUDED.committed_at
            """,
            [pipeline, sink, window.key, window.days?.from.description, window.days?.to.description]
        )
    }

    /// Creates the schema and tables when missing (once per store).
    func prepare() async throws {
        try await perform { _ in }
    }

    /// Runs the read `body` on the store's connection, or gives `empty` when the tables do not
    /// exist yet: reading never creates them, so `sluice plan` and `sluice state show` write nothing.
    private func read<T: Sendable>(orElse empty: T, _ body: @escaping @Sendable (PostgresLink) throws -> T) async throws -> T {
        let tables = [stateTable, usageTable, runsTable]
        return try await connection.runRetrying { link in
            if !self.prepared.withLock({ $0 }) {
                let exists = try link.execute(
                    "SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AND to_regclass($3) IS NOT NULL", tables
                )
                guard exists.value(row: 0, column: 0) == "t" else { return empty }
            }
            return try body(link)
        }
    }

    /// Runs `body` on the store's connection once the tables exist, retrying when the connection is lost.
    private func perform<T: Sendable>(_ body: @escaping @Sendable (PostgresLink) throws -> T) async throws -> T {
        let statements = [
            "CREATE SCHEMA IF NOT EXISTS \(schema.quotedIdentifier)",
            """
            CREATE TABLE IF NOT EXISTS \(stateTable) (pipeline text NOT NULL, sink text NOT NULL, window_key text NOT NULL,
              window_from date, window_to date, committed_at timestamptz NOT NULL,
              PRIMARY KEY (pipeline, sink, window_key))
            """,
            """
            CREATE TABLE IF NOT EXISTS \(usageTable) (budget text NOT NULL, day date NOT NULL, calls bigint NOT NULL,
              PRIMARY KEY (budget, day))
            """,
            """
            CREATE TABLE IF NOT EXISTS \(runsTable) (id bigserial PRIMARY KEY, pipeline text NOT NULL, command text NOT NULL,
              started_at timestamptz NOT NULL, ended_at timestamptz NOT NULL, outcome text NOT NULL, exit_code int NOT NULL,
              range_from date, range_to date, windows_done int NOT NULL, windows_skipped int NOT NULL, rows_read bigint NOT NULL,
              api_calls int NOT NULL, throttled int NOT NULL, retries int NOT NULL, rows_written jsonb NOT NULL,
              rows_merged jsonb NOT NULL, version text NOT NULL, peak_memory_bytes bigint, error text)
            """,
            // A table made by an earlier version lacks the columns added since.
            "ALTER TABLE \(runsTable) ADD COLUMN IF NOT EXISTS peak_memory_bytes bigint",
        ]
        return try await connection.runRetrying { link in
            if !self.prepared.withLock({ $0 }) {
                try link.transaction {
                    try link.serializeSchemaChanges()
                    for sql in statements { try link.execute(sql) }
                }
                self.prepared.withLock { $0 = true }
            }
            return try body(link)
        }
    }
}
