public import SluiceCore

/// Registers the Gong plugins (`gong.activity`).
public func registerGong(into registry: inout PluginRegistry) {
    registry.register(source: GongActivitySource.self)
}
