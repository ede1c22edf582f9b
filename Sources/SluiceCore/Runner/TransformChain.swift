/// The processors of a chain of transforms for one window, applied in order.
struct TransformChain {
    private let processors: [any BatchProcessor]

    init(_ stages: [Pipeline.TransformStage]) throws {
        processors = try stages.map { try $0.transform.makeProcessor(input: $0.input) }
    }

    /// Runs `batch` through every processor.
    func process(_ batch: RecordBatch) throws -> RecordBatch {
        try processors.reduce(batch) { try $1.process($0) }
    }

    /// Tells every processor how the window ended.
    func windowEnded(committed: Bool) {
        for processor in processors { processor.windowEnded(committed: committed) }
    }

    /// Flushes each processor at the window's end; what one holds back still passes the later ones.
    func finishWindow() throws -> [RecordBatch] {
        var outputs: [RecordBatch] = []
        for (position, processor) in processors.enumerated() {
            guard let held = try processor.finishWindow() else { continue }
            outputs.append(try processors[(position + 1)...].reduce(held) { try $1.process($0) })
        }
        return outputs
    }
}
