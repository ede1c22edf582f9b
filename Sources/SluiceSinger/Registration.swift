public import SluiceCore

/// Registers the `singer` sink.
public func registerSinger(into registry: inout PluginRegistry) {
    registry.register(sink: SingerSink.self)
}
