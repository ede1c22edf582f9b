import GongModel
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import SluiceTransforms

/// A source of raw Gong records that never reads: enough for the pipeline loader's schema checks.
struct RawGongSource: SourcePlugin {
    static let type = "test.rawGong"
    static let summary = "Raw Gong records (schema only)."
    static let options: [OptionSpec] = []
    let schema = GongActivitySchema.raw

    init(config: PluginConfig) {}

    func open(context: RunContext) async throws -> any SourceReader {
        throw SluiceError(.io, "the test source does not read")
    }
}

/// A sink that only has a name.
struct NamedSink: SinkPlugin {
    static let type = "test.sink"
    static let summary = "Writes nothing."
    static let options = [OptionSpec("name", .string, required: true, "The sink's identity.")]
    let identity: String

    init(config: PluginConfig) {
        identity = config.string("name") ?? ""
    }

    /// It never writes, so it never writes a window twice.
    func commitsAtomically(with store: any StateStore) -> Bool { true }

    func open(input: Schema, context: RunContext) async throws -> any SinkSession {
        throw SluiceError(.io, "the test sink does not write")
    }
}

extension PluginRegistry {
    /// This module's transforms, with the test source and sink.
    static func withTransforms() throws -> PluginRegistry {
        var registry = PluginRegistry { _, _ in MemoryStateStore() }
        try registry.register(source: RawGongSource.self)
        try registry.register(sink: NamedSink.self)
        try registerTransforms(into: &registry)
        return registry
    }
}
