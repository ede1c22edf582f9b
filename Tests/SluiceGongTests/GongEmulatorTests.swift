import AsyncHTTPClient
import Foundation
import GongEmulator
import GongModel
import NIOCore
import NIOHTTP1
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// The emulator itself, over raw HTTP.
@Suite struct GongEmulatorTests {
    struct Answer {
        let status: Int
        let headers: [String: String]
        let json: Value?
    }

    private func post(_ emulator: GongEmulator, path: String = "/v2/stats/activity/day-by-day", body: String,
                      authorization: String? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: emulator.baseURL + path)
        request.method = .POST
        let basic = Data("\(emulator.configuration.accessKey):\(emulator.configuration.accessKeySecret)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: authorization ?? "Basic \(basic)")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 26)
        var headers: [String: String] = [:]
        for (name, value) in response.headers { headers[name.lowercased()] = value }
        return Answer(status: Int(response.status.code), headers: headers, json: try? JSONParser.parse(bytes.readableBytesView))
    }

    private func filter(_ from: String, _ to: String, cursor: String? = nil, userIds: [String]? = nil) -> String {
        var filter = ValueObject(["fromDate": .string(from), "toDate": .string(to)])
        if let userIds { filter["userIds"] = .array(userIds.map(Value.string)) }
        var body = ValueObject(["filter": .object(filter)])
        if let cursor { body["cursor"] = .string(cursor) }
        return JSONWriter.string(.object(body))
    }

