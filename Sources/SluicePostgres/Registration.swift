public import SluiceCore

/// Registers the `postgres` sink and the `postgres` state store.
/// - Parameter registry: the registry of the `sluice` command (or of a test).
public func registerPostgres(into registry: inout PluginRegistry) {
    registry.register(sink: PostgresSink.self)
    registry.register(state: PostgresStateStore.self)
}
