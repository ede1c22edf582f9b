import Synchronization
public import SluiceCore

/// A state store in memory, for tests (the file and postgres stores have tests of their own).
public final class MemoryStateStore: StateStore {
    public init() {}

    private let commits = Mutex<[String: [String: Set<Window>]]>([:])
    private let calls = Mutex<[String: Int]>([:])

    public var location: String { "memory" }

    public func committedWindows(pipeline: String) async throws -> [String: Set<Window>] {
        commits.withLock { $0[pipeline] ?? [:] }
    }

    public func recordCommit(pipeline: String, sink: String, window: Window) async throws {
        commits.withLock { _ = $0[pipeline, default: [:]][sink, default: []].insert(window) }
    }

    public func reset(pipeline: String, range: DateRange?) async throws {
        commits.withLock { commits in
            guard let range else {
                commits[pipeline] = nil
                return
            }
            for (sink, windows) in commits[pipeline] ?? [:] {
                commits[pipeline]?[sink] = Set(windows.flatMap { $0.removing(range) })
            }
        }
    }

    public func usage(budget: String, day: CalendarDate) async throws -> Int {
        calls.withLock { $0["\(budget) \(day)"] ?? 0 }
    }

    public func addUsage(budget: String, day: CalendarDate, calls count: Int) async throws -> Int {
        calls.withLock {
            $0["\(budget) \(day)", default: 0] += count
            return $0["\(budget) \(day)"]!
        }
    }

    public func recordRun(_ run: RunRecord) async throws {
        history.withLock { $0.insert(run, at: 0) }
    }

    public func runs(pipeline: String, limit: Int) async throws -> [RunRecord] {
        history.withLock { Array($0.filter { $0.pipeline == pipeline }.prefix(limit)) }
    }

    private let history = Mutex<[RunRecord]>([])

    public func lockRun(pipeline: String) async throws -> any RunLock {
        guard locks.withLock({ $0.insert(pipeline).inserted }) else {
            throw SluiceError(.locked, "pipeline \(pipeline) is already running")
        }
        return Lock(store: self, pipeline: pipeline)
    }

    private let locks = Mutex<Set<String>>([])

    private struct Lock: RunLock {
        let store: MemoryStateStore
        let pipeline: String
        func release() async { _ = store.locks.withLock { $0.remove(pipeline) } }
    }
}
