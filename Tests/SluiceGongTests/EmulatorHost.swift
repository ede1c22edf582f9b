import GongEmulator
import GongModel
import SluiceGong
import Synchronization

/// An ``EmbeddedGongHost`` over ``GongEmulator``, as the `sluice` command lends one: it counts
/// the emulators it started and those stopped.
final class EmulatorHost: EmbeddedGongHost {
    static let demoAuth = GongAuth.accessKey(key: "host-demo-key", secret: "host-demo-secret")
    private let counts = Mutex((started: 0, stopped: 0))

    var started: Int { counts.withLock { $0.started } }
    var stopped: Int { counts.withLock { $0.stopped } }

    func start(zone: CompanyZone, auth: GongAuth?) async throws -> EmbeddedGongServer {
        let auth = auth ?? Self.demoAuth
        var configuration = GongEmulatorConfiguration(users: 12, timeZone: zone)
        if case .accessKey(let key, let secret) = auth {
            configuration.accessKey = key
            configuration.accessKeySecret = secret
        }
        let emulator = GongEmulator(configuration: configuration)
        try await emulator.start()
        counts.withLock { $0.started += 1 }
        return EmbeddedGongServer(baseURL: emulator.baseURL, host: "127.0.0.1:\(emulator.port)", auth: auth) {
            try await emulator.shutdown()
            self.counts.withLock { $0.stopped += 1 }
        }
    }
}
