import Logging
import SluicePluginTesting
import Synchronization
import Testing
import SluiceCore
import SluiceTestKit

@Suite struct RunnerTests {
    let logger = Logger(label: "test")

    @Test func aSlowSinkBoundsHowFarTheSourceRunsAhead() async throws {
        let source = CountingSource(batches: 400, windows: 1)
        let sink = CollectingSink(identity: "slow", yieldsPerBatch: 50, source: source)
        let runner = Runner(pipeline: makePipeline(source: source, sinks: [sink], state: MemoryStateStore()), logger: logger, bufferCapacity: 4)
        _ = try await runner.run(windows: WindowPlanner.windows(for: source))
        #expect(sink.written.value == 400)
        // Two buffers of 4 between source and sink, plus one batch in each stage's hands.
        #expect(sink.maxLead.value <= 2 * 4 + 3)
    }

    @Test func everySinkGetsEveryRowAndEveryWindowCommits() async throws {
        let source = CountingSource(batches: 5, windows: 3)
        let sinks = [CollectingSink(identity: "a"), CollectingSink(identity: "b")]
        let state = MemoryStateStore()
        let summary = try await Runner(pipeline: makePipeline(source: source, sinks: sinks, state: state), logger: logger)
            .run(windows: WindowPlanner.windows(for: source))
        #expect(summary.metrics.windowsDone == 3)
        #expect(summary.metrics.rowsWritten == ["a": 15, "b": 15])
        for sink in sinks {
            #expect(sink.committed.withLock { $0.count } == 3)
        }
        let committed = try await state.committedWindows(pipeline: "test")
        #expect(committed["a"]?.count == 3 && committed["b"]?.count == 3)
    }

    @Test func committedWindowsAreSkippedAndAPartlyCommittedWindowRerunsOnlyWhereNeeded() async throws {
        let source = CountingSource(batches: 2, windows: 2)
        let state = MemoryStateStore()
        let windows = try WindowPlanner.windows(for: source)
        try await state.recordCommit(pipeline: "test", sink: "a", window: windows[0])
        try await state.recordCommit(pipeline: "test", sink: "b", window: windows[0])
        try await state.recordCommit(pipeline: "test", sink: "a", window: windows[1])
        let sinks = [CollectingSink(identity: "a"), CollectingSink(identity: "b")]
        let summary = try await Runner(pipeline: makePipeline(source: source, sinks: sinks, state: state), logger: logger).run(windows: windows)
        #expect(summary.metrics.windowsSkipped == 1)
        #expect(sinks[0].committed.withLock { $0.isEmpty })
        #expect(sinks[1].committed.withLock { Array($0.keys) } == [windows[1]])
    }

