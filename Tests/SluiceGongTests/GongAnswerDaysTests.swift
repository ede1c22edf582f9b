import GongEmulator
import GongModel
import SluiceCore
import SluiceGong
import SluicePluginTesting
import SluiceTestKit
import Testing

/// Every day of an answer lies in the window asked for, once per user, judged by the date of its
/// `fromDate` in the offset Gong wrote; otherwise the window fails before the page is emitted
/// (a `replace` sink would otherwise delete the window's days and insert other ones).
@Suite struct GongAnswerDaysTests {
    @Test(arguments: [
        // The same dates a year earlier.
        ([GongEmulatorFault.shiftDays(-366)], 1, "2022-12-31"),
        // Off by one at either end.
        ([.shiftDays(1)], 1, "2024-01-11"),
        ([.shiftDays(-1)], 1, "2023-12-31"),
        // Inside the window in UTC, outside it in the offset written (both ways).
        ([.extraDay(fromDate: "2024-01-11T00:00:00+05:30", toDate: "2024-01-12T00:00:00+05:30")], 1, "2024-01-11"),
        ([.extraDay(fromDate: "2023-12-31T16:00:00-08:00", toDate: "2024-01-01T16:00:00-08:00")], 1, "2023-12-31"),
        // Inside the window, but the user has that day already.
        ([.extraDay(fromDate: "2024-01-05T00:00:00Z", toDate: "2024-01-06T00:00:00Z")], 1, "2024-01-05"),
        // On a later page: the first page was fine.
        ([.normal, .shiftDays(-366)], 2, "2022-12-31"),
    ])
    func aDayOutsideTheWindowOrTwiceFailsTheWindow(faults: [GongEmulatorFault], page: Int, day: String) async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 30, pageSize: 10)) { emulator in
            emulator.inject(faults)
            let error = try await inconsistentAnswer(emulator, page: page)
            #expect(error.context("day") == day)
            #expect(error.context("user") == emulator.groundTruth(tenDays.days!)[(page - 1) * 10].userId)
        }
    }

    /// The date that counts is the local one: a day starting at 00:00+14:00 is the previous day in
    /// UTC, and one at 00:00-10:00 is already the next day in UTC; both belong to the window.
    @Test(arguments: ["Pacific/Kiritimati", "Pacific/Honolulu"])
    func daysAreJudgedInTheOffsetWritten(zone: String) async throws {
        let configuration = GongEmulatorConfiguration(users: 20, seed: 5, timeZone: CompanyZone(identifier: zone)!)
        try await withEmulator(configuration) { emulator in
            let run = SourceRun()
            try await run.read(try tenDaySource(emulator, ["timeZone": .string(zone)]), [tenDays])
            #expect(run.rows(tenDays) == expectedRows(emulator.groundTruth(tenDays.days!)))
        }
    }
}
