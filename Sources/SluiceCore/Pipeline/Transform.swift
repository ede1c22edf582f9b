/// A step that reshapes batches between the source and the sinks.
///
/// A transform declares its output schema from its input schema, so every stage's schema is
/// known, and checked, before any data moves.
public protocol Transform: Sendable {
    /// The schema of the batches this transform emits for batches of `input`.
    /// - Throws: ``ConfigIssue`` or ``ConfigIssues`` (paths relative to the transform's block)
    ///   when an option names a field absent from `input`.
    func outputSchema(for input: Schema) throws -> Schema

    /// A fresh processor for one window; run-wide state (if any) lives in the transform itself.
    func makeProcessor(input: Schema) throws -> any BatchProcessor

    /// Whether what it passes in one window depends on earlier windows of the run (`dedupe` with
    /// `scope: run`). Such a transform may not be shared by several sinks: when a window commits in
    /// one sink and not another, its rows could neither be forgotten (the committed sink has them)
    /// nor be kept (the other sink's retry needs them again).
    var remembersAcrossWindows: Bool { get }
}

extension Transform {
    public var remembersAcrossWindows: Bool { false }
}

/// Processes the batches of one window, in order, on one task.
///
/// A processor appends its output rows to a ``BatchOutput`` as it makes them: the output hands
/// each full batch downstream and waits while downstream is busy, so a processor that turns one
/// input batch into a great many rows (a flatten of a year) never holds them all.
public protocol BatchProcessor: AnyObject {
    /// Processes one input batch, appending its output rows to `output`.
    func process(_ batch: RecordBatch, into output: BatchOutput) async throws

    /// Appends the rows held back until the window's end (for example by `dedupe` with `keep: last`).
    func finishWindow(into output: BatchOutput) async throws

    /// Called once the window is over: `committed` is false when it was rolled back (and may run
    /// again), so that run-wide state (the keys `dedupe` saw) can forget what the window added.
    func windowEnded(committed: Bool)
}

extension BatchProcessor {
    public func finishWindow(into output: BatchOutput) async throws {}
    public func windowEnded(committed: Bool) {}
}
