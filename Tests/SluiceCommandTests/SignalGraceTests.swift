import Foundation
import SluiceCore
import SluiceTestKit
import Testing

/// The first signal ends a run whatever it waits on: when the wait cannot be cancelled (libpq
/// connecting to a server that takes the connection and never answers), the process still exits
/// 130 once the grace period after the signal is over.
@Suite struct SignalGraceTests {
    @Test func aRunStuckConnectingToASilentServerEndsAfterTheGracePeriod() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let server = try SilentListener()
        try #"{"user_id":"u1","n":1}"#.write(toFile: folder.file("in.ndjson"), atomically: true, encoding: .utf8)
        try """
        {"version": 1, "name": "silent",
         "source": {"type": "ndjson", "paths": ["in.ndjson"], "fields": {"user_id": "text", "n": "int"}},
         "sinks": [{"type": "postgres", "url": "postgres://sluice@127.0.0.1:\(server.port)/warehouse", "connectTimeout": 600,
                    "table": "events"}]}
        """.write(toFile: folder.file("pipeline.json"), atomically: true, encoding: .utf8)
        let run = try SluiceProcess(["run", folder.file("pipeline.json")], in: folder.path)
        try await waitUntil { server.hasWaitingConnection || !run.isRunning } else: { run.errorsSoFar }
        let signalled = ContinuousClock.now
        run.send(SIGTERM)
        let result = try await run.finish(within: .seconds(60))
        #expect(result.status == 130, "\(result.errors)")
        #expect(ContinuousClock.now - signalled < .seconds(20), "the grace period is 10 s")
    }
}
