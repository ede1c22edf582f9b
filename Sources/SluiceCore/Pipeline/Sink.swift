/// Where records go. A sink is configured once and opened for each run.
public protocol Sink: Sendable {
    /// A name unique among the pipeline's sinks and stable across runs (a path, a table):
    /// the state store remembers per sink which windows it committed.
    var identity: String { get }

    /// What the sink writes, for messages: its identity, with the database when the identity
    /// does not name it (`gong.days in postgres://db.example/warehouse`).
    var target: String { get }

    /// Whether windows this sink committed in earlier runs may be skipped (false for a sink that
    /// replaces its whole output on every run, or prints it).
    var resumesCommittedWindows: Bool { get }

    /// Whether a day written again replaces what the sink holds for it (an `upsert` or `replace`
    /// table) instead of being added a second time. Only such sinks get an incremental run's
    /// look-back re-read of days they have committed; the others never get a day twice.
    var rewritesDaysInPlace: Bool { get }

    /// Whether a window's rows and its checkpoint in `store` become visible as one (a table whose
    /// store is in its own database and written in the window's transaction; a file whose journal
    /// a later run reads). A sink that appends must: otherwise a crash between the two would load
    /// the window again on the next run.
    func commitsAtomically(with store: any StateStore) -> Bool

    /// Problems with the schema flowing into the sink (a key naming an absent column...).
    /// Paths are relative to the sink's block.
    func check(input: Schema) -> [ConfigIssue]

    /// Prepares a run before any data is read (creates tables, checks paths).
    func open(input: Schema, context: RunContext) async throws -> any SinkSession

    /// The state store this sink offers a pipeline that names none (the postgres sink offers one
    /// in its own database, so that data and checkpoint share a transaction).
    func defaultStateStore(pipeline: String) -> (any StateStore)?

    /// What the sink would run to prepare a run (the DDL of a database sink), for `sluice plan`;
    /// computed without connecting to anything.
    func plannedStatements(input: Schema) -> [String]

    /// What the sink would change in its target as the target is now (the `ALTER`s an existing
    /// table needs), and what would stop a run, read without changing anything.
    func previewTarget(input: Schema) async throws -> TargetPreview
}

/// What a sink would do to its target before a run (``Sink/previewTarget(input:)``).
public struct TargetPreview: Sendable {
    /// The statements it would run.
    public var statements: [String]
    /// What would stop the run (an existing table whose columns or key do not fit).
    public var problems: [String]

    public init(statements: [String], problems: [String] = []) {
        self.statements = statements
        self.problems = problems
    }
}

extension Sink {
    public var target: String { identity }
    public var resumesCommittedWindows: Bool { true }
    public var rewritesDaysInPlace: Bool { false }
    public func commitsAtomically(with store: any StateStore) -> Bool { false }
    public func check(input: Schema) -> [ConfigIssue] { [] }
    public func plannedStatements(input: Schema) -> [String] { [] }
    public func previewTarget(input: Schema) async throws -> TargetPreview { TargetPreview(statements: plannedStatements(input: input)) }
    public func defaultStateStore(pipeline: String) -> (any StateStore)? { nil }
}

/// A sink opened for one run.
public protocol SinkSession: Sendable {
    /// Starts writing one window; nothing of it is visible until ``WindowWriter/commit(_:)``.
    func begin(_ window: Window) async throws -> any WindowWriter

    /// Releases the run's resources.
    func close() async throws
}

extension SinkSession {
    public func close() async throws {}
}

/// Writes one window into one sink; used by one task at a time.
public protocol WindowWriter: AnyObject {
    func write(_ batch: RecordBatch) async throws

    /// Makes the window visible and records `checkpoint`, atomically when the sink can
    /// (the postgres sink writes it in the window's transaction).
    func commit(_ checkpoint: Checkpoint) async throws

    /// Discards the window; must not throw, and must leave nothing of the window behind.
    func rollback() async

    /// After ``commit(_:)``: how many of the window's rows were merged into another row with the
    /// same key (an `upsert` keeps the last row of each key), so that runs can report rows that
    /// did not arrive as rows.
    var rowsMergedByKey: Int { get }
}

extension WindowWriter {
    public var rowsMergedByKey: Int { 0 }
}

/// The record that a sink committed a window, handed to the sink so that it can store it with its data.
public struct Checkpoint: Sendable {
    public let pipeline: String
    public let sink: String
    public let window: Window
    public let store: any StateStore

    public init(pipeline: String, sink: String, window: Window, store: any StateStore) {
        self.pipeline = pipeline
        self.sink = sink
        self.window = window
        self.store = store
    }

    /// Records the checkpoint in its state store (for sinks that cannot do it with their data).
    public func record() async throws {
        try await store.recordCommit(pipeline: pipeline, sink: sink, window: window)
    }
}
