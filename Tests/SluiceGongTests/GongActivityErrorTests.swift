import GongEmulator
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import SluiceGong
import Testing

@Suite struct GongActivityErrorTests {
    let window = Window(days: DateRange("2024-01-01", "2024-01-11"))

    private func source(_ emulator: GongEmulator, _ options: [String: Value] = [:]) throws -> GongActivitySource {
        try GongActivitySource(config: sourceConfig(emulator, ["toDate": .string("2024-01-11")].merging(options) { $1 }))
    }

    @Test func badRequestCarriesGongsMessageAndRequestId() async throws {
        let configuration = GongEmulatorConfiguration(users: 10, today: CalendarDate("2024-01-05"))
        try await withEmulator(configuration) { emulator in
            let run = SourceRun()
            let error = try #require(await sluiceError { try await run.read(try source(emulator), [window]) })
            #expect(error.code == .gongBadRequest)
            #expect(error.outcome == .failed)
            #expect(error.context("window") == window.key)
            #expect(error.context("page") == "1")
            #expect(error.context("requestId")?.count == 19)
            #expect(error.message.contains("toDate must not be later than the current date"))
            #expect(run.metrics.snapshot.apiCalls == 1)
        }
    }

    @Test(arguments: [401, 403])
    func refusedCredentialsFailAtOnceWithoutTheSecret(status: Int) async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10)) { emulator in
            let secret = "s3cr3t-never-shown"
            let run = SourceRun()
            let options: [String: Value] = status == 401
                ? ["auth": .object(ValueObject(["accessKey": .string("key"), "accessKeySecret": .string(secret)]))]
                : ["auth": .object(ValueObject(["bearerToken": .string(emulator.configuration.bearerToken)]))]
            if status == 403 { emulator.inject([.status(403)]) }
            let source = try source(emulator, options)
            let error = try #require(await sluiceError { try await run.read(source, [window]) })
            #expect(error.code == .gongAuth)
            #expect(error.outcome == .failed)
            #expect(error.context("host") == "127.0.0.1:\(emulator.port)")
            #expect(error.context("window") == window.key)
            #expect(error.hint?.contains("customer's own host") == true)
            #expect(error.message.contains(status == 401 ? "access key" : "OAuth bearer token"))
            #expect(run.metrics.snapshot.apiCalls == 1)
            let token = emulator.configuration.bearerToken
            for text in [error.description] + run.logLines.all {
                #expect(!text.contains(secret) && !text.contains(token))
            }
        }
    }

    @Test func nothingMatchedIsAnEmptyWindow() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10)) { emulator in
            let run = SourceRun()
            try await run.read(try source(emulator, ["userIds": .array([.string("42")])]), [window])
            #expect(run.batches(window).isEmpty)
            #expect(emulator.counters.responsesByStatus[404] == 1)
        }
    }

    @Test func otherNotFoundFails() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10)) { emulator in
            emulator.inject([.raw(status: 404, body: #"{"requestId":"abc123","errors":["User not found"]}"#)])
            let error = try #require(await sluiceError { try await SourceRun().read(try source(emulator), [window]) })
            #expect(error.code == .gongNotFound)
            #expect(error.context("requestId") == "abc123")
            #expect(error.message.contains("User not found"))
        }
    }

    @Test(arguments: [
        [GongEmulatorFault.status(500), .status(503)],
        [.status(502), .status(504)],
        [.drop],
        [.truncate],
    ])
    func transientFailuresAreRetried(faults: [GongEmulatorFault]) async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 30, pageSize: 10)) { emulator in
            emulator.inject(faults)
            let run = SourceRun()
            try await run.read(try source(emulator), [window])
            #expect(run.rows(window) == expectedRows(emulator.groundTruth(window.days!)))
            #expect(run.metrics.snapshot.retries == faults.count)
            #expect(emulator.counters.dropped + emulator.counters.truncated == faults.filter { $0 == .drop || $0 == .truncate }.count)
        }
    }

    @Test(arguments: [GongEmulatorFault.status(500), .drop, .truncate])
    func retriesRunOut(fault: GongEmulatorFault) async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10)) { emulator in
            emulator.inject(Array(repeating: fault, count: 3))
            let run = SourceRun()
            let error = try #require(await sluiceError { try await run.read(try source(emulator, ["maxRetries": .int(2)]), [window]) })
            #expect(error.code == .gongUnavailable)
            #expect(error.outcome == .failed)
            #expect(error.context("window") == window.key)
            #expect(run.metrics.snapshot.apiCalls == 3)
            #expect(run.metrics.snapshot.retries == 2)
        }
    }

    @Test(arguments: [
        (#"{"usersDetailedActivities": [{"userId": "1""#, "$.usersDetailedActivities[0]"),
        (#"{"usersDetailedActivities": [{"userId": true}]}"#, "$.usersDetailedActivities[0].userId"),
        (#"{"usersDetailedActivities": [{"userId": 1, "userDailyActivityStats": [{"callsAsHost": [1.5]}]}]}"#,
         "$.usersDetailedActivities[0].userDailyActivityStats[0].callsAsHost[0]"),
        (#"{"usersDetailedActivities": [{"userId": 1, "userDailyActivityStats": [{"fromDate": "x"}]}]}"#,
         "$.usersDetailedActivities[0].userDailyActivityStats[0].fromDate"),
    ])
    func malformedAnswersNameWindowPageAndPath(body: String, path: String) async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10)) { emulator in
            emulator.inject([.raw(status: 200, body: body)])
            let error = try #require(await sluiceError { try await SourceRun().read(try source(emulator), [window]) })
            #expect(error.code == .gongBadResponse)
            #expect(error.context("window") == window.key)
            #expect(error.context("page") == "1")
            #expect(error.context("path") == path)
        }
    }

    @Test func repeatedCursorStopsInsteadOfLooping() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10)) { emulator in
            let page = #"{"requestId":"r1","records":{"cursor":"same"},"usersDetailedActivities":[]}"#
            emulator.inject([.raw(status: 200, body: page), .raw(status: 200, body: page)])
            let error = try #require(await sluiceError { try await SourceRun().read(try source(emulator), [window]) })
            #expect(error.code == .gongInconsistentAnswer)
            #expect(error.context("page") == "2")
            #expect(emulator.counters.requests == 2)
        }
    }

    @Test func readTimeoutsAreRetriedThenReported() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10, latencyMilliseconds: 500)) { emulator in
            let run = SourceRun()
            let source = try source(emulator, ["readTimeout": .double(0.1), "maxRetries": .int(1)])
            let error = try #require(await sluiceError { try await run.read(source, [window]) })
            #expect(error.code == .gongUnavailable)
            #expect(error.message.contains("readTimeout"))
            #expect(run.metrics.snapshot.apiCalls == 2)
        }
    }

    @Test func refusedConnectionsAreRetriedThenReported() async throws {
        let emulator = GongEmulator(configuration: GongEmulatorConfiguration(users: 10))
        try await emulator.start()
        // The client keeps trying to connect until connectTimeout: keep it short.
        let config = sourceConfig(emulator, ["toDate": .string("2024-01-11"), "maxRetries": .int(1), "connectTimeout": .double(0.3)])
        try await emulator.shutdown()
        let run = SourceRun()
        let error = try #require(await sluiceError { try await run.read(try GongActivitySource(config: config), [window]) })
        #expect(error.code == .gongUnavailable)
        #expect(error.context("window") == window.key)
        #expect(run.metrics.snapshot.retries == 1)
    }
}
