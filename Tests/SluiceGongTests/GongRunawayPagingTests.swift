import GongEmulator
import SluiceCore
import SluiceGong
import SluicePluginTesting
import SluiceTestKit
import Testing

/// Paging stops with an error once the pages outrun `totalRecords` at the page size (one page to
/// spare), or when a cursor comes back, instead of following a server until the quota is spent.
@Suite struct GongRunawayPagingTests {
    @Test(arguments: [
        // One new user and a new cursor on every page, while totalRecords says 2.
        (1, 2, 3),
        // Empty pages that keep announcing another.
        (0, 2, 3),
        // Pages of 3 users for a total of 7: three pages and one to spare.
        (3, 7, 4),
        // A total of 0 allows no further page.
        (5, 0, 1),
    ])
    func pagesBeyondTotalRecordsFailTheWindow(users: Int, totalRecords: Int, page: Int) async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10)) { emulator in
            emulator.inject(Array(repeating: .runaway(users: users, totalRecords: totalRecords), count: 20))
            let error = try await inconsistentAnswer(emulator, page: page)
            #expect(error.context("totalRecords") == String(totalRecords))
            #expect(emulator.counters.requests == page)
        }
    }

    /// A last page that is full and still carries a cursor, followed by an empty page, is no runaway.
    @Test func anEmptyPageAfterAFullOneEndsTheWindow() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 10)) { emulator in
            let empty = #"{"requestId": "r2", "records": {"totalRecords": 2}, "usersDetailedActivities": []}"#
            emulator.inject([.runaway(users: 2, totalRecords: 2), .raw(status: 200, body: empty)])
            let run = SourceRun()
            try await run.read(try tenDaySource(emulator), [tenDays])
            #expect(run.rows(tenDays).count == 2)
            #expect(emulator.counters.requests == 2)
        }
    }
}
