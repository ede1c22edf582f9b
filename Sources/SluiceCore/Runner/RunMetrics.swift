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
        /// Answers that said "too many requests" (HTTP 429).
        public var throttled = 0
        /// Calls left in the day's budget, when the source has one.
        public var quotaRemaining: Int?
        /// Rows read in the windows committed (a window tried twice counts once).
        public var rowsRead = 0
        /// Rows committed per sink identity.
        public var rowsWritten: [String: Int] = [:]
        /// Rows committed per sink identity that a later row with the same key replaced within
        /// their window (an `upsert` keeps the last row of each key).
        public var rowsMerged: [String: Int] = [:]

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
