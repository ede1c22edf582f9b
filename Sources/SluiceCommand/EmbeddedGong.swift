import GongEmulator
import GongModel
import SluiceGong

/// The in-process emulator behind `"baseURL": "embedded"`: a fixed demo company, Gong's default
/// rate limits, and credentials that need no configuration. The command lends it to every run.
struct EmbeddedGong: EmbeddedGongHost {
    static let seed: UInt64 = 20_240_301
    static let users = 40
    static let pageSize = 25
    static let demoAuth = GongAuth.accessKey(key: "embedded-demo-key", secret: "embedded-demo-secret")

    /// Starts an emulator of the demo company in `zone`, accepting `auth` (the demo credentials when `nil`).
    func start(zone: CompanyZone, auth: GongAuth?) async throws -> EmbeddedGongServer {
        let auth = auth ?? Self.demoAuth
        let emulator = GongEmulator(configuration: Self.configuration(zone: zone, auth: auth))
        try await emulator.start()
        return EmbeddedGongServer(baseURL: emulator.baseURL, host: "\(emulator.configuration.host):\(emulator.port)", auth: auth) {
            try await emulator.shutdown()
        }
    }

    /// The emulator's configuration for a source in `zone`, accepting `auth`.
    static func configuration(zone: CompanyZone, auth: GongAuth) -> GongEmulatorConfiguration {
        var configuration = GongEmulatorConfiguration(
            users: users, seed: seed, pageSize: pageSize, timeZone: zone, ratePerSecond: 3, ratePerDay: 10_000)
        switch auth {
        case .accessKey(let key, let secret):
            configuration.accessKey = key
            configuration.accessKeySecret = secret
        case .bearerToken(let token):
            configuration.bearerToken = token
        }
        return configuration
    }
}
