import SluiceCore
import SluiceFiles
import SluiceTransforms

/// Every plugin that ships with Sluice; a new plugin adds its registration here.
enum DefaultRegistry {
    static func make() -> PluginRegistry {
        var registry = PluginRegistry { _ in FileStateStore() }
        registerFiles(into: &registry)
        registerTransforms(into: &registry)
        return registry
    }
}
