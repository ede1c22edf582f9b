/// What the program running a pipeline lends its plugins for the run, found by type: a plugin
/// family declares a protocol for what it needs from its host (the Gong source's embedded API),
/// and the program provides a value of it. A plugin never links the program that serves it.
public struct PluginServices: Sendable {
    private var services: [ObjectIdentifier: any Sendable] = [:]

    /// No services.
    public init() {}

    /// Lends `service` as `type`, replacing one lent before as the same type.
    public mutating func provide<Service: Sendable>(_ service: Service, as type: Service.Type) {
        services[ObjectIdentifier(type)] = service
    }

    /// The service lent as `type`, if any.
    public subscript<Service>(_ type: Service.Type) -> Service? {
        services[ObjectIdentifier(type)] as? Service
    }
}
