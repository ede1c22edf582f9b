public import SluiceCore

/// Registers the `postgres` sink and the `postgres` state store.
/// - Throws: ``SluiceError`` (`duplicate_plugin`) when one of their names is registered already.
/// - Parameter registry: the registry of the `sluice` command (or of a test).
public func registerPostgres(into registry: inout PluginRegistry) throws(SluiceError) {
    try registry.register(sink: PostgresSink.self)
    try registry.register(state: PostgresStateStore.self)
}
