/// A window to run and the sinks that get it.
package struct WindowPlan: Sendable, Equatable {
    public let window: Window
    /// Indices in ``Pipeline/sinks``.
    public let sinks: [Int]

    public init(window: Window, sinks: [Int]) {
        self.window = window
        self.sinks = sinks
    }
}

extension Pipeline {
    /// The identities of the sinks whose committed days are skipped on later runs.
    public var resumingSinks: [String] {
        sinks.map(\.sink).filter(\.resumesCommittedWindows).map(\.identity)
    }

    /// The days each sink identity has committed, from the state's windows.
    public static func coverage(_ committed: [String: Set<Window>]) -> [String: DayCoverage] {
        committed.mapValues { DayCoverage($0) }
    }

    /// The days committed by every resuming sink.
    public func coveredEverywhere(_ coverage: [String: DayCoverage]) -> DayCoverage {
        let resuming = resumingSinks
        guard let first = resuming.first else { return .empty }
        return resuming.dropFirst().reduce(coverage[first] ?? .empty) { $0.intersection(coverage[$1] ?? .empty) }
    }

    /// What to run of `windows`: each window is cut where a sink's coverage starts or stops (and
    /// at the edges of `rereading`), and each piece goes to the sinks that need it.
    ///
    /// A resuming sink needs the days it has not committed, and, when it rewrites days in place
    /// (``Sink/rewritesDaysInPlace``), the days of `rereading` (an incremental run's look-back);
    /// an `append` sink never gets a day twice. Sinks that do not resume (stdout) join every piece
    /// that runs. A piece runs when a resuming sink needs it, or when no sink resumes. Adjacent
    /// pieces of one window that go to the same sinks stay one window.
    public func plans(for windows: [Window], coverage: [String: DayCoverage], rereading: DateRange? = nil) -> [WindowPlan] {
        windows.flatMap { window -> [WindowPlan] in
            var plans: [WindowPlan] = []
            for piece in pieces(of: window, coverage: coverage, rereading: rereading) {
                let needing = sinksNeeding(piece, coverage: coverage, rereading: rereading)
                guard !needing.isEmpty else { continue }
                if let last = plans.last, last.sinks == needing, let days = last.window.days, let next = piece.days, days.to == next.from {
                    plans[plans.count - 1] = WindowPlan(window: Window(days: DateRange(from: days.from, to: next.to)), sinks: needing)
                } else {
                    plans.append(WindowPlan(window: piece, sinks: needing))
                }
            }
            return plans
        }
    }

    /// `window` cut at every edge of coverage or of `rereading` inside it.
    private func pieces(of window: Window, coverage: [String: DayCoverage], rereading: DateRange?) -> [Window] {
        guard let days = window.days else { return [window] }
        var edges = Set(resumingSinks.flatMap { (coverage[$0] ?? .empty).edges(inside: days) })
        for edge in [rereading?.from, rereading?.to].compactMap({ $0 }) where days.from < edge && edge < days.to { edges.insert(edge) }
        let cuts = [days.from] + edges.sorted() + [days.to]
        return zip(cuts, cuts.dropFirst()).map { Window(days: DateRange(from: $0, to: $1)) }
    }

    /// The sinks that get `piece`, which no coverage edge cuts; `[]` when it is skipped.
    private func sinksNeeding(_ piece: Window, coverage: [String: DayCoverage], rereading: DateRange?) -> [Int] {
        let all = sinks.map(\.sink)
        let resuming = all.indices.filter { all[$0].resumesCommittedWindows }
        let reread = piece.days.map { days in rereading.map { $0.from <= days.from && days.to <= $0.to } ?? false } ?? false
        let pending = resuming.filter { index in
            !(coverage[all[index].identity] ?? .empty).covers(piece) || (reread && all[index].rewritesDaysInPlace)
        }
        guard !pending.isEmpty || resuming.isEmpty else { return [] }
        return all.indices.filter { !all[$0].resumesCommittedWindows || pending.contains($0) }
    }
}
