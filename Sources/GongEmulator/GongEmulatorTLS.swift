/// The certificate an emulator serving HTTPS presents: PEM files of the chain (the server's
/// certificate first) and of its private key.
public struct GongEmulatorTLS: Sendable, Equatable {
    /// The PEM file of the certificate chain, the server's own certificate first.
    public var certificateChainFile: String
    /// The PEM file of the certificate's private key.
    public var privateKeyFile: String

    public init(certificateChainFile: String, privateKeyFile: String) {
        self.certificateChainFile = certificateChainFile
        self.privateKeyFile = privateKeyFile
    }
}
