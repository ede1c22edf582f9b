public import SluiceCore

/// Registers the transforms of this module: `flatten.perDay`, `flatten.perCall`, `dedupe` and `select`.
/// - Throws: ``SluiceError`` (`duplicate_plugin`) when one of their names is registered already.
/// - Parameter registry: The registry of the `sluice` command.
public func registerTransforms(into registry: inout PluginRegistry) throws(SluiceError) {
    try registry.register(transform: FlattenPerDayTransform.self)
    try registry.register(transform: FlattenPerCallTransform.self)
    try registry.register(transform: DedupeTransform.self)
    try registry.register(transform: SelectTransform.self)
}
