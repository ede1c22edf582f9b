import GongEmulator
import SluiceCore
import SluiceGong
import SluicePluginTesting
import SluiceTestKit
import Testing

/// HTTPS with verification always on: a server signed by a company's own authority (a
/// TLS-inspecting proxy) is trusted through `caBundle`, and refused at once without it.
@Suite struct GongTLSTests {
    static let window = Window(days: DateRange("2024-01-01", "2024-01-11"))

    static func configuration(_ certificates: TestCertificates) -> GongEmulatorConfiguration {
        GongEmulatorConfiguration(users: 12, pageSize: 5, today: CalendarDate("2024-02-01"), tls: certificates.server)
    }

    @Test func anAuthorityGivenInCABundleIsTrusted() async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        try await withEmulator(Self.configuration(certificates)) { emulator in
            #expect(emulator.baseURL.hasPrefix("https://127.0.0.1:"))
            let source = try GongActivitySource(config: sourceConfig(emulator, [
                "toDate": .string("2024-01-11"), "caBundle": .string(certificates.authority),
            ]))
            let run = SourceRun()
            try await run.read(source, [Self.window])
            #expect(run.rows(Self.window) == expectedRows(emulator.groundTruth(Self.window.days!)))
        }
    }

    @Test func anUntrustedCertificateFailsAtOnceAndPointsAtCABundle() async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        try await withEmulator(Self.configuration(certificates)) { emulator in
            // The HTTP client tries new connections until connectTimeout, then reports the last failure.
            let source = try GongActivitySource(config: sourceConfig(emulator, ["toDate": .string("2024-01-11"), "connectTimeout": .int(1)]))
            let run = SourceRun()
            let error = try #require(await sluiceError { try await run.read(source, [Self.window]) })
            #expect(error.code == .gongCertificate)
            #expect(error.message.contains("was refused (CERTIFICATE_VERIFY_FAILED)"), "\(error)")
            #expect(error.hint?.contains("caBundle") == true)
            #expect(run.metrics.snapshot.retries == 0)
        }
    }
}
