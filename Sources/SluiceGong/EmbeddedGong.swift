import GongEmulator
import SluiceCore

/// The in-process emulator behind `"baseURL": "embedded"`: a fixed demo company, Gong's default
/// rate limits, and credentials that need no configuration.
enum EmbeddedGong {
    static let seed: UInt64 = 20_240_301
    static let users = 40
    static let pageSize = 25
    static let demoAuth = GongAuth.accessKey(key: "embedded-demo-key", secret: "embedded-demo-secret")

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
