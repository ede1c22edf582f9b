import Foundation

/// The server's TLS certificate was refused during the handshake: no retry can fix that.
struct GongCertificateRefused: Error {
    /// What TLS said, short: `CERTIFICATE_VERIFY_FAILED`, or that the host does not match.
    let reason: String

    /// From a BoringSSL error's description (`... OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at ...`),
    /// when it is about the certificate.
    init?(handshakeFailure description: String) {
        guard let marker = description.range(of: "OPENSSL_internal:") else { return nil }
        let reason = description[marker.upperBound...].prefix { !$0.isWhitespace && $0 != "]" }
        guard reason.contains("CERTIFICATE") else { return nil }
        self.reason = String(reason)
    }

    /// A refusal for `reason` (a host that does not match the certificate, say).
    init(reason: String) {
        self.reason = reason
    }
}
