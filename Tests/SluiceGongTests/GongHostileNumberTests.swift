import GongEmulator
import GongModel
import SluiceCore
import SluiceGong
import SluicePluginTesting
import SluiceTestKit
import Testing

/// Numbers from Gong never trap: a `Retry-After` beyond any sane wait is read as two days (the run
/// stops cleanly, exit 3), and a `totalRecords` that is no count fails the window.
@Suite struct GongHostileNumberTests {
    @Test(arguments: [
        "99999999999999999999", "9223372036854775807", "1e300", "1e999", "Fri, 31 Dec 9999 23:59:59 GMT",
    ])
    func anEndlessRetryAfterStopsCleanly(retryAfter: String) async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10)) { emulator in
            emulator.inject([.retryAfter(retryAfter)])
            let run = SourceRun()
            let error = try #require(await sluiceError { try await run.read(try tenDaySource(emulator), [tenDays]) })
            #expect(error.code == .gongQuota)
            #expect(error.outcome == .quotaExhausted)
            #expect(error.context("window") == tenDays.key)
            let resumeAt = try #require(error.context("resumeAt").flatMap { Timestamp(iso8601: $0) })
            #expect(resumeAt.localDate <= CompanyZone.utc.today().adding(days: 3))
            #expect(run.metrics.snapshot.apiCalls == 1)
        }
    }

    @Test(arguments: ["99999999999999999999", "2147483648", "-1", "1.5", "\"2\"", "true"])
    func aTotalRecordsThatIsNoCountFailsTheWindow(totalRecords: String) async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10)) { emulator in
            let body = #"{"requestId": "r1", "records": {"totalRecords": \#(totalRecords)}, "usersDetailedActivities": []}"#
            emulator.inject([.raw(status: 200, body: body)])
            let error = try #require(await sluiceError { try await SourceRun().read(try tenDaySource(emulator), [tenDays]) })
            #expect(error.code == .gongBadResponse)
            #expect(error.context("path") == "$.records.totalRecords")
            #expect(error.context("requestId") == "r1")
            #expect(error.context("page") == "1")
        }
    }
}
