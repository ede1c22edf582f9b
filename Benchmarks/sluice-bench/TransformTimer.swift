import SluiceCore

/// Times a pipeline's transforms alone: reads every window's pages once through the pipeline's
/// own source (untimed), then runs the shared chain and each sink's chain over them, timing only
/// that, in thread CPU seconds.
///
/// One window's pages are held at a time, so memory stays bounded by the largest window.
struct TransformTimer {
    /// What the transforms cost over the whole range.
    struct Timing: Sendable {
        var cpuSeconds = 0.0
        /// Rows the source read.
        var rowsIn = 0
        /// Rows out of each sink's chain, in pipeline order.
        var rowsOut: [Int] = []
    }

    let pipeline: Pipeline

    /// Reads `windows` and times the transforms over their batches.
    /// - Throws: the source's errors, or a transform's.
    func time(_ windows: [Window]) async throws -> Timing {
        let context = RunContext(
            pipeline: pipeline.name, logger: BenchPipeline.logger, state: pipeline.state, metrics: RunMetrics(),
            scope: pipeline.source.scope
        )
        let reader = try await pipeline.source.open(context: context)
        var timing = Timing(rowsOut: pipeline.sinks.map { _ in 0 })
        do {
            for window in windows {
                let collected = BatchCollector()
                try await reader.read(window) { batch in collected.append(batch) }
                let batches = collected.batches
                timing.rowsIn += batches.reduce(0) { $0 + $1.count }
                let (cpu, rows) = try await CPUClock.measure { try await process(batches) }
                timing.cpuSeconds += cpu
                for (index, count) in rows.enumerated() { timing.rowsOut[index] += count }
            }
        } catch {
            try? await reader.close()
            throw error
        }
        try await reader.close()
        return timing
    }

    /// One window's batches through the shared chain, then through each sink's chain, as the
    /// runner does (with no buffers or tasks around them); rows out per sink.
    private func process(_ batches: [RecordBatch]) async throws -> [Int] {
        let shared = try await StageChain.run(pipeline.transforms, batches)
        var rows: [Int] = []
        for stage in pipeline.sinks {
            rows.append(try await StageChain.run(stage.transforms, shared).reduce(0) { $0 + $1.count })
        }
        return rows
    }
}
