import SluiceCore

/// The sink of a ``PluginHarness`` pipeline: it takes any schema and never writes.
struct HarnessSink: SinkPlugin {
    static let type = "pluginHarness.output"
    static let summary = "The end of a PluginHarness pipeline (never written)."
    static let options: [OptionSpec] = []
    let identity = "plugin-harness"

    init(config: PluginConfig) {}

    /// It never writes, so it never writes a window twice.
    func commitsAtomically(with store: any StateStore) -> Bool { true }

    func open(input: Schema, context: RunContext) async throws -> any SinkSession {
        throw SluiceError(.io, "a PluginHarness runs its transforms with TransformRun, not into a sink")
    }
}
