public import SluiceCore
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A faithful local Gong API: `POST /v2/stats/activity/day-by-day` over real HTTP, with Gong's
/// authentication, validation, paging by users, errors, rate limits and injectable faults.
///
/// ```swift
/// let emulator = GongEmulator(configuration: GongEmulatorConfiguration(users: 120, pageSize: 50))
/// try await emulator.start()
/// defer { Task { try await emulator.shutdown() } }
/// print(emulator.baseURL)   // http://127.0.0.1:<port>
/// ```
public final class GongEmulator: Sendable {
    /// The configuration the emulator was made with.
    public let configuration: GongEmulatorConfiguration
    private let engine: GongEmulatorEngine
    private let channel = Mutex<(any Channel)?>(nil)

    /// An emulator that is not listening yet; call ``start()``.
    public init(configuration: GongEmulatorConfiguration = GongEmulatorConfiguration()) {
        self.configuration = configuration
        engine = GongEmulatorEngine(configuration: configuration)
    }

    /// Starts listening on ``GongEmulatorConfiguration/host`` and ``GongEmulatorConfiguration/port``.
    /// - Throws: when the address cannot be bound, the TLS files cannot be read, or when already started.
    public func start() async throws {
        let engine = self.engine
        let tls = try configuration.tls.map { tls in
            try NIOSSLContext(configuration: .makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(tls.certificateChainFile).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: tls.privateKeyFile, format: .pem))
            ))
        }
        let bound = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(EmulatorHTTPHandler(engine: engine))
                }
            }
            .bind(host: configuration.host, port: configuration.port)
            .get()
        let alreadyRunning = channel.withLock { current in
            if current != nil { return true }
            current = bound
            return false
        }
        if alreadyRunning {
            try await bound.close()
            throw GongEmulatorError.alreadyStarted
        }
    }

    /// Stops listening; connections in progress are closed. Does nothing when not started.
    public func shutdown() async throws {
        let current = channel.withLock { current in
            defer { current = nil }
            return current
        }
        try await current?.close()
    }

    /// Returns when the emulator stops listening (after ``shutdown()``, or when its socket closes);
    /// at once when not started. For a command that serves until interrupted.
    public func waitUntilClosed() async throws {
        let current = channel.withLock { $0 }
        try await current?.closeFuture.get()
    }

    /// The port the emulator listens on (the ephemeral one when configured with 0); 0 before ``start()``.
    public var port: Int {
        channel.withLock { $0?.localAddress?.port } ?? 0
    }

    /// `http://host:port` (`https` when serving TLS), the `baseURL` a client uses.
    public var baseURL: String { "\(configuration.tls == nil ? "http" : "https")://\(configuration.host):\(port)" }

    /// The counters so far.
    public var counters: GongEmulatorCounters { engine.counters }

    /// Queues faults for the next authenticated calls, one per call, in order.
    public func inject(_ faults: [GongEmulatorFault]) {
        engine.inject(faults)
    }

    /// The company behind the API.
    public var dataset: GongDataset { engine.dataset }

    /// Exactly the records the API returns for `range` (and `userIds`), across all pages, in order.
    public func groundTruth(_ range: DateRange, userIds: [String]? = nil) -> [GongUserActivity] {
        engine.dataset.records(in: range, userIds: userIds)
    }
}
