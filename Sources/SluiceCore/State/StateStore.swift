/// Remembers which windows each sink of a pipeline committed, the API calls spent per day, and
/// the history of runs.
public protocol StateStore: Sendable {
    /// A short description for logs and plans (never with a password).
    var location: String { get }

    /// For each sink identity, the windows it committed.
    func committedWindows(pipeline: String) async throws -> [String: Set<Window>]

    /// Records that `sink` committed `window`.
    func recordCommit(pipeline: String, sink: String, window: Window) async throws

    /// Forgets the commits of every window that overlaps `range` (all of them when `nil`).
    func reset(pipeline: String, range: DateRange?) async throws

    /// The calls counted against `budget` (a quota's name) on `day`.
    func usage(budget: String, day: CalendarDate) async throws -> Int

    /// Adds `calls` to `budget` on `day` and returns the new total.
    @discardableResult
    func addUsage(budget: String, day: CalendarDate, calls: Int) async throws -> Int

    /// Adds `run` to the pipeline's run history.
    func recordRun(_ run: RunRecord) async throws

    /// The latest `limit` runs of `pipeline`, newest first.
    func runs(pipeline: String, limit: Int) async throws -> [RunRecord]

    /// Takes the lock that keeps two runs of one pipeline apart (a lock file, an advisory lock).
    /// - Throws: ``SluiceError`` `.locked` when another run holds it.
    func lockRun(pipeline: String) async throws -> any RunLock
}

/// A held run lock; released by ``release()`` or when the process ends.
public protocol RunLock: Sendable {
    /// Makes sure the lock is still held, taking it again if it was lost (a database lock ends
    /// with its session, when the server restarts say). The runner calls it before each window.
    /// - Throws: ``SluiceError`` `.lockLost` when another run took the lock meanwhile.
    func confirm() async throws

    func release() async
}

extension RunLock {
    /// A lock held for as long as the process lives (a `flock`) needs no confirming.
    public func confirm() async throws {}
}

extension SluiceError.Code {
    /// Another run of the same pipeline holds the run lock.
    public static let locked = Self(rawValue: "locked")
    /// A run lost its lock during the run, and another run took it.
    public static let lockLost = Self(rawValue: "lock_lost")
}
