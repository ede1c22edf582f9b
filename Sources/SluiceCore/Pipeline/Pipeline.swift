/// A validated pipeline: one source, shared transforms, and sinks with their own transforms.
package struct Pipeline: Sendable {
    /// A transform with the schemas around it.
    public struct TransformStage: Sendable {
        public let type: String
        public let transform: any Transform
        public let input: Schema
        public let output: Schema

        public init(type: String, transform: any Transform, input: Schema, output: Schema) {
            self.type = type
            self.transform = transform
            self.input = input
            self.output = output
        }
    }

    /// A sink with its own transform chain and the schema it receives.
    public struct SinkStage: Sendable {
        public let type: String
        public let sink: any Sink
        public let transforms: [TransformStage]
        /// The schema of the batches the sink writes (after its own transforms).
        public let input: Schema

        public init(type: String, sink: any Sink, transforms: [TransformStage], input: Schema) {
            self.type = type
            self.sink = sink
            self.transforms = transforms
            self.input = input
        }
    }

    public let name: String
    public let sourceType: String
    public let source: any Source
    /// The transforms that apply before the fan-out to every sink.
    public let transforms: [TransformStage]
    public let sinks: [SinkStage]
    public let state: any StateStore
    /// Hides the pipeline's secrets (the values substituted from the environment, the `secret`
    /// options) in whatever is printed about it.
    public internal(set) var redactor = Redactor()

    public init(
        name: String, sourceType: String, source: any Source, transforms: [TransformStage], sinks: [SinkStage],
        state: any StateStore
    ) {
        self.name = name
        self.sourceType = sourceType
        self.source = source
        self.transforms = transforms
        self.sinks = sinks
        self.state = state
    }

    /// The schema after the shared transforms, as it enters the fan-out.
    public var sharedOutput: Schema { transforms.last?.output ?? source.schema }
}
