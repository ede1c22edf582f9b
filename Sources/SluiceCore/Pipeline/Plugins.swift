/// What every plugin declares about itself: its `type`, a summary and its options.
public protocol PluginDescribing {
    /// The `type` string of pipeline files (`ndjson`, `gong.activity`, `flatten.perDay`).
    static var type: String { get }
    /// One line for `sluice plugins`.
    static var summary: String { get }
    /// Every option of the plugin's block (besides `type`).
    static var options: [OptionSpec] { get }
    /// Notes shown under the options in `sluice plugins` (memory bounds, guarantees).
    static var notes: [String] { get }
}

extension PluginDescribing {
    public static var notes: [String] { [] }
}

/// A source that can be named in a pipeline file.
public protocol SourcePlugin: Source, PluginDescribing {
    /// - Throws: ``ConfigIssue`` or ``ConfigIssues`` for semantic problems.
    init(config: PluginConfig) throws

    /// The schema of the source's batches as far as a block with problems (an unknown key, a bad
    /// date) still tells it, so that the transforms and sinks after it are checked all the same;
    /// `nil` when it cannot be known.
    static func declaredSchema(config: PluginConfig) -> Schema?
}

extension SourcePlugin {
    /// Builds the source from the block as written, whose option checks failed (a value of the
    /// wrong type reads as the option's default), and takes its schema; `nil` when that fails. A
    /// source whose schema never depends on its options returns it instead.
    public static func declaredSchema(config: PluginConfig) -> Schema? {
        (try? Self(config: config))?.schema
    }
}

/// A transform that can be named in a pipeline file.
public protocol TransformPlugin: Transform, PluginDescribing {
    init(config: PluginConfig) throws
}

/// A sink that can be named in a pipeline file.
public protocol SinkPlugin: Sink, PluginDescribing {
    init(config: PluginConfig) throws
}

/// A state store that can be named in a pipeline file's `state` block.
public protocol StateStorePlugin: StateStore, PluginDescribing {
    init(config: PluginConfig) throws
}
