import Foundation

/// How the source authenticates: an API key made by a Gong admin, or an OAuth access token.
///
/// Its description never shows the secret.
enum GongAuth: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `Authorization: Basic base64(accessKey:accessKeySecret)`.
    case accessKey(key: String, secret: String)
    /// `Authorization: Bearer <token>`; only valid against the customer's own API host.
    case bearerToken(String)

    /// The `Authorization` header value.
    var headerValue: String {
        switch self {
        case .accessKey(let key, let secret): "Basic " + Data("\(key):\(secret)".utf8).base64EncodedString()
        case .bearerToken(let token): "Bearer " + token
        }
    }

    /// Like ``description``: dumps and debug prints show the kind only.
    var debugDescription: String { description }

    /// No children, so that reflection cannot reach the secret.
    var customMirror: Mirror { Mirror(self, children: []) }

    /// `access key` or `OAuth bearer token`, for messages.
    var description: String {
        switch self {
        case .accessKey: "access key"
        case .bearerToken: "OAuth bearer token"
        }
    }
}
