import SluiceCore

/// The source of a ``PluginHarness`` pipeline: it declares the harness's input schema and never reads.
struct HarnessSource: SourcePlugin {
    static let type = "pluginHarness.input"
    static let summary = "The batches a PluginHarness feeds (schema only)."
    static let options = [OptionSpec("fields", .map(.string), required: true, "Field name -> type, in order.")]
    let schema: Schema

    init(config: PluginConfig) {
        schema = Schema((config.stringMap("fields") ?? []).map { Field($0, FieldType(rawValue: $1) ?? .json) })
    }

    func open(context: RunContext) async throws -> any SourceReader {
        throw SluiceError(.io, "a PluginHarness runs its transforms with TransformRun, not through a source")
    }
}
