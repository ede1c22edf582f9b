import SluiceCore

/// Runs transform stages over one window's batches through the runner's own `TransformChain`,
/// with no buffers or tasks around them, so that the transforms can be timed on their own.
enum StageChain {
    /// `batches` through fresh processors of `stages`, then the rows held back until the window's
    /// end; the output batches.
    /// - Throws: when a transform cannot make a processor, or fails.
    static func run(_ stages: [Pipeline.TransformStage], _ batches: [RecordBatch]) async throws -> [RecordBatch] {
        let collected = BatchCollector()
        let flow = try TransformChain(stages).connect { collected.append($0) }
        for batch in batches { try await flow.process(batch) }
        try await flow.finishWindow()
        return collected.batches
    }
}
