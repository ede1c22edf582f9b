public import SluiceCore

/// Registers the Gong plugins (`gong.activity`).
/// - Throws: ``SluiceError`` (`duplicate_plugin`) when one of their names is registered already.
public func registerGong(into registry: inout PluginRegistry) throws(SluiceError) {
    try registry.register(source: GongActivitySource.self)
}
