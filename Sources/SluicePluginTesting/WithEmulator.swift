public import GongEmulator

/// Runs `body` against a started ``GongEmulator`` (real HTTP on 127.0.0.1) and always shuts it down.
public func withEmulator<T>(
    _ configuration: GongEmulatorConfiguration, _ body: (GongEmulator) async throws -> T
) async throws -> T {
    let emulator = GongEmulator(configuration: configuration)
    try await emulator.start()
    do {
        let result = try await body(emulator)
        try await emulator.shutdown()
        return result
    } catch {
        try? await emulator.shutdown()
        throw error
    }
}
