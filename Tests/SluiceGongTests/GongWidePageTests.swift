import GongEmulator
import SluiceCore
import SluiceGong
import SluicePluginTesting
import SluiceTestKit
import Testing

/// A page of a wide window (a year of a hundred users is tens of megabytes) is decoded user by
/// user and emitted in small batches, each bounded in bytes of Gong's answer, never as one.
@Suite struct GongWidePageTests {
    @Test func aYearLongPageBecomesManySmallBatches() async throws {
        try await withEmulator(GongEmulatorConfiguration(users: 30, pageSize: 100)) { emulator in
            let year = Window(days: DateRange("2024-01-01", "2025-01-01"))
            let source = try tenDaySource(emulator, ["toDate": .string("2025-01-01"), "windowDays": .int(366)])
            let run = SourceRun()
            try await run.read(source, [year])
            let batches = run.batches(year)
            #expect(run.metrics.snapshot.pages == 1, "the year should be one page")
            #expect(batches.count > 3, "one page of \(run.rows(year).count) users came as \(batches.count) batches")
            for batch in batches {
                let bytes = batch.rows.reduce(0) { $0 + JSONWriter.string(.array($1)).utf8.count }
                // At most the budget, plus the user that crossed it.
                #expect(bytes < 2 * 256 << 10 + 64 << 10 || batch.count == 1, "a batch of \(batch.count) users and \(bytes) bytes")
            }
            #expect(run.rows(year) == expectedRows(emulator.groundTruth(year.days!)))
        }
    }
}
