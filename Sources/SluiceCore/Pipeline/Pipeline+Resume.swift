extension Pipeline {
    /// The identities of the sinks whose committed windows are skipped on later runs.
    public var resumingSinks: [String] {
        sinks.map(\.sink).filter(\.resumesCommittedWindows).map(\.identity)
    }

    /// The indices of the sinks that get `window`: those that have not committed it yet, and the
    /// sinks that do not resume (stdout, an overwritten file), which join every window that runs.
    /// A window runs when a resuming sink still needs it, or when no sink resumes; `[]` means skip.
    public func sinksNeeding(_ window: Window, committed: [String: Set<Window>]) -> [Int] {
        let all = sinks.map(\.sink)
        let resuming = all.indices.filter { all[$0].resumesCommittedWindows }
        let pending = resuming.filter { committed[all[$0].identity]?.contains(window) != true }
        guard !pending.isEmpty || resuming.isEmpty else { return [] }
        return all.indices.filter { !all[$0].resumesCommittedWindows || pending.contains($0) }
    }

    /// The windows of an incremental run (see ``WindowPlanner/incrementalWindows(for:committed:sinks:)``).
    public func incrementalWindows(committed: [String: Set<Window>]) -> [Window] {
        WindowPlanner.incrementalWindows(for: source, committed: committed, sinks: resumingSinks)
    }
}
