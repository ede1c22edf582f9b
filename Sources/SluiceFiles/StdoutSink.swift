public import SluiceCore
import SluiceSinger

/// The `stdout` sink: prints one JSON object per line, a whole window at a time as it commits;
/// or, with `"format": "singer"`, the Singer messages of a tap, so that Meltano can run Sluice as an extractor.
public struct StdoutSink: SinkPlugin {
    public static let type = "stdout"
    public static let summary = "Prints one JSON object per line on standard output, or Singer messages."
    public static let options: [OptionSpec] = [
        OptionSpec("format", .choice(["json", "singer"]), default: .string("json"),
                   "json: one object per row; singer: SCHEMA once, a RECORD per row and a STATE after each window (a Singer tap's output)."),
        OptionSpec("stream", .string, "singer only: the stream name (default: the pipeline's name)."),
        OptionSpec("key", .fields, "singer only: the key_properties of the SCHEMA message."),
    ]
    public static let notes = ["Every run prints every window it reads; windows are not skipped for this sink."]

    /// Whether the output is Singer messages.
    public let singer: Bool
    public let stream: String?
    public let key: [String]

    public init(config: PluginConfig) throws {
        singer = config.string("format") == "singer"
        stream = config.string("stream")
        key = config.strings("key") ?? []
        let misplaced = ["stream", "key"].filter { config.object[$0] != nil }
        if !singer, let option = misplaced.first {
            throw config.issue(.incompatible, at: option, "\(option) applies to \"format\": \"singer\" only", hint: "remove it, or add \"format\": \"singer\"")
        }
    }

    public var identity: String { "stdout" }

    /// Every run prints every window it reads.
    public var resumesCommittedWindows: Bool { false }

    /// Key fields absent from the input.
    public func check(input: Schema) -> [ConfigIssue] {
        KeyProperties.unknownFields(key, in: input)
    }

    public func open(input: Schema, context: RunContext) async throws -> any SinkSession {
        let encoder = singer ? SingerEncoder(stream: stream ?? context.pipeline, schema: input, keyProperties: key) : nil
        return try await FileSinkSession(target: .standardOutput(singer: encoder), context: context, identity: identity)
    }
}
