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
}

/// Processes the batches of one window, in order, on one task.
public protocol BatchProcessor: AnyObject {
    /// The output for one input batch (possibly empty).
    func process(_ batch: RecordBatch) throws -> RecordBatch

    /// Rows held back until the window's end (for example by `dedupe` with `keep: last`).
    func finishWindow() throws -> RecordBatch?

    /// Called once the window is over: `committed` is false when it was rolled back (and may run
    /// again), so that run-wide state (the keys `dedupe` saw) can forget what the window added.
    func windowEnded(committed: Bool)
}

extension BatchProcessor {
    public func finishWindow() throws -> RecordBatch? { nil }
    public func windowEnded(committed: Bool) {}
}
