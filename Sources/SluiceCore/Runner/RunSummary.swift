/// What a run did: its counters at the end, and how long it took.
package struct RunSummary: Sendable {
    public let metrics: RunMetrics.Snapshot
    public let duration: Duration

    public init(metrics: RunMetrics.Snapshot, duration: Duration) {
        self.metrics = metrics
        self.duration = duration
    }
}
