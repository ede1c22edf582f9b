/// The certificate an emulator serving HTTPS presents: PEM files of the chain (the server's
/// certificate first) and of its private key.
public struct GongEmulatorTLS: Sendable, Equatable {
    public var certificateChainFile: String
    public var privateKeyFile: String

    public init(certificateChainFile: String, privateKeyFile: String) {
        self.certificateChainFile = certificateChainFile
        self.privateKeyFile = privateKeyFile
    }
}
