import GongEmulator
import GongModel
import SluiceCore
import SluiceGong
import SluicePluginTesting
import SluiceTestKit
import Testing

/// A call that never reached Gong (the connection refused) costs nothing of the day's quota, and
/// fails at once: the source's own retries back off, not a connect time-out per attempt.
@Suite struct GongRefusedConnectionTests {
    @Test func aRefusedConnectionFailsFastAndCostsNoQuota() async throws {
        // Held (bound, not listening) for the whole test: no emulator of another test can take the port.
        let refusing = try SilentListener(listening: false)
        defer { withExtendedLifetime(refusing) {} }
        let port = refusing.port
        let store = MemoryStateStore()
        let source = try GongActivitySource(config: sourceConfig(nil, [
            "baseURL": .string("http://127.0.0.1:\(port)"),
            "auth": .object(["accessKey": .string("key"), "accessKeySecret": .string("secret")]),
            "toDate": .string("2024-01-11"), "maxRetries": .int(3), "connectTimeout": .int(30),
        ]))
        let run = SourceRun(state: store)
        let started = ContinuousClock.now
        let error = try #require(await sluiceError { try await run.read(source, [tenDays]) })
        // Four attempts that each waited for connectTimeout would take two minutes.
        #expect(ContinuousClock.now - started < .seconds(60), "each attempt should fail at once, not after connectTimeout")
        #expect(error.code == .gongUnavailable, "\(error)")
        #expect(run.metrics.snapshot.retries == 3)
        #expect(run.metrics.snapshot.apiCalls == 0)
        #expect(try await store.usage(budget: "gong:127.0.0.1:\(port)", day: CompanyZone.utc.today()) == 0)
    }
}
