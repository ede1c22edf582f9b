import Foundation
import GongModel

/// The URL of the day-by-day endpoint under a base URL, and the host it names.
struct GongEndpointURL: Sendable, Hashable {
    /// The full endpoint URL.
    let url: String
    /// `host` or `host:port`, for messages and the quota's name.
    let host: String

    /// `nil` unless `baseURL` is an `http` or `https` URL with a host.
    init?(_ baseURL: String) {
        guard let parsed = URL(string: baseURL), let scheme = parsed.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = parsed.host, !host.isEmpty
        else { return nil }
        self.init(baseURL: baseURL, host: parsed.port.map { "\(host):\($0)" } ?? host)
    }

    /// The endpoint under a base URL known to be valid (the embedded emulator's).
    init(baseURL: String, host: String) {
        self.host = host
        url = String(baseURL.reversed().drop { $0 == "/" }.reversed()) + GongDayByDayEndpoint.path
    }
}
