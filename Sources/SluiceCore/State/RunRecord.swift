/// One run of a pipeline as the run history keeps it (`sluice runs`, the `sluice_runs` table):
/// when, how it ended, and what it committed.
public struct RunRecord: Sendable, Equatable {
    /// How a run ended; each maps to one exit code (`interrupted` to two: 130 after SIGINT or
    /// SIGTERM, 141 when stdout was closed by its reader).
    public enum Outcome: String, Sendable, CaseIterable {
        case succeeded, failed, invalid, interrupted
        /// Stopped cleanly because the day's API quota is spent (exit 3).
        case quotaStopped = "quota_stopped"
        /// Another run held the pipeline's lock (exit 4).
        case skipped

        /// The outcome of a process ending with `exitCode`.
        public init(exitCode: Int32) {
            self = switch exitCode {
            case 0: .succeeded
            case SluiceError.Outcome.invalid.rawValue: .invalid
            case SluiceError.Outcome.quotaExhausted.rawValue: .quotaStopped
            case SluiceError.Outcome.skipped.rawValue: .skipped
            case 130, 141: .interrupted
            default: .failed
            }
        }
    }

    public var pipeline: String
    /// `run` or `backfill`.
    public var command: String
    public var startedAt: Timestamp
    public var endedAt: Timestamp
    public var outcome: Outcome
    public var exitCode: Int32
    /// The days the run was asked for; `nil` for an undated source or when it stopped before planning.
    public var range: DateRange?
    public var windowsDone = 0
    public var windowsSkipped = 0
    /// Rows read in the windows committed.
    public var rowsRead = 0
    /// Rows committed per sink identity.
    public var rowsWritten: [String: Int] = [:]
    /// Rows merged into another row with the same key, per sink identity.
    public var rowsMerged: [String: Int] = [:]
    public var apiCalls = 0
    /// Answers that said "too many requests" (HTTP 429).
    public var throttled = 0
    public var retries = 0
    public var version: String
    /// The most memory the process held at once (its peak resident set), when known.
    public var peakMemoryBytes: Int?
    /// The error that ended the run, as printed.
    public var error: String?

    public init(
        pipeline: String, command: String, startedAt: Timestamp, endedAt: Timestamp, exitCode: Int32, range: DateRange?,
        metrics: RunMetrics.Snapshot, version: String = SluiceVersion.current, peakMemoryBytes: Int? = nil, error: String? = nil
    ) {
        self.pipeline = pipeline
        self.command = command
        self.startedAt = startedAt
        self.endedAt = endedAt
        outcome = Outcome(exitCode: exitCode)
        self.exitCode = exitCode
        self.range = range
        windowsDone = metrics.windowsDone
        windowsSkipped = metrics.windowsSkipped
        rowsRead = metrics.rowsRead
        rowsWritten = metrics.rowsWritten
        rowsMerged = metrics.rowsMerged
        apiCalls = metrics.apiCalls
        throttled = metrics.throttled
        retries = metrics.retries
        self.version = version
        self.peakMemoryBytes = peakMemoryBytes
        self.error = error
    }

    /// The figures that are counts, by stable name (`sluice runs --format json`, the metrics file).
    public var counts: [(name: String, value: Int)] {
        [("windows_done", windowsDone), ("windows_skipped", windowsSkipped), ("rows_read", rowsRead),
         ("api_calls", apiCalls), ("throttled", throttled), ("retries", retries)]
    }
}
