import GongEmulator
import SluiceCore
import SluiceGong
import SluicePluginTesting
import SluiceTestKit
import Testing

/// A window never commits with users missing: a later page that says "nothing matched", fewer
/// users than `totalRecords` announced, or empty pages without end all fail the window.
@Suite struct GongMissingUsersTests {
    static let nothingFound = #"{"requestId": "4455667788990011223", "errors": ["No users found corresponding to the provided filters"]}"#

    @Test func aLaterPageThatSaysNothingMatchedFailsTheWindow() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 40, pageSize: 10)) { emulator in
            emulator.inject([.normal, .raw(status: 404, body: Self.nothingFound)])
            let error = try await inconsistentAnswer(emulator, page: 2)
            #expect(error.message.contains("nothing matched"), "\(error)")
        }
    }

    @Test func fewerUsersThanAnnouncedFailTheWindow() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 40, pageSize: 10)) { emulator in
            let short = #"{"requestId": "4455667788990011223", "records": {"totalRecords": 5}, "usersDetailedActivities": []}"#
            emulator.inject([.raw(status: 200, body: short)])
            let run = SourceRun()
            let error = try #require(await sluiceError { try await run.read(try tenDaySource(emulator), [tenDays]) })
            #expect(error.code == .gongInconsistentAnswer)
            #expect(error.context("totalRecords") == "5" && error.context("users") == "0")
            #expect(error.context("window") == tenDays.key)
        }
    }

    @Test func emptyPagesWithoutEndFailTheWindow() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 40, pageSize: 10)) { emulator in
            emulator.inject(Array(repeating: .runaway(users: 0, totalRecords: nil), count: 10))
            let run = SourceRun()
            let error = try #require(await sluiceError { try await run.read(try tenDaySource(emulator), [tenDays]) })
            #expect(error.code == .gongInconsistentAnswer)
            #expect(run.metrics.snapshot.apiCalls == 3, "stopped at the third empty page announcing another")
        }
    }
}
