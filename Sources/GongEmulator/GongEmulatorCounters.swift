public import SluiceCore

/// What an emulator has seen and done so far, for tests and benchmarks.
public struct GongEmulatorCounters: Sendable, Equatable {
    /// Every request received (any path, any outcome).
    public var requests = 0
    /// Requests per path.
    public var requestsByPath: [String: Int] = [:]
    /// Requests to the day-by-day endpoint per date range of their filter (`fromDate..toDate`),
    /// whatever the answer; a body without a valid range is not counted here.
    public var requestsByRange: [DateRange: Int] = [:]
    /// Answers per HTTP status.
    public var responsesByStatus: [Int: Int] = [:]
    /// 429 answers sent.
    public var rateLimited = 0
    /// Connections closed without an answer.
    public var dropped = 0
    /// Answers cut off in the middle of the body.
    public var truncated = 0

    /// All counters at zero.
    public init() {}
}
