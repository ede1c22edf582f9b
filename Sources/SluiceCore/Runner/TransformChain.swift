/// The processors of a chain of transforms for one window, applied in order, each one's output
/// feeding the next as it is made.
package struct TransformChain {
    private let processors: [any BatchProcessor]
    private let outputs: [Schema]

    /// Fresh processors of `stages` for one window.
    /// - Throws: when a transform cannot make a processor for its input.
    public init(_ stages: [Pipeline.TransformStage]) throws {
        processors = try stages.map { try $0.transform.makeProcessor(input: $0.input) }
        outputs = stages.map(\.output)
    }

    /// Connects the chain's end to `deliver`, for one pass over the window's batches.
    public func connect(maxRows: Int = BatchOutput.defaultMaxRows, to deliver: @escaping (RecordBatch) async throws -> Void) -> Flow {
        var next = deliver
        var wired: [(any BatchProcessor, BatchOutput)] = []
        for (processor, schema) in zip(processors, outputs).reversed() {
            let output = BatchOutput(schema: schema, maxRows: maxRows, deliver: next)
            wired.insert((processor, output), at: 0)
            next = { batch in try await processor.process(batch, into: output) }
        }
        return Flow(entry: next, stages: wired)
    }

    /// Tells every processor how the window ended.
    public func windowEnded(committed: Bool) {
        for processor in processors { processor.windowEnded(committed: committed) }
    }

    /// A chain connected to where its output goes.
    public struct Flow {
        fileprivate let entry: (RecordBatch) async throws -> Void
        fileprivate let stages: [(any BatchProcessor, BatchOutput)]

        /// Runs `batch` through the chain.
        public func process(_ batch: RecordBatch) async throws {
            try await entry(batch)
        }

        /// Ends the window: each processor adds what it held back, and each output hands on its
        /// last rows, in order, so that what one stage held back still passes the later ones.
        public func finishWindow() async throws {
            for (processor, output) in stages {
                try await processor.finishWindow(into: output)
                try await output.flush()
            }
        }
    }
}
