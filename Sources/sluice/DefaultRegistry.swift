import SluiceCore
import SluiceFiles
import SluiceGong
import SluicePostgres
import SluiceTransforms

/// Every plugin that ships with Sluice; a new plugin adds its registration here.
enum DefaultRegistry {
    static func make() -> PluginRegistry {
        var registry = PluginRegistry { _ in FileStateStore() }
        registerGong(into: &registry)
        registerFiles(into: &registry)
        registerPostgres(into: &registry)
        registerTransforms(into: &registry)
        return registry
    }
}
