public import SluiceCore

/// Registers the `ndjson` source, the `ndjson` and `stdout` sinks and the `file` state store.
/// - Throws: ``SluiceError`` (`duplicate_plugin`) when one of their names is registered already.
public func registerFiles(into registry: inout PluginRegistry) throws(SluiceError) {
    try registry.register(source: NDJSONSource.self)
    try registry.register(sink: NDJSONSink.self)
    try registry.register(sink: StdoutSink.self)
    try registry.register(state: FileStateStore.self)
}
