public import SluiceCore

/// Registers the `ndjson` source, the `ndjson` and `stdout` sinks and the `file` state store.
public func registerFiles(into registry: inout PluginRegistry) {
    registry.register(source: NDJSONSource.self)
    registry.register(sink: NDJSONSink.self)
    registry.register(sink: StdoutSink.self)
    registry.register(state: FileStateStore.self)
}
