import GongEmulator
import GongModel
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import SluiceGong
import Testing

@Suite struct GongActivitySourceTests {
    @Test func severalPagesAndWindowsEqualGroundTruth() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 120, seed: 7, pageSize: 25)) { emulator in
            let source = try GongActivitySource(config: sourceConfig(emulator, ["windowDays": .int(30)]))
            let windows = windows(of: source)
            #expect(windows.count == 2)
            let run = SourceRun()
            try await run.read(source, windows)
            var pages = 0
            for window in windows {
                let truth = emulator.groundTruth(window.days!)
                #expect(truth.count > 25, "the window should need several pages")
                #expect(run.rows(window) == expectedRows(truth))
                #expect(run.batches(window).allSatisfy { $0.schema == GongActivitySource.recordSchema && $0.count <= 25 })
                pages += (truth.count + 24) / 25
            }
            let metrics = run.metrics.snapshot
            #expect(metrics.pages == pages)
            #expect(metrics.apiCalls == pages)
            #expect(metrics.retries == 0)
            #expect(emulator.counters.requests == pages)
        }
    }

    /// Three windows in flight share one pacer: 8 calls a second against a server allowing 10.
    @Test func concurrentWindowsStayUnderTheRateLimit() async throws {
        let configuration = GongEmulatorConfiguration(users: 30, seed: 3, pageSize: 10, ratePerSecond: 10)
        try await withEmulator(configuration) { emulator in
            let source = try GongActivitySource(config: sourceConfig(emulator, [
                "windowDays": .int(10), "fromDate": .string("2024-01-01"), "toDate": .string("2024-01-31"),
                "rateLimit": .object(ValueObject(["perSecond": .int(8)])), "concurrency": .int(3),
            ]))
            let run = SourceRun()
            try await run.read(source, windows(of: source), concurrently: true)
            #expect(emulator.counters.rateLimited == 0)
            #expect(run.allRows == expectedRows(windows(of: source).flatMap { emulator.groundTruth($0.days!) }))
        }
    }

    @Test func idsAsNumbersAndMissingListsAreNormalised() async throws {
        let configuration = GongEmulatorConfiguration(users: 40, seed: 11, pageSize: 15, idsAsNumbers: true, omitEmptyLists: true)
        try await withEmulator(configuration) { emulator in
            let source = try GongActivitySource(config: sourceConfig(emulator, ["toDate": .string("2024-01-20")]))
            let window = Window(days: DateRange("2024-01-01", "2024-01-20"))
            let run = SourceRun()
            try await run.read(source, [window])
            let truth = emulator.groundTruth(window.days!)
            #expect(run.rows(window) == expectedRows(truth))
            let ids = truth.map(\.userId)
            #expect(ids.contains { $0.count == 20 && $0 > "18446744073709551615" }, "20-digit ids beyond UInt64")
            #expect(ids.contains { $0.count == 19 })
            let callIds = truth.flatMap { $0.days.flatMap { $0.calls.values.flatMap { $0 } } }
            #expect(callIds.contains { $0.count == 20 })
        }
    }

    @Test(arguments: [
        ("America/Los_Angeles", "2024-03-09", "2024-03-12", ["-08:00", "-07:00"]),
        ("Asia/Kolkata", "2024-03-09", "2024-03-12", ["+05:30"]),
    ])
    func daysCarryTheCompanyOffset(zone: String, from: String, to: String, offsets: [String]) async throws {
        let configuration = GongEmulatorConfiguration(users: 20, seed: 5, timeZone: CompanyZone(identifier: zone)!)
        try await withEmulator(configuration) { emulator in
            let source = try GongActivitySource(config: sourceConfig(emulator, [
                "timeZone": .string(zone), "fromDate": .string(from), "toDate": .string(to),
            ]))
            let window = Window(days: DateRange(from, to))
            let run = SourceRun()
            try await run.read(source, [window])
            let rows = run.rows(window)
            #expect(rows == expectedRows(emulator.groundTruth(window.days!)))
            let firstDays = try #require(rows.first?[2])
            guard case .array(let days) = firstDays else { Issue.record("not an array"); return }
            #expect(days.count == 3)
            let bounds = days.flatMap { [$0["fromDate"], $0["toDate"]] }.compactMap { $0?.digitsOrText }
            for offset in offsets { #expect(bounds.contains { $0.hasSuffix(offset) }) }
            #expect(bounds.allSatisfy { $0.contains("T00:00:00") })
            if zone == "America/Los_Angeles" {
                // 2024-03-10 lasts 23 hours: it starts at -08:00 and ends at -07:00.
                #expect(days[1]["fromDate"] == .string("2024-03-10T00:00:00-08:00"))
                #expect(days[1]["toDate"] == .string("2024-03-11T00:00:00-07:00"))
            }
        }
    }

    @Test func userIdsFilterLimitsRecordsAndScope() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 60, seed: 9, pageSize: 2)) { emulator in
            let range = DateRange("2024-01-01", "2024-02-01")
            let active = emulator.groundTruth(range).map(\.userId)
            let chosen = try [15, 19, 20].map { length in try #require(active.first { $0.count == length }) }
                + ["123456789012345"]
            let source = try GongActivitySource(config: sourceConfig(emulator, [
                "toDate": .string("2024-02-01"), "windowDays": .int(31), "userIds": .array(chosen.map(Value.string)),
            ]))
            #expect(source.scope == ScopeFilter(field: "user_id", values: chosen))
            let run = SourceRun()
            try await run.read(source, [Window(days: range)])
            let rows = run.rows(Window(days: range))
            #expect(rows == expectedRows(emulator.groundTruth(range, userIds: chosen)))
            #expect(rows.count == 3)
            #expect(run.metrics.snapshot.pages == 2)
        }
    }

    @Test func embeddedBaseURLNeedsNoCredentialsAndStartsTheRunsHost() async throws {
        let source = try GongActivitySource(config: sourceConfig(nil, [
            "baseURL": .string("embedded"), "fromDate": .string("2024-01-01"), "toDate": .string("2024-01-15"),
            "rateLimit": .object(ValueObject(["perSecond": .int(3)])),
        ]))
        let host = EmulatorHost()
        var services = PluginServices()
        services.provide(host, as: (any EmbeddedGongHost).self)
        let run = SourceRun(services: services)
        let window = Window(days: DateRange("2024-01-01", "2024-01-15"))
        try await run.read(source, [window])
        #expect(run.rows(window).count > 0)
        #expect(run.rows(window).allSatisfy { $0[0].digitsOrText?.allSatisfy(\.isNumber) == true })
        #expect((host.started, host.stopped) == (1, 1))
    }

    @Test func embeddedBaseURLWithoutAHostIsAnErrorOfTheProgram() async throws {
        let source = try GongActivitySource(config: sourceConfig(nil, ["baseURL": .string("embedded")]))
        let error = try await #require(throws: SluiceError.self) { try await SourceRun().read(source, windows(of: source)) }
        #expect(error.code == .gongUnavailable)
        #expect(error.outcome == .invalid)
    }

    @Test func unknownKeysAreIgnoredAndIdsKeepEveryDigit() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 5)) { emulator in
            let body = #"""
                {"requestId": "r", "newTopLevel": {"x": 1}, "records": {"totalRecords": 1, "extra": true},
                 "usersDetailedActivities": [{"userId": 123456789012345678901, "userEmailAddress": null, "team": "x",
                   "userDailyActivityStats": [{"callsAsHost": [98765432109876543210, "42"], "callsAttended": null,
                     "newList": [1], "fromDate": "2024-01-01T00:00:00.250+05:30", "toDate": "2024-01-02T00:00:00Z"}]}]}
                """#
            emulator.inject([.raw(status: 200, body: body)])
            let source = try GongActivitySource(config: sourceConfig(emulator, ["toDate": .string("2024-01-02")]))
            let window = Window(days: DateRange("2024-01-01", "2024-01-02"))
            let run = SourceRun()
            try await run.read(source, [window])
            var day = ValueObject()
            for list in GongActivityList.allCases { day[list.rawValue] = .array([]) }
            day["callsAsHost"] = .array([.string("98765432109876543210"), .string("42")])
            day["fromDate"] = .string("2024-01-01T00:00:00.250+05:30")
            day["toDate"] = .string("2024-01-02T00:00:00Z")
            #expect(run.rows(window) == [[.string("123456789012345678901"), .null, .array([.object(day)])]])
        }
    }
}
