import Foundation
import SluiceCore

/// How the source authenticates: an API key made by a Gong admin, or an OAuth access token.
///
/// Its description never shows the secret.
public enum GongAuth: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
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

    /// Hides the key, the secret, the token and the header's value, as a server might repeat them.
    var redactor: Redactor {
        var redactor = Redactor()
        switch self {
        case .accessKey(let key, let secret):
            redactor.hide(key)
            redactor.hide(secret)
        case .bearerToken(let token):
            redactor.hide(token)
        }
        redactor.hide(String(headerValue.drop { $0 != " " }.dropFirst()))
        return redactor
    }

    /// Like ``description``: dumps and debug prints show the kind only.
    public var debugDescription: String { description }

    /// No children, so that reflection cannot reach the secret.
    public var customMirror: Mirror { Mirror(self, children: []) }

    /// `access key` or `OAuth bearer token`, for messages.
    public var description: String {
        switch self {
        case .accessKey: "access key"
        case .bearerToken: "OAuth bearer token"
        }
    }
}
