public import SluiceCore

/// Registers the transforms of this module: `flatten.perDay`, `flatten.perCall`, `dedupe` and `select`.
/// - Parameter registry: The registry of the `sluice` command.
public func registerTransforms(into registry: inout PluginRegistry) {
    registry.register(transform: FlattenPerDayTransform.self)
    registry.register(transform: FlattenPerCallTransform.self)
    registry.register(transform: DedupeTransform.self)
    registry.register(transform: SelectTransform.self)
}
