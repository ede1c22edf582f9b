import GongEmulator
import GongModel
import SluiceCore
import SluiceGong
import SluicePluginTesting
import SluiceTestKit
import Testing

@Suite struct GongQuotaTests {
    let window = Window(days: DateRange("2024-01-01", "2024-01-11"))

    @Test func rateLimitWithRetryAfterWaitsThatLong() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10)) { emulator in
            emulator.inject([.rateLimited(retryAfter: 1)])
            let source = try GongActivitySource(config: sourceConfig(emulator, ["toDate": .string("2024-01-11")]))
            let run = SourceRun()
            let started = ContinuousClock.now
            try await run.read(source, [window])
            #expect(ContinuousClock.now - started >= .milliseconds(950))
            #expect(run.rows(window) == expectedRows(emulator.groundTruth(window.days!)))
            #expect(run.metrics.snapshot.retries == 1)
            #expect(emulator.counters.rateLimited == 1)
        }
    }

    @Test func rateLimitWithoutRetryAfterBacksOff() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10)) { emulator in
            emulator.inject([.rateLimited(retryAfter: nil), .rateLimited(retryAfter: nil)])
            let source = try GongActivitySource(config: sourceConfig(emulator, ["toDate": .string("2024-01-11")]))
            let run = SourceRun()
            try await run.read(source, [window])
            #expect(run.rows(window) == expectedRows(emulator.groundTruth(window.days!)))
            #expect(run.metrics.snapshot.retries == 2)
        }
    }

    @Test func endlessRateLimitingWithoutRetryAfterRunsOutOfRetries() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10, pageSize: 3, ratePerDay: 1, omitRetryAfter: true)) { emulator in
            let source = try GongActivitySource(config: sourceConfig(emulator, ["toDate": .string("2024-01-11"), "maxRetries": .int(2)]))
            let run = SourceRun()
            let error = try #require(await sluiceError { try await run.read(source, [window]) })
            #expect(error.code == .gongRateLimited)
            #expect(error.outcome == .failed)
            #expect(error.context("page") == "2")
            #expect(emulator.counters.rateLimited == 3)
            #expect(run.metrics.snapshot.retries == 2)
        }
    }

    @Test func retryAfterLongerThanMaxRetryWaitStopsCleanly() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10)) { emulator in
            emulator.inject([.rateLimited(retryAfter: 7200)])
            let source = try GongActivitySource(config: sourceConfig(emulator, ["toDate": .string("2024-01-11")]))
            let error = try #require(await sluiceError { try await SourceRun().read(source, [window]) })
            #expect(error.code == .gongQuota)
            #expect(error.outcome == .quotaExhausted)
            #expect(error.context("window") == window.key)
            #expect(error.context("resumeAt") != nil)
        }
    }

    @Test func dailyQuotaStopsCleanlyAndALaterRunResumes() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 60, seed: 4, pageSize: 10)) { emulator in
            let store = MemoryStateStore()
            let range = DateRange("2024-01-01", "2024-01-31")
            func source(perDay: Int) throws -> GongActivitySource {
                try GongActivitySource(config: sourceConfig(emulator, [
                    "toDate": .string("2024-01-31"), "windowDays": .int(10),
                    "rateLimit": .object(ValueObject(["perSecond": .int(1000), "perDay": .int(Int64(perDay))])),
                ]))
            }
            let all = windows(of: try source(perDay: 1))
            #expect(all.count == 3)
            let first = SourceRun(state: store)
            var done: [Window] = []
            let error = try #require(await sluiceError {
                for window in all {
                    try await first.read(try source(perDay: 5), [window])
                    done.append(window)
                }
            })
            #expect(error.code == .gongQuota)
            #expect(error.outcome == .quotaExhausted)
            #expect(error.context("resumeAt") != nil)
            #expect(error.context("window") != nil)
            #expect(first.metrics.snapshot.apiCalls == 5)
            #expect(emulator.counters.requests == 5)
            let today = CompanyZone.utc.today()
            #expect(try await store.usage(budget: "gong:127.0.0.1:\(emulator.port)", day: today) == 5)

            // A later run (here: a raised quota) shares the store's count and reads the windows not done.
            let second = SourceRun(state: store)
            let remaining = all.filter { !done.contains($0) }
            try await second.read(try source(perDay: 1000), remaining)
            #expect(second.metrics.snapshot.quotaRemaining == 1000 - 5 - second.metrics.snapshot.apiCalls)
            let rows = done.flatMap { first.rows($0) } + remaining.flatMap { second.rows($0) }
            #expect(rows == expectedRows(all.flatMap { emulator.groundTruth($0.days!) }))
            #expect(emulator.groundTruth(range).count > 0)
        }
    }
}
