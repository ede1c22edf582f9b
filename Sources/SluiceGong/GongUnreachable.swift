import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// No connection to Gong could be made (refused, no route, the name not resolved, the connect
/// time-out): the request never left, so it does not count against the day's quota. Retried
/// like other transient failures.
struct GongUnreachable: Error, CustomStringConvertible {
    /// What the connection attempt failed with.
    let underlying: any Error

    /// `error` as a failure to connect, or `nil` when the request may have reached the server.
    init?(_ error: any Error) {
        switch error {
        case is NIOConnectionError: break
        case let error as IOError: guard Self.connectErrors.contains(error.errnoCode) else { return nil }
        case let error as ChannelError: guard case .connectTimeout = error else { return nil }
        case let error as HTTPClientError: guard error == .connectTimeout else { return nil }
        default: return nil
        }
        underlying = error
    }

    /// What a connection attempt fails with before anything was sent.
    private static let connectErrors: Set<Int32> = [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH]

    var description: String { "no connection to Gong could be made: \(underlying)" }
}
