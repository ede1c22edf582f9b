import GongEmulator
import SluiceCore
import SluiceGong
import SluicePluginTesting
import SluiceTestKit
import Testing

/// A user appears once per window: twice in a page, or again on a later page (a server that
/// rewinds), fails the window at the source instead of duplicating raw records and call rows.
@Suite struct GongDuplicateUserTests {
    @Test(arguments: [
        // The page's first user again at its end.
        ([GongEmulatorFault.userTwice], 1, 0, 1),
        // Page 2 repeats the last user of page 1 (an off-by-one cursor).
        ([.normal, .rewind(users: 1)], 2, 9, 1),
        // Page 2 is page 1 again: refused as a whole, before its users, since its cursor came back.
        ([.normal, .rewind(users: 10)], 2, nil, nil),
        // Page 3 overlaps page 2 by half.
        ([.normal, .normal, .rewind(users: 5)], 3, 15, 2),
    ])
    func aUserTwiceFailsTheWindow(faults: [GongEmulatorFault], page: Int, user: Int?, firstPage: Int?) async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 40, pageSize: 10)) { emulator in
            let truth = emulator.groundTruth(tenDays.days!)
            try #require(truth.count > 20, "the window should need three pages")
            emulator.inject(faults)
            let error = try await inconsistentAnswer(emulator, page: page)
            #expect(error.context("user") == user.map { truth[$0].userId })
            #expect(error.context("firstPage") == firstPage.map(String.init))
        }
    }

    /// The same user in two windows is no duplicate.
    @Test func aUserInTwoWindowsIsRead() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 30, pageSize: 10)) { emulator in
            let source = try tenDaySource(emulator, ["windowDays": .int(5)])
            let run = SourceRun()
            try await run.read(source, windows(of: source))
            let ids = run.allRows.map { $0[0] }
            #expect(Set(ids).count < ids.count, "some users are active in both windows")
            #expect(run.allRows == expectedRows(windows(of: source).flatMap { emulator.groundTruth($0.days!) }))
        }
    }
}
