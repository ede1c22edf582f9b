public import SluiceCore

/// Runs `body` expecting a ``SluiceError``, and returns it; `nil` when `body` returns or throws
/// something else.
public func sluiceError(_ body: () async throws -> Void) async -> SluiceError? {
    do {
        try await body()
        return nil
    } catch {
        return error as? SluiceError
    }
}
