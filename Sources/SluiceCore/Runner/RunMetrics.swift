import Synchronization

/// Live counters of a run, read by the progress line and the summary.
public final class RunMetrics: Sendable {
    /// A consistent copy of the counters.
    public struct Snapshot: Sendable, Equatable {
        public var windowsTotal = 0
        public var windowsDone = 0
        public var windowsSkipped = 0
        public var pages = 0
        public var apiCalls = 0
        public var retries = 0
        /// Calls left in the day's budget, when the source has one.
        public var quotaRemaining: Int?
        public var rowsRead = 0
        /// Rows written per sink identity.
        public var rowsWritten: [String: Int] = [:]

        /// Every counter at zero.
        public init() {}
    }

    private let state = Mutex(Snapshot())

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    /// Changes the counters under the lock.
    public func update(_ body: (inout Snapshot) -> Void) {
        state.withLock { body(&$0) }
    }
}
