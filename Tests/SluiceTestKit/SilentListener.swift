import Foundation
import SluiceCore

/// A TCP port on 127.0.0.1 that takes connections (the kernel completes them into its backlog)
/// and never answers: a server that hangs, or a black hole behind a firewall. Made not listening,
/// its port refuses connections at once, and no other socket can take it while it lives.
public final class SilentListener: Sendable {
    /// The port listened on.
    public let port: Int
    private let descriptor: Int32

    /// Listens on a free port; or, with `listening` false, only holds it, refusing connections.
    /// - Throws: ``SluiceError`` when no socket can be made.
    public init(listening: Bool = true) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SluiceError(.io, "cannot make a socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && (!listening || listen(descriptor, 16) == 0)
                    && getsockname(descriptor, address, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw SluiceError(.io, "cannot listen on 127.0.0.1")
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }

    /// Whether a connection waits in the backlog, never to be answered.
    public var hasWaitingConnection: Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) == 1
    }
}