    @Test func aFailingWindowNamesItselfAndLeavesItUncommitted() async throws {
        let source = CountingSource(batches: 3, windows: 3)
        let windows = try WindowPlanner.windows(for: source)
        let sink = CollectingSink(identity: "a", failOn: windows[1])
        let state = MemoryStateStore()
        let runner = Runner(pipeline: makePipeline(source: source, sinks: [sink], state: state), logger: logger, concurrency: 1)
        await #expect {
            try await runner.run(windows: windows)
        } throws: { error in
            (error as? SluiceError)?.context("window") == windows[1].key
        }
        let committed = try await state.committedWindows(pipeline: "test")["a"] ?? []
        #expect(committed == [windows[0]])
    }

    @Test func aTransientFailureRetriesTheWindowWithoutDuplicates() async throws {
        let source = CountingSource(batches: 3, windows: 2)
        let sink = CollectingSink(identity: "a", transientFailures: 2)
        var runner = Runner(pipeline: makePipeline(source: source, sinks: [sink], state: MemoryStateStore()), logger: logger, concurrency: 1)
        runner.retryDelay = .milliseconds(1)
        let summary = try await runner.run(windows: WindowPlanner.windows(for: source))
        #expect(summary.metrics.windowsDone == 2)
        #expect(sink.committed.withLock { $0.values.map(\.count) } == [3, 3])
    }

    @Test func transientFailuresBeyondTheAttemptsFailTheRun() async throws {
        let source = CountingSource(batches: 1, windows: 1)
        let sink = CollectingSink(identity: "a", transientFailures: 3)
        var runner = Runner(pipeline: makePipeline(source: source, sinks: [sink], state: MemoryStateStore()), logger: logger)
        runner.retryDelay = .milliseconds(1)
        await #expect(throws: SluiceError.self) { try await runner.run(windows: WindowPlanner.windows(for: source)) }
        #expect(sink.committed.withLock { $0.isEmpty })
    }

    @Test func aWindowAnotherRunCommittedAfterThisOneStartedIsSkipped() async throws {
        let source = CountingSource(batches: 2, windows: 3)
        let windows = try WindowPlanner.windows(for: source)
        let state = MemoryStateStore()
        let sink = CollectingSink(identity: "a")
        var runner = Runner(pipeline: makePipeline(source: source, sinks: [sink], state: state), logger: logger, concurrency: 1)
        // The lock was lost and taken again before the second window: another run committed it meanwhile.
        runner.lock = ScriptedLock { confirmation in
            if confirmation == 2 { try await state.recordCommit(pipeline: "test", sink: "a", window: windows[1]) }
        }
        let summary = try await runner.run(windows: windows)
        #expect(sink.committed.withLock { Set($0.keys) } == [windows[0], windows[2]])
        #expect(summary.metrics.windowsDone == 2 && summary.metrics.windowsSkipped == 1)
    }

    @Test func aLockTakenByAnotherRunStopsTheRunAtTheNextWindow() async throws {
        let source = CountingSource(batches: 2, windows: 3)
        let windows = try WindowPlanner.windows(for: source)
        let sink = CollectingSink(identity: "a")
        var runner = Runner(pipeline: makePipeline(source: source, sinks: [sink], state: MemoryStateStore()), logger: logger, concurrency: 1)
        runner.lock = ScriptedLock { confirmation in
            if confirmation == 2 { throw SluiceError(.lockLost, "this run of pipeline test lost its lock, and another run took it") }
        }
        await #expect {
            try await runner.run(windows: windows)
        } throws: { error in
            (error as? SluiceError).map { $0.code == .lockLost && $0.context("window") == windows[1].key } ?? false
        }
        #expect(sink.committed.withLock { Set($0.keys) } == [windows[0]])
    }

    @Test func heldBackRowsAreFlushedAtTheWindowsEnd() async throws {
        let source = CountingSource(batches: 4, windows: 1)
        let sink = CollectingSink(identity: "a")
        let pipeline = makePipeline(source: source, sinks: [sink], shared: [ReverseAtEnd()], state: MemoryStateStore())
        _ = try await Runner(pipeline: pipeline, logger: logger).run(windows: WindowPlanner.windows(for: source))
        let rows = sink.committed.withLock { $0.values.first ?? [] }
        #expect(rows.map { $0[1] } == [.int(3), .int(2), .int(1), .int(0)])
    }

    @Test func cancellingStopsTheRunAndCommitsNothingHalfWay() async throws {
        let source = CountingSource(batches: 100_000, windows: 5)
        let sink = CollectingSink(identity: "a", yieldsPerBatch: 1)
        let state = MemoryStateStore()
        let runner = Runner(pipeline: makePipeline(source: source, sinks: [sink], state: state), logger: logger)
        let task = Task { try await runner.run(windows: WindowPlanner.windows(for: source)) }
        while sink.written.value < 10 { await Task.yield() }
        task.cancel()
        await #expect {
            try await task.value
        } throws: { error in
            (error as? SluiceError)?.code == .interrupted
        }
        #expect(sink.committed.withLock { $0.isEmpty })
        #expect(try await state.committedWindows(pipeline: "test").isEmpty)
    }
}

/// A run lock whose `confirm()` runs `onConfirm` with the number of the confirmation (1, 2...).
private final class ScriptedLock: RunLock {
    private let confirmations = Atomic(0)
    private let onConfirm: @Sendable (Int) async throws -> Void

    init(onConfirm: @escaping @Sendable (Int) async throws -> Void) {
        self.onConfirm = onConfirm
    }

    func confirm() async throws {
        try await onConfirm(confirmations.add(1, ordering: .relaxed).newValue)
    }

    func release() async {}
}