    @Test func pagesFollowCursorsInTheBodyAndEqualGroundTruth() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 50, seed: 2, pageSize: 7)) { emulator in
            var cursor: String?
            var userIds: [String] = []
            repeat {
                let answer = try await post(emulator, body: filter("2024-02-01", "2024-02-08", cursor: cursor))
                #expect(answer.status == 200)
                let users = answer.json?["usersDetailedActivities"]?.arrayOrEmpty ?? []
                #expect(users.count <= 7)
                #expect(users.allSatisfy { $0["userDailyActivityStats"]?.arrayOrEmpty?.count == 7 })
                userIds += users.compactMap { $0["userId"]?.digitsOrText }
                cursor = answer.json?["records"]?["cursor"]?.digitsOrText
            } while cursor != nil
            let truth = emulator.groundTruth(DateRange("2024-02-01", "2024-02-08"))
            #expect(userIds == truth.map(\.userId))
            #expect(emulator.counters.requestsByPath["/v2/stats/activity/day-by-day"] == (truth.count + 6) / 7)
        }
    }

    @Test func aCursorBelongsToItsFilter() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 50, pageSize: 5)) { emulator in
            let first = try await post(emulator, body: filter("2024-02-01", "2024-02-08"))
            let cursor = try #require(first.json?["records"]?["cursor"]?.digitsOrText)
            let other = try await post(emulator, body: filter("2024-02-01", "2024-02-09", cursor: cursor))
            #expect(other.status == 400)
        }
    }

    @Test func errorsAreGongShaped() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 5, today: CalendarDate("2024-03-01"))) { emulator in
            let cases: [(String, String?, String, Int)] = [
                ("/v2/calls", nil, filter("2024-01-01", "2024-01-02"), 404),
                ("/v2/stats/activity/day-by-day", "Basic Zm9vOmJhcg==", filter("2024-01-01", "2024-01-02"), 401),
                ("/v2/stats/activity/day-by-day", "Bearer nope", filter("2024-01-01", "2024-01-02"), 401),
                ("/v2/stats/activity/day-by-day", nil, filter("2024-1-01", "2024-01-02"), 400),
                ("/v2/stats/activity/day-by-day", nil, filter("2024-01-05", "2024-01-02"), 400),
                ("/v2/stats/activity/day-by-day", nil, filter("2024-02-01", "2024-03-02"), 400),
                ("/v2/stats/activity/day-by-day", nil, "{not json", 400),
                ("/v2/stats/activity/day-by-day", nil, filter("2024-01-01", "2024-01-02", userIds: ["1"]), 404),
            ]
            for (path, authorization, body, status) in cases {
                let answer = try await post(emulator, path: path, body: body, authorization: authorization)
                #expect(answer.status == status, "\(path) \(body)")
                #expect(answer.json?["requestId"]?.digitsOrText?.count == 19)
                #expect(answer.json?["errors"]?.arrayOrEmpty?.isEmpty == false)
            }
            let bearer = try await post(emulator, body: filter("2024-02-01", "2024-03-01"),
                                        authorization: "Bearer \(emulator.configuration.bearerToken)")
            #expect(bearer.status == 200)
            #expect(emulator.counters.requestsByPath["/v2/calls"] == 1)
        }
    }

    @Test(arguments: [false, true])
    func dailyLimitAnswers429UntilMidnight(omitRetryAfter: Bool) async throws {
        let configuration = GongEmulatorConfiguration(users: 5, ratePerDay: 2, omitRetryAfter: omitRetryAfter)
        try await withEmulator(configuration) { emulator in
            var answers: [Answer] = []
            for _ in 0..<3 { answers.append(try await post(emulator, body: filter("2024-01-01", "2024-01-10"))) }
            #expect(answers.map(\.status) == [200, 200, 429])
            let retryAfter = answers[2].headers["retry-after"]
            #expect(omitRetryAfter ? retryAfter == nil : (Int(retryAfter ?? "") ?? 0) > 1)
            #expect(answers[2].json?["errors"]?.arrayOrEmpty?.isEmpty == false)
            #expect(emulator.counters.rateLimited == 1)
        }
    }

    @Test func perSecondLimitAnswers429ThenRecovers() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 5, ratePerSecond: 2)) { emulator in
            let started = ContinuousClock.now
            var answers: [Answer] = []
            for _ in 0..<3 { answers.append(try await post(emulator, body: filter("2024-01-01", "2024-01-10"))) }
            // Three calls within one second: the third is over the limit (unless this machine took a second for three calls).
            if ContinuousClock.now - started < .milliseconds(900) {
                #expect(answers.map(\.status) == [200, 200, 429])
                #expect(answers[2].headers["retry-after"] == "1")
            }
            try await Task.sleep(for: .milliseconds(1100))
            #expect(try await post(emulator, body: filter("2024-01-01", "2024-01-10")).status == 200)
        }
    }

    @Test func randomFaultsFollowTheirRates() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 5, errorRate: 1)) { emulator in
            let answer = try await post(emulator, body: filter("2024-01-01", "2024-01-10"))
            #expect(answer.status == 500)
        }
        try await withEmulator(GongEmulatorConfiguration(users: 5, dropRate: 1)) { emulator in
            await #expect(throws: (any Error).self) { try await post(emulator, body: filter("2024-01-01", "2024-01-10")) }
            #expect(emulator.counters.dropped == 1)
        }
        try await withEmulator(GongEmulatorConfiguration(users: 5, latencyMilliseconds: 200)) { emulator in
            let started = ContinuousClock.now
            _ = try await post(emulator, body: filter("2024-01-01", "2024-01-10"))
            #expect(ContinuousClock.now - started >= .milliseconds(200))
        }
    }

    @Test func groundTruthIsDeterministicAndFaithful() {
        let zone = CompanyZone(identifier: "America/Los_Angeles")!
        let one = GongDataset(seed: 8, userCount: 90, zone: zone)
        let two = GongDataset(seed: 8, userCount: 90, zone: zone)
        let range = DateRange("2024-11-01", "2024-11-05")
        #expect(one.records(in: range) == two.records(in: range))
        #expect(one.records(in: range) != GongDataset(seed: 9, userCount: 90, zone: zone).records(in: range))
        let lengths = Set(one.users.map(\.id.count))
        #expect(lengths == [15, 19, 20])
        #expect(Set(one.users.map(\.id)).count == 90)
        let records = one.records(in: range)
        #expect(records.count < 90 && records.count > 30)
        #expect(records.allSatisfy { $0.days.count == 4 && $0.days.contains(where: \.hasActivity) })
        // 2024-11-03 ends daylight saving time in Los Angeles: a 25-hour day.
        #expect(records[0].days[2].fromDate == "2024-11-03T00:00:00-07:00")
        #expect(records[0].days[2].toDate == "2024-11-04T00:00:00-08:00")
    }

    @Test func lifecycle() async throws {
        let emulator = GongEmulator()
        #expect(emulator.port == 0)
        try await emulator.start()
        #expect(emulator.port > 0)
        await #expect(throws: GongEmulatorError.self) { try await emulator.start() }
        async let closed: Void = emulator.waitUntilClosed()
        try await emulator.shutdown()
        try await closed
        #expect(emulator.port == 0)
        try await emulator.shutdown()
    }
}
