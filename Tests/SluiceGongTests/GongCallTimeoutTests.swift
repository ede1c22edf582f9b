import GongEmulator
import SluiceCore
import SluiceGong
import SluicePluginTesting
import SluiceTestKit
import Testing

/// `callTimeout` bounds a whole call: a server that trickles its answer a byte at a time never
/// trips `readTimeout`, but the call is cut at the limit and retried like other transient failures.
@Suite(.timeLimit(.minutes(1))) struct GongCallTimeoutTests {
    private let options: [String: Value] = ["callTimeout": .double(3), "readTimeout": .double(30)]

    @Test func aTrickledAnswerIsCutAndRetried() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10)) { emulator in
            emulator.inject([.trickle(millisecondsPerByte: 20)])
            let run = SourceRun()
            // Uncut, the trickled page would take minutes: the suite's time limit would end the test.
            try await run.read(try tenDaySource(emulator, options), [tenDays])
            #expect(run.rows(tenDays) == expectedRows(emulator.groundTruth(tenDays.days!)))
            #expect(run.metrics.snapshot.retries == 1)
        }
    }

    @Test func trickledAnswersRunOutOfRetries() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10)) { emulator in
            emulator.inject(Array(repeating: .trickle(millisecondsPerByte: 20), count: 2))
            let run = SourceRun()
            let source = try tenDaySource(emulator, options.merging(["maxRetries": .int(1)]) { $1 })
            let error = try #require(await sluiceError { try await run.read(source, [tenDays]) })
            #expect(error.code == .gongUnavailable)
            #expect(error.context("window") == tenDays.key)
            #expect(run.metrics.snapshot.apiCalls == 2)
            #expect(run.metrics.snapshot.retries == 1)
        }
    }
}
