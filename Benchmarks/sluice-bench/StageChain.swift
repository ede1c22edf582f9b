import SluiceCore

/// The processors of a chain of transform stages for one window, applied in order: what the
/// runner's own (internal) `TransformChain` does, rebuilt from the public `Transform` API so that
/// the transforms can be timed on their own.
struct StageChain {
    private let processors: [any BatchProcessor]

    /// Fresh processors for one window.
    /// - Throws: when a transform cannot make a processor for its input.
    init(_ stages: [Pipeline.TransformStage]) throws {
        processors = try stages.map { try $0.transform.makeProcessor(input: $0.input) }
    }

    /// `batches` through every processor, then the rows held back until the window's end; the
    /// output batches, empty ones left out.
    func run(_ batches: [RecordBatch]) throws -> [RecordBatch] {
        var outputs: [RecordBatch] = []
        for batch in batches {
            let output = try processors.reduce(batch) { try $1.process($0) }
            if output.count > 0 { outputs.append(output) }
        }
        for (position, processor) in processors.enumerated() {
            guard let held = try processor.finishWindow() else { continue }
            let output = try processors[(position + 1)...].reduce(held) { try $1.process($0) }
            if output.count > 0 { outputs.append(output) }
        }
        return outputs
    }
}
