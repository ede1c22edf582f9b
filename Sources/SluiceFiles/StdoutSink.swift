public import SluiceCore

/// The `stdout` sink: prints one JSON object per line, a whole window at a time as it commits.
public struct StdoutSink: SinkPlugin {
    public static let type = "stdout"
    public static let summary = "Prints one JSON object per line on standard output."
    public static let options: [OptionSpec] = []
    public static let notes = ["Every run prints every window it reads; windows are not skipped for this sink."]

    public init(config: PluginConfig) throws {}

    public var identity: String { "stdout" }

    /// Every run prints every window it reads.
    public var resumesCommittedWindows: Bool { false }

    public func open(input: Schema, context: RunContext) async throws -> any SinkSession {
        try await FileSinkSession(target: .standardOutput, context: context, identity: identity)
    }
}
