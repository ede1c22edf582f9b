import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import SluiceCore

/// POSTs JSON bodies to the day-by-day endpoint over one pooled, TLS-verifying HTTP client.
final class GongTransport: Sendable {
    /// `sluice/<version>`.
    static let userAgent = "sluice/\(SluiceVersion.current)"
    /// The largest answer read (a page of 100 users over a year is tens of MB).
    static let maxBodyBytes = 512 * 1024 * 1024

    let endpoint: GongEndpointURL
    private let auth: GongAuth
    /// Hides the credentials wherever a server repeats them.
    let redactor: Redactor
    private let client: HTTPClient
    /// The longest a whole call may take, in seconds.
    private let callTimeout: Double

    /// - Throws: when the CA file cannot be loaded.
    init(endpoint: GongEndpointURL, auth: GongAuth, settings: GongSettings) throws {
        self.endpoint = endpoint
        self.auth = auth
        redactor = auth.redactor
        callTimeout = settings.callTimeout
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        if let caBundle = settings.caBundle {
            tls.additionalTrustRoots = [.file(caBundle)]
        }
        // A refused connection fails the call at once (the source retries with back-off), instead
        // of the client trying again until the connect time-out.
        var pool = HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(60))
        pool.retryConnectionEstablishment = false
        let configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(Int64(settings.connectTimeout * 1000)),
                           read: .milliseconds(Int64(settings.readTimeout * 1000))),
            connectionPool: pool
        )
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// POSTs `body` and reads the whole answer, within `callTimeout`.
    /// - Throws: ``GongCertificateRefused``, ``GongUnreachable`` (the request never left),
    ///   ``GongCallTimedOut``, or transport errors (read time-outs, closed connections, cut-off bodies).
    func post(_ body: [UInt8]) async throws -> GongHTTPResponse {
        // The client's own deadline only runs until the answer's head: race the whole exchange instead.
        let limit = callTimeout
        return try await withThrowingTaskGroup(of: GongHTTPResponse?.self) { group in
            group.addTask { try await self.exchange(body) }
            group.addTask {
                try await Task.sleep(for: .seconds(limit))
                return nil
            }
            defer { group.cancelAll() }
            guard case let response?? = try await group.next() else { throw GongCallTimedOut(seconds: limit) }
            return response
        }
    }

    private func exchange(_ body: [UInt8]) async throws -> GongHTTPResponse {
        var request = HTTPClientRequest(url: endpoint.url)
        request.method = .POST
        request.headers.add(name: "Authorization", value: auth.headerValue)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        request.body = .bytes(body)
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, deadline: .distantFuture)
        } catch NIOSSLError.handshakeFailed(let failure) {
            throw GongCertificateRefused(handshakeFailure: String(describing: failure)) ?? NIOSSLError.handshakeFailed(failure)
        } catch let error as NIOSSLExtraError where error == .failedToValidateHostname {
            throw GongCertificateRefused(reason: "the certificate is not valid for this host")
        } catch {
            throw GongUnreachable(error) ?? error
        }
        let retryAfter = response.headers.first(name: "Retry-After").flatMap { RetryAfterHeader.seconds($0) }
        return GongHTTPResponse(status: Int(response.status.code), retryAfter: retryAfter, body: try await Self.read(response))
    }

    /// The answer's bytes as they arrive: a small answer in memory, sized from `Content-Length`;
    /// a large one (a page of a wide window) in a temporary file, never whole in memory.
    /// - Throws: `NIOTooManyBytesError` beyond ``maxBodyBytes``.
    private static func read(_ response: HTTPClientResponse) async throws -> GongAnswer {
        let writer = GongAnswer.Writer(expected: response.headers.first(name: "Content-Length").flatMap(Int.init))
        var count = 0
        for try await chunk in response.body {
            count += chunk.readableBytes
            guard count <= maxBodyBytes else { throw NIOTooManyBytesError(maxBytes: maxBodyBytes) }
            try writer.append(chunk.readableBytesView)
        }
        return writer.finish()
    }

    /// The kind of credentials, never their value (`access key`, `OAuth bearer token`).
    var authDescription: String { auth.description }

    /// Closes the client's connections.
    func shutdown() async throws {
        try await client.shutdown()
    }
}
