import GongEmulator
import GongModel
import SluiceCore
import SluiceGong
import SluicePluginTesting
import SluiceTestKit
import Testing

@Suite struct GongActivityConfigTests {
    private func issues(_ options: [String: Value], withEmulatorAuth: Bool = true) -> [ConfigIssue] {
        var config = sourceConfig(nil, options)
        if withEmulatorAuth, options["auth"] == nil {
            var object = config.object
            object["auth"] = .object(ValueObject(["bearerToken": .string("t0ken")]))
            object["baseURL"] = object["baseURL"] ?? .string("https://api.gong.io")
            config = PluginConfig(object: object, path: "source", specs: GongActivitySource.options)
        }
        do {
            _ = try GongActivitySource(config: config)
            return []
        } catch let many as ConfigIssues {
            return many.issues
        } catch {
            return [ConfigIssue(.badValue, at: "?", "\(error)")]
        }
    }

    @Test func aValidBlockHasNoIssues() {
        #expect(issues([:]).isEmpty)
    }

    @Test func reversedRange() {
        let found = issues(["fromDate": .string("2024-03-01"), "toDate": .string("2024-02-01")])
        #expect(found.map(\.code) == [.reversedRange])
        #expect(found.first?.path == "source.toDate")
    }

    @Test func futureToDate() {
        let tomorrow = CompanyZone.utc.today().adding(days: 2)
        let found = issues(["toDate": .string(tomorrow.description)])
        #expect(found.map(\.code) == [.badValue])
        #expect(found.first?.path == "source.toDate")
    }

    @Test func withoutTimeZoneTheNewestEndIsYesterdayInUTC() throws {
        let options: [String: Value] = ["toDate": .string(CompanyZone.utc.today().description)]
        #expect(issues(options).isEmpty)
        var config = sourceConfig(nil, options)
        var object = config.object
        object["timeZone"] = nil
        object["baseURL"] = .string("embedded")
        config = PluginConfig(object: object, path: "source", specs: GongActivitySource.options)
        #expect(throws: ConfigIssues.self) { try GongActivitySource(config: config) }
        object["toDate"] = nil
        let source = try GongActivitySource(config: PluginConfig(object: object, path: "source", specs: GongActivitySource.options))
        #expect(source.windowing?.latestEnd() == CompanyZone.utc.today().adding(days: -1))
    }

    @Test func unknownTimeZoneGetsAHint() {
        let found = issues(["timeZone": .string("America/Los_Angels")])
        #expect(found.map(\.code) == [.badValue])
        #expect(found.first?.hint == "did you mean 'America/Los_Angeles'?")
    }

    @Test func authIsRequiredUnlessEmbedded() {
        #expect(issues(["baseURL": .string("https://api.gong.io")], withEmulatorAuth: false).map(\.code) == [.missingKey])
        #expect(issues(["baseURL": .string("embedded")], withEmulatorAuth: false).isEmpty)
    }

    @Test func badValues() {
        let found = issues([
            "baseURL": .string("ftp://x"), "userIds": .array([.string("12a"), .string("123456789012345678901")]),
            "caBundle": .string("/nonexistent/ca.pem"),
        ])
        #expect(found.map(\.path).sorted() == ["source.baseURL", "source.caBundle", "source.userIds[0]", "source.userIds[1]"])
    }

    @Test func windowingAndConcurrencyFollowTheOptions() throws {
        let source = try GongActivitySource(config: sourceConfig(nil, [
            "baseURL": .string("embedded"), "windowDays": .int(7), "lookbackDays": .int(2), "concurrency": .int(4),
        ]))
        let windowing = try #require(source.windowing)
        #expect(windowing.windowDays == 7)
        #expect(windowing.lookbackDays == 2)
        #expect(windowing.configuredRange == DateRange("2024-01-01", "2024-03-01"))
        #expect(source.maxConcurrentWindows == 4)
        #expect(source.scope == nil)
        #expect(source.schema.description == "userId text, userEmailAddress text, userDailyActivityStats json")
    }

    @Test func registrationAddsTheSource() throws {
        var registry = PluginRegistry { _, _ in MemoryStateStore() }
        try registerGong(into: &registry)
        #expect(registry.types(.source) == ["gong.activity"])
    }
}
