/// Maps the `type` strings of pipeline files to plugins.
///
/// Adding a plugin is one conforming type plus one `register` line. Each `register` throws
/// ``SluiceError`` (`duplicate_plugin`) when a plugin of the same kind already has that name.
public struct PluginRegistry: Sendable {
    /// The four families of plugins.
    public enum Kind: String, Sendable, CaseIterable {
        case source, transform, sink, state
    }

    /// One registered plugin.
    public struct Entry: Sendable {
        public let kind: Kind
        public let type: String
        public let summary: String
        public let options: [OptionSpec]
        public let notes: [String]
        let make: @Sendable (PluginConfig) throws -> any Sendable
        /// For a source: the schema a block that cannot be built still declares.
        let declaredSchema: @Sendable (PluginConfig) -> Schema?
    }

    public private(set) var entries: [Entry] = []
    /// The state store of a pipeline that names none and has no sink offering one, given the
    /// pipeline's name and the folder of its file.
    public var defaultStateStore: @Sendable (_ pipeline: String, _ folder: String) -> any StateStore

    public init(defaultStateStore: @escaping @Sendable (_ pipeline: String, _ folder: String) -> any StateStore) {
        self.defaultStateStore = defaultStateStore
    }

    /// Registers a source under `P.type`.
    /// - Throws: ``SluiceError`` (`duplicate_plugin`) when a source of that name is registered.
    public mutating func register<P: SourcePlugin>(source plugin: P.Type) throws(SluiceError) {
        try add(plugin, kind: .source, declaredSchema: { P.declaredSchema(config: $0) }) { try P(config: $0) }
    }

    /// Registers a transform under `P.type`.
    /// - Throws: ``SluiceError`` (`duplicate_plugin`) when a transform of that name is registered.
    public mutating func register<P: TransformPlugin>(transform plugin: P.Type) throws(SluiceError) {
        try add(plugin, kind: .transform) { try P(config: $0) }
    }

    /// Registers a sink under `P.type`.
    /// - Throws: ``SluiceError`` (`duplicate_plugin`) when a sink of that name is registered.
    public mutating func register<P: SinkPlugin>(sink plugin: P.Type) throws(SluiceError) {
        try add(plugin, kind: .sink) { try P(config: $0) }
    }

    /// Registers a state store under `P.type`.
    /// - Throws: ``SluiceError`` (`duplicate_plugin`) when a state store of that name is registered.
    public mutating func register<P: StateStorePlugin>(state plugin: P.Type) throws(SluiceError) {
        try add(plugin, kind: .state) { try P(config: $0) }
    }

    /// The plugin of `kind` called `type`.
    public func entry(_ kind: Kind, _ type: String) -> Entry? {
        entries.first { $0.kind == kind && $0.type == type }
    }

    /// The types registered for `kind`, in registration order.
    public func types(_ kind: Kind) -> [String] {
        entries.filter { $0.kind == kind }.map(\.type)
    }

    private mutating func add<P: PluginDescribing>(
        _ plugin: P.Type, kind: Kind, declaredSchema: @escaping @Sendable (PluginConfig) -> Schema? = { _ in nil },
        make: @escaping @Sendable (PluginConfig) throws -> any Sendable
    ) throws(SluiceError) {
        guard entry(kind, P.type) == nil else {
            throw SluiceError(.duplicatePlugin, "a \(kind) plugin called '\(P.type)' is already registered",
                              hint: "give the new plugin a type name of its own, such as 'acme.\(P.type)'")
        }
        entries.append(Entry(
            kind: kind, type: P.type, summary: P.summary, options: P.options, notes: P.notes, make: make, declaredSchema: declaredSchema
        ))
    }
}
