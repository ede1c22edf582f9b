import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// A transform plugin of a given name that is never run.
private struct Named: TransformPlugin {
    static let type = "acme.named"
    static let summary = "Passes rows on."
    static let options: [OptionSpec] = []

    init(config: PluginConfig) {}

    func outputSchema(for input: Schema) -> Schema { input }

    func makeProcessor(input: Schema) throws -> any BatchProcessor {
        throw SluiceError(.io, "never run")
    }
}

@Suite struct PluginRegistryTests {
    @Test func aNameRegisteredTwiceIsAnErrorNamingIt() throws {
        var registry = PluginRegistry { _, _ in MemoryStateStore() }
        try registry.register(transform: Named.self)
        let error = try #require(throws: SluiceError.self) { try registry.register(transform: Named.self) }
        #expect(error.code == .duplicatePlugin)
        #expect(error.message == "a transform plugin called 'acme.named' is already registered")
        #expect(registry.types(.transform) == ["acme.named"])
    }
}
