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
    /// - Throws: ``SluiceError`` (`duplicate_plugin`) when two shipped plugins share a name.
    public static func registry() throws(SluiceError) -> PluginRegistry {
        var registry = PluginRegistry { _, folder in FileStateStore(path: folder + "/" + FileStateStore.defaultPath) }
        try registerGong(into: &registry)
        try registerFiles(into: &registry)
        try registerPostgres(into: &registry)
        try registerSinger(into: &registry)
        try registerTransforms(into: &registry)
        return registry
    }
}
