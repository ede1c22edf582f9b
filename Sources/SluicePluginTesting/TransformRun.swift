public import SluiceCore

/// Transforms loaded by a ``PluginHarness``, run window by window the way the runner runs them
/// (``TransformChain``): batches in, then the window's end.
public struct TransformRun: Sendable {
    /// The loaded stages, each with its input and output schema.
    package let stages: [Pipeline.TransformStage]
    /// The schema of the batches the first stage receives.
    public let input: Schema

    /// A run of `stages` (each stage's input the output of the one before) over batches of `input`.
    package init(stages: [Pipeline.TransformStage], input: Schema) {
        self.stages = stages
        self.input = input
    }

    /// The schema of the last stage's batches.
    public var output: Schema { stages.last?.output ?? input }

    /// Runs one window: each element of `batches` is one input batch of rows in ``input``'s order.
    /// - Parameters:
    ///   - batches: the window's input batches.
    ///   - maxRows: the most rows in one output batch (small, to cross batch boundaries in tests).
    ///   - committed: how the window ends, told to every processor.
    /// - Returns: every output row, in order.
    /// - Throws: what a processor throws, or ``SluiceError`` when an output batch breaks its schema or bound.
    public func run(_ batches: [[[Value]]], maxRows: Int = 3, committed: Bool = true) async throws -> [[Value]] {
        let chain = try TransformChain(stages)
        let output = output
        var rows: [[Value]] = []
        let flow = chain.connect(maxRows: maxRows) { batch in
            guard batch.schema == output, batch.count <= maxRows else {
                throw SluiceError(.badRecord, "a batch of \(batch.count) rows of (\(batch.schema)) where at most \(maxRows) of (\(output)) belong")
            }
            for row in 0..<batch.count { rows.append(batch.schema.fields.indices.map { batch[row, $0] }) }
        }
        for rowsOfBatch in batches {
            var batch: RecordBatch?
            let feed = BatchOutput(schema: input, maxRows: max(1, rowsOfBatch.count)) { batch = $0 }
            for row in rowsOfBatch { try await feed.append(row) }
            try await feed.flush()
            if let batch { try await flow.process(batch) }
        }
        try await flow.finishWindow()
        chain.windowEnded(committed: committed)
        return rows
    }
}
