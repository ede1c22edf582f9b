public import Logging

/// What a source or sink gets from the runner for one run.
public struct RunContext: Sendable {
    /// The pipeline's `name`.
    public let pipeline: String
    public let logger: Logger
    /// The pipeline's state store (commits and API-call budgets).
    public let state: any StateStore
    public let metrics: RunMetrics
    /// The source's scope, for sinks that replace a window's rows.
    public let scope: ScopeFilter?
    /// What the program running the pipeline lends its plugins (see ``PluginServices``).
    public let services: PluginServices

    public init(
        pipeline: String, logger: Logger, state: any StateStore, metrics: RunMetrics, scope: ScopeFilter? = nil,
        services: PluginServices = PluginServices()
    ) {
        self.scope = scope
        self.services = services
        self.pipeline = pipeline
        self.logger = logger
        self.state = state
        self.metrics = metrics
    }
}
