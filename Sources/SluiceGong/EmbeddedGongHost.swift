public import GongModel

/// Starts the Gong API that `"baseURL": "embedded"` names. The program running the pipeline lends
/// one through ``SluiceCore/RunContext/services`` (the `sluice` command starts a `GongEmulator`
/// in process), so the source itself never links an emulator.
public protocol EmbeddedGongHost: Sendable {
    /// Starts an API for one run, of a company in `zone`.
    /// - Parameters:
    ///   - zone: the company's zone, whose days the API's quota counts.
    ///   - auth: the credentials it must accept; `nil` for the host's own demo credentials.
    /// - Returns: the started API, which the source stops when it closes.
    func start(zone: CompanyZone, auth: GongAuth?) async throws -> EmbeddedGongServer
}
