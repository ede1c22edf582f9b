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
