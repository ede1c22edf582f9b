import Foundation
import GongEmulator
import SluiceTestKit

/// A throwaway certificate authority and a server certificate it signed for 127.0.0.1, made with
/// the `openssl` command: what a company's TLS-inspecting proxy presents.
struct TestCertificates {
    let folder: TemporaryFolder
    /// The authority's certificate (PEM): what `caBundle` points at.
    var authority: String { folder.file("ca.pem") }
    /// The server's certificate and key, for the emulator.
    var server: GongEmulatorTLS {
        GongEmulatorTLS(certificateChainFile: folder.file("server.pem"), privateKeyFile: folder.file("server.key"))
    }

    /// Makes the authority and the server certificate in a new temporary folder.
    static func make() async throws -> TestCertificates {
        let certificates = TestCertificates(folder: try TemporaryFolder())
        let file = certificates.folder.file
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try await openssl(["req", "-x509"] + key + [
            "-keyout", file("ca.key"), "-out", file("ca.pem"), "-days", "2", "-subj", "/CN=Sluice Test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        try await openssl(["req"] + key + ["-keyout", file("server.key"), "-out", file("server.csr"), "-subj", "/CN=127.0.0.1"])
        try "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n"
            .write(toFile: file("server.ext"), atomically: true, encoding: .utf8)
        try await openssl([
            "x509", "-req", "-in", file("server.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"), "-CAcreateserial",
            "-out", file("server.pem"), "-days", "2", "-extfile", file("server.ext"),
        ])
        return certificates
    }

    func remove() {
        folder.remove()
    }

    private static func openssl(_ arguments: [String]) async throws {
        _ = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["openssl"] + arguments)
    }
}
