public import SluiceCore
import SluiceFiles
import SluiceGong
import SluicePostgres
import SluiceSinger
import SluiceTransforms

/// Every plugin that ships with Sluice, as the `sluice` command (and the benchmarks) register them;
/// a new plugin adds its registration here.
public enum ShippedPlugins {
    /// A registry with every shipped plugin; the file state store is the default state.
    public static func registry() -> PluginRegistry {
        var registry = PluginRegistry { _, folder in FileStateStore(path: folder + "/" + FileStateStore.defaultPath) }
        registerGong(into: &registry)
        registerFiles(into: &registry)
        registerPostgres(into: &registry)
        registerSinger(into: &registry)
        registerTransforms(into: &registry)
        return registry
    }
}
