public import SluiceCore

/// The `singer` sink: loads each window through a Singer target (any of the existing loaders).
///
/// Each window starts the target afresh, sends it `SCHEMA`, the window's `RECORD`s and a `STATE`,
/// then ends its input: Singer targets load what they buffered and echo the last state when
/// their input ends. The window commits only once the target exited successfully after echoing
/// that state, so Sluice's state never records a window that a target lost.
///
/// Not one process for the whole run: Singer targets echo a state only after they flush, and they
/// flush when their own buffers fill or their input ends (singer-sdk targets after 10,000 rows,
/// target-jsonl only at the end), so only the end of the input makes every target confirm a window.
/// Windows go to the target one at a time. A failed target is not retried within the run: an
/// appending target would get the window's loaded part once more on every try.
public struct SingerSink: SinkPlugin {
    public static let type = "singer"
    public static let summary = "Loads each window through a Singer target (target-postgres, target-snowflake, ...)."
    public static let options: [OptionSpec] = [
        OptionSpec("command", .list(.string, minCount: 1), required: true,
                   "The target's program (a path, relative to the pipeline file's folder, or a name on PATH) and its arguments;"
                       + " --config FILE is added."),
        OptionSpec("config", .map(.json), secret: true,
                   "The target's settings, written to a temporary file only this user can read and passed as --config FILE."),
        OptionSpec("stream", .string, required: true, "The Singer stream: the table or file name most targets load into."),
        OptionSpec("key", .fields, required: true,
                   "The key_properties: the fields that identify a row; a target that merges by them overwrites a window sent again."),
        OptionSpec("flushTimeout", .integer(1...86_400), default: .int(Int64(defaultFlushTimeout)),
                   "Seconds the target may take, after a window's last record, to load it and echo its state; then it is killed."),
    ]
    public static let notes = [
        "A window commits when the target, its input ended, exits with status 0 after echoing the window's STATE.",
        "Each window starts the target afresh: a window tried again after a crash goes to a new process.",
        "A target that died mid-window may have loaded part of it: targets that merge by key_properties (target-postgres)"
            + " overwrite it when the window is sent again; appending targets (target-jsonl) keep that part twice.",
        "The target's stderr goes to the log, one line per entry; its stdout must hold the states it echoes.",
    ]
    /// Seconds a target may take to load a window after its last record, unless configured.
    public static let defaultFlushTimeout = 3600

    public let command: SingerTargetCommand
    /// The target's settings, as written in the pipeline.
    public let settings: Value
    public let stream: String
    public let key: [String]
    public let flushTimeout: Duration

    public init(config: PluginConfig) throws {
        command = SingerTargetCommand(argv: config.strings("command") ?? [], folder: config.folder)
        settings = config.value("config") ?? .object([:])
        stream = config.string("stream") ?? ""
        key = config.strings("key") ?? []
        flushTimeout = .seconds(config.int("flushTimeout") ?? Self.defaultFlushTimeout)
        if command.program.isEmpty { throw config.issue(.badValue, at: "command[0]", "the program is empty") }
        if stream.isEmpty { throw config.issue(.badValue, at: "stream", "the stream name is empty") }
    }

    /// `singer:target-postgres:user_daily_activity`.
    public var identity: String { "singer:\(command.name):\(stream)" }

    /// `stream user_daily_activity through target-postgres`.
    public var target: String { "stream \(stream) through \(command.program)" }

    /// Targets given key_properties merge a row sent again into the one they hold (most loaders do).
    public var rewritesDaysInPlace: Bool { true }

    /// Key fields absent from the input, and a key that does not cover the input's natural key.
    public func check(input: Schema) -> [ConfigIssue] {
        var issues = KeyProperties.unknownFields(key, in: input)
        if let natural = input.naturalKey, !natural.allSatisfy(key.contains) {
            issues.append(ConfigIssue(
                .keyTooNarrow, at: "key", "the key \(key) does not cover the natural key of the input \(natural):"
                    + " a target merging by key_properties would merge rows that differ in " + natural.filter { !key.contains($0) }.joined(separator: ", "),
                hint: "use \"key\": \(JSONWriter.string(.array(natural.map(Value.string))))"
            ))
        }
        return issues
    }

    /// Writes the target's settings to a temporary file; the target starts with each window.
    /// - Throws: ``SluiceError`` when the program cannot be found or the file cannot be written.
    public func open(input: Schema, context: RunContext) async throws -> any SinkSession {
        _ = try command.executable()
        return SingerSinkSession(
            sink: self, encoder: SingerEncoder(stream: stream, schema: input, keyProperties: key),
            configFile: try SingerConfigFile(settings: settings), logger: context.logger
        )
    }
}
