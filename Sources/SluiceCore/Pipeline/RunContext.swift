public import Logging

/// What a source or sink gets from the runner for one run.
public struct RunContext: Sendable {
    /// The pipeline's `name`.
    public let pipeline: String
    public let logger: Logger
    /// The pipeline's state store (commits and API-call budgets).
    public let state: any StateStore
    public let metrics: RunMetrics

    public init(pipeline: String, logger: Logger, state: any StateStore, metrics: RunMetrics) {
        self.pipeline = pipeline
        self.logger = logger
        self.state = state
        self.metrics = metrics
    }
}
