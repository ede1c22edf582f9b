public import SluiceCore

/// Registers the `singer` sink.
/// - Throws: ``SluiceError`` (`duplicate_plugin`) when its name is registered already.
public func registerSinger(into registry: inout PluginRegistry) throws(SluiceError) {
    try registry.register(sink: SingerSink.self)
}
