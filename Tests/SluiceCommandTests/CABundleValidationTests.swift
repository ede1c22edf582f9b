import Foundation
import Testing
import SluiceTestKit

/// `caBundle` is checked when the file is validated, through the real binary: a file that holds no
/// PEM certificate is a `bad_value` at `source.caBundle`, never a network failure retried at run time.
@Suite struct CABundleValidationTests {
    static func pipeline(caBundle: String) -> String {
        """
        {"version": 1, "name": "proxy",
         "source": {"type": "gong.activity", "baseURL": "https://127.0.0.1:9", "auth": {"bearerToken": "token-for-tests"},
                    "fromDate": "2024-01-01", "toDate": "2024-01-08", "caBundle": "\(caBundle)"},
         "sinks": [{"type": "stdout"}]}
        """
    }

    /// Each case writes `content` to `ca.pem` (a folder when `nil`) next to the pipeline.
    @Test(arguments: [
        ("not a certificate at all\n", "ca.pem"),
        ("", "ca.pem"),
        ("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n", "ca.pem"),
        ("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n", "ca.pem"),
        (nil, "ca.pem"),
        (nil, "/dev/zero"),
    ] as [(String?, String)])
    func aFileWithoutPEMCertificatesIsRejectedAtValidation(content: String?, caBundle: String) async throws {
        let file = try HostileFile(Self.pipeline(caBundle: caBundle))
        defer { file.remove() }
        if let content {
            try content.write(toFile: file.folder.file(caBundle), atomically: true, encoding: .utf8)
        } else if !caBundle.hasPrefix("/") {
            try FileManager.default.createDirectory(atPath: file.folder.file(caBundle), withIntermediateDirectories: true)
        }
        let (result, issues) = try await file.validate()
        #expect(result.status == 2)
        #expect(issues == ["bad_value source.caBundle"], "\(result.output)")
    }

    @Test func aPEMAuthorityIsAccepted() async throws {
        let file = try HostileFile(Self.pipeline(caBundle: "ca.pem"))
        defer { file.remove() }
        _ = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/openssl"), [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", file.folder.file("ca.key"),
            "-out", file.folder.file("ca.pem"), "-days", "2", "-subj", "/CN=Sluice Test CA",
        ])
        let (result, issues) = try await file.validate()
        #expect(result.status == 0, "\(result.output) \(result.errors)")
        #expect(issues.isEmpty)
    }
}
