import SluiceCore

/// A state store in memory, for tests (the file and postgres stores live elsewhere).
actor MemoryStateStore: StateStore {
    private var commits: [String: [String: Set<Window>]] = [:]
    private var usage: [String: Int] = [:]

    nonisolated var location: String { "memory" }

    func committedWindows(pipeline: String) async throws -> [String: Set<Window>] {
        commits[pipeline] ?? [:]
    }

    func recordCommit(pipeline: String, sink: String, window: Window) async throws {
        commits[pipeline, default: [:]][sink, default: []].insert(window)
    }

    func reset(pipeline: String, range: DateRange?) async throws {
        guard let range else {
            commits[pipeline] = nil
            return
        }
        for (sink, windows) in commits[pipeline] ?? [:] {
            commits[pipeline]?[sink] = windows.filter { window in !(window.days.map { $0.overlaps(range) } ?? true) }
        }
    }

    func usage(budget: String, day: CalendarDate) async throws -> Int {
        usage["\(budget)|\(day)"] ?? 0
    }

    @discardableResult
    func addUsage(budget: String, day: CalendarDate, calls: Int) async throws -> Int {
        usage["\(budget)|\(day)", default: 0] += calls
        return usage["\(budget)|\(day)"] ?? 0
    }
}
