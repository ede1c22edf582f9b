package import Logging

/// Runs a pipeline window by window: source -> shared transforms -> fan-out to every sink
/// (each with its own transforms), with bounded buffers between the stages, and commits each
/// window in every sink that needs it.
///
/// A window already committed by every sink is skipped; one committed by some sinks only is
/// rerun for the others alone, so that no sink receives a window twice. When the task running
/// ``run(_:)`` is cancelled (SIGINT, SIGTERM) no new window starts and the windows in
/// flight roll back.
package struct Runner: Sendable {
    public let pipeline: Pipeline
    public let logger: Logger
    public let metrics: RunMetrics
    /// Batches buffered between two stages; memory is bounded by this times the batch size.
    public var bufferCapacity: Int
    /// Windows read at once; the source's own limit caps it.
    public var concurrency: Int
    /// The concurrencies any source may declare and a command line may ask for.
    public static let concurrencyLimits = 1...32
    /// How often a window is tried when it fails with a transient error (a lost database connection).
    public var windowAttempts = 3
    /// The wait before the second try of a window; it doubles for each further try.
    public var retryDelay: Duration = .seconds(1)
    /// The run's lock, confirmed before each window starts: a database's lock ends with its
    /// session, when the server restarts say, and another run could then take it.
    public var lock: (any RunLock)?
    /// What the program lends the pipeline's plugins for the run.
    public var services = PluginServices()

    public init(pipeline: Pipeline, logger: Logger, metrics: RunMetrics = RunMetrics(), bufferCapacity: Int = 4, concurrency: Int? = nil) {
        self.pipeline = pipeline
        self.logger = logger
        self.metrics = metrics
        self.bufferCapacity = bufferCapacity
        self.concurrency = max(1, min(concurrency ?? pipeline.source.maxConcurrentWindows, pipeline.source.maxConcurrentWindows))
    }

    /// Runs the windows of `selection` in order (several at once when the source allows), each
    /// cut to the days that its sinks have not committed (see ``Pipeline/plans(for:coverage:rereading:)``).
    /// - Returns: the run's counters and duration.
    /// - Throws: ``SluiceError`` naming the window that failed; `.interrupted` when cancelled.
    public func run(_ selection: WindowSelection) async throws -> RunSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let context = RunContext(
            pipeline: pipeline.name, logger: logger, state: pipeline.state, metrics: metrics, scope: pipeline.source.scope,
            services: services
        )
        let coverage = Pipeline.coverage(try await pipeline.state.committedWindows(pipeline: pipeline.name))

        var sessions: [any SinkSession] = []
        do {
            for stage in pipeline.sinks {
                sessions.append(try await stage.sink.open(input: stage.input, context: context))
            }
        } catch {
            await Self.close(sessions)
            throw error
        }
        let perWindow = selection.windows.map { pipeline.plans(for: [$0], coverage: coverage, rereading: selection.rereading) }
        let work = perWindow.flatMap { $0 }
        let skipped = perWindow.filter(\.isEmpty).count
        metrics.update {
            $0.windowsTotal = work.count + skipped
            $0.windowsSkipped = skipped
        }
        if skipped > 0 { logger.info("skipping windows whose days every sink has committed", metadata: ["windows": "\(skipped)"]) }

        var failure: (any Error)?
        if !work.isEmpty {
            do {
                let reader = try await pipeline.source.open(context: context)
                do {
                    try await runAll(work, rereading: selection.rereading, reader: reader, sessions: sessions, context: context)
                } catch {
                    failure = error
                }
                do { try await reader.close() } catch { failure = failure ?? error }
            } catch {
                failure = error
            }
        }
        for session in sessions {
            do { try await session.close() } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
        return RunSummary(metrics: metrics.snapshot, duration: clock.now - started)
    }

    /// Runs `windows` (an explicit range: no look-back re-read).
    public func run(windows: [Window]) async throws -> RunSummary {
        try await run(WindowSelection(windows: windows))
    }

    private func runAll(
        _ plans: [WindowPlan], rereading: DateRange?, reader: any SourceReader, sessions: [any SinkSession], context: RunContext
    ) async throws {
        do {
            try await runConcurrently(plans, rereading: rereading, reader: reader, sessions: sessions, context: context)
        } catch {
            guard Task.isCancelled else { throw error }
            throw SluiceError(
                .interrupted, "interrupted: the windows in flight were rolled back",
                context: [("windows done", "\(metrics.snapshot.windowsDone) of \(plans.count)")],
                hint: "run the same command again to resume"
            )
        }
    }

    private func runConcurrently(
        _ plans: [WindowPlan], rereading: DateRange?, reader: any SourceReader, sessions: [any SinkSession], context: RunContext
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = plans[...]
            var inFlight = 0
            while !pending.isEmpty || inFlight > 0 {
                while inFlight < concurrency, let plan = pending.first {
                    guard !Task.isCancelled else { break }
                    pending.removeFirst()
                    inFlight += 1
                    group.addTask {
                        try await self.runWindowRetrying(plan, rereading: rereading, reader: reader, sessions: sessions, context: context)
                    }
                }
                if inFlight == 0 { break }
                try await group.next()
                inFlight -= 1
            }
            try Task.checkCancellation()
        }
    }

    /// Runs a window. Each try first confirms the run lock and reads the state again, so that the
    /// window's days go only to the sinks that have not committed them: an earlier try may have,
    /// or another run, if the lock was lost and taken again meanwhile. After a transient failure
    /// it rolls back, waits, and tries again, up to ``windowAttempts`` times in all.
    private func runWindowRetrying(
        _ plan: WindowPlan, rereading: DateRange?, reader: any SourceReader, sessions: [any SinkSession], context: RunContext
    ) async throws {
        var delay = retryDelay
        var attempt = 1
        var pending = [plan]
        // The sinks that committed this window during this run: a try after a failure leaves them
        // out, even those that would take a re-read day again.
        var committedHere: Set<Int> = []
        while let next = pending.first {
            do {
                let confirmed = try await confirmedPlans(next, rereading: rereading).compactMap { fresh in
                    let sinks = fresh.sinks.filter { !committedHere.contains($0) }
                    return sinks.isEmpty ? nil : WindowPlan(window: fresh.window, sinks: sinks)
                }
                if confirmed != [next] {
                    if confirmed.isEmpty, !committedHere.isEmpty {
                        // Every sink left committed it: some on an earlier try of this run (whose
                        // rows were counted then), the others since (by a commit that answered late).
                        metrics.update { $0.windowsDone += 1 }
                    } else if confirmed.isEmpty, attempt == 1 {
                        logger.info("window committed by another run meanwhile, skipped", metadata: ["window": "\(next.window)"])
                        metrics.update { $0.windowsSkipped += 1 }
                    }
                    pending = confirmed + pending.dropFirst()
                    continue
                }
                try await runWindow(next, reader: reader, sessions: sessions, context: context, committed: &committedHere)
                pending.removeFirst()
                committedHere = []
            } catch let error as SluiceError where error.isTransient && attempt < windowAttempts && !Task.isCancelled {
                logger.warning("window failed, trying it again", metadata: [
                    "window": "\(next.window)", "attempt": "\(attempt + 1) of \(windowAttempts)", "error": "\(error)",
                ])
                try await Task.sleep(for: delay)
                delay *= 2
                attempt += 1
            }
        }
    }

    /// Confirms the run lock, then plans `plan`'s window again with the state as it is now: the
    /// same plan, or the pieces that sinks still need.
    private func confirmedPlans(_ plan: WindowPlan, rereading: DateRange?) async throws -> [WindowPlan] {
        do {
            try await lock?.confirm()
            let coverage = Pipeline.coverage(try await pipeline.state.committedWindows(pipeline: pipeline.name))
            return pipeline.plans(for: [plan.window], coverage: coverage, rereading: rereading).map { fresh in
                WindowPlan(window: fresh.window, sinks: fresh.sinks.filter(plan.sinks.contains))
            }.filter { !$0.sinks.isEmpty }
        } catch {
            throw Self.locate(error, in: plan.window)
        }
    }

    /// Runs one try of a window; `committed` gets each sink that commits it, even when a later one fails.
    private func runWindow(
        _ plan: WindowPlan, reader: any SourceReader, sessions: [any SinkSession], context: RunContext, committed: inout Set<Int>
    ) async throws {
        let window = plan.window
        let started = ContinuousClock.now
        logger.debug("window started", metadata: ["window": "\(window)"])
        let shared = Owned(try TransformChain(pipeline.transforms))
        let own = try plan.sinks.map { Owned(try TransformChain(pipeline.sinks[$0].transforms)) }
        var writers: [Owned<any WindowWriter>] = []
        let counts = WindowCounts(sinks: plan.sinks.count)
        do {
            for index in plan.sinks { writers.append(Owned(try await sessions[index].begin(window))) }
            try await flow(window, reader: reader, sinks: plan.sinks, writers: writers, shared: shared, own: own, counts: counts)
        } catch {
            for writer in writers { await writer.value.rollback() }
            for chain in [shared] + own { chain.value.windowEnded(committed: false) }
            if Task.isCancelled { throw CancellationError() }
            throw Self.locate(error, in: window)
        }
        var committedCount = 0
        defer {
            shared.value.windowEnded(committed: committedCount == writers.count)
            for (position, chain) in own.enumerated() { chain.value.windowEnded(committed: position < committedCount) }
        }
        do {
            // A run cancelled while the window was read (SIGINT, SIGTERM) commits none of it.
            try Task.checkCancellation()
            for (position, (index, writer)) in zip(plan.sinks, writers).enumerated() {
                let identity = pipeline.sinks[index].sink.identity
                try await writer.value.commit(Checkpoint(pipeline: pipeline.name, sink: identity, window: window, store: context.state))
                committedCount += 1
                committed.insert(index)
                let (written, merged) = (counts.written(by: position), writer.value.rowsMergedByKey)
                metrics.update {
                    $0.rowsWritten[identity, default: 0] += written
                    $0.rowsMerged[identity, default: 0] += merged
                }
            }
        } catch {
            for writer in writers.dropFirst(committedCount) { await writer.value.rollback() }
            if error is CancellationError { throw error }
            throw Self.locate(error, in: window)
        }
        metrics.update {
            $0.windowsDone += 1
            $0.rowsRead += counts.read
        }
        logger.info("window committed", metadata: [
            "window": "\(window)", "sinks": "\(plan.sinks.count)", "seconds": "\(((ContinuousClock.now - started).seconds * 100).rounded() / 100)",
        ])
    }

    /// Moves the window's batches from the source through the transforms into the writers.
    private func flow(
        _ window: Window, reader: any SourceReader, sinks: [Int], writers: [Owned<any WindowWriter>],
        shared: Owned<TransformChain>, own: [Owned<TransformChain>], counts: WindowCounts
    ) async throws {
        let fromSource = BoundedChannel<RecordBatch>(capacity: bufferCapacity)
        let toSinks = sinks.map { _ in BoundedChannel<RecordBatch>(capacity: bufferCapacity) }
        let everyChannel = [fromSource] + toSinks
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await reader.read(window) { batch in
                    counts.add(read: batch.count)
                    try await fromSource.send(batch)
                }
                fromSource.finish()
            }
            group.addTask {
                let flow = shared.value.connect { batch in
                    for channel in toSinks { try await channel.send(batch) }
                }
                while let batch = try await fromSource.next() { try await flow.process(batch) }
                try await flow.finishWindow()
                for channel in toSinks { channel.finish() }
            }
            for position in sinks.indices {
                let writer = writers[position]
                let channel = toSinks[position]
                let chain = own[position]
                group.addTask {
                    let flow = chain.value.connect { batch in try await writer.write(batch, counting: position, in: counts) }
                    while let batch = try await channel.next() { try await flow.process(batch) }
                    try await flow.finishWindow()
                }
            }
            do {
                // Not `waitForAll()`: it waits for every task even after one failed, and the others
                // would wait forever on channels that the failed task no longer feeds or drains.
                while try await group.next() != nil {}
            } catch {
                for channel in everyChannel { channel.fail(error) }
                throw error
            }
        }
    }

    private static func locate(_ error: any Error, in window: Window) -> any Error {
        switch error {
        case let error as SluiceError: error.adding("window", window.key)
        case is CancellationError: error
        default: SluiceError.io("the window failed", error).adding("window", window.key)
        }
    }

    private static func close(_ sessions: [any SinkSession]) async {
        for session in sessions { try? await session.close() }
    }
}

/// A writer or a transform chain handed from the runner to the one task that uses it during the
/// window, and back for the commit.
///
/// The window's task group finishes before the runner touches it again, so it is never used by
/// two tasks at once, which is what `WindowWriter` and `BatchProcessor` require.
private struct Owned<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

extension Owned where Value == any WindowWriter {
    func write(_ batch: RecordBatch, counting position: Int, in counts: WindowCounts) async throws {
        try await value.write(batch)
        counts.add(written: batch.count, by: position)
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
