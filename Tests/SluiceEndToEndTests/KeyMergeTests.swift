import Foundation
import GongEmulator
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// An upsert keyed on fewer fields than its rows' natural key merges rows; when the user allows
/// it, the run says how many.
@Suite struct KeyMergeTests {
    @Test func rowsMergedByKeyAreReportedAndAddUpToTheTable() async throws {
        try Psql.requireServer()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let table = "e2e_merge_\(suffix).per_user", name = "e2e-merge-\(suffix)"
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("pipeline.json")
        try await withEmulator(EmulatorHarness.faulty(seed: 5, ratePerSecond: nil, errorRate: 0)) { emulator in
            try GongPipelineFile(
                name: name, emulator: emulator, fromDate: CalendarDate("2025-01-01")!, toDate: CalendarDate("2025-01-15")!, windowDays: 14,
                sinks: [SinkBlock.perDayTableKeyedByUser(table)]
            ).write(to: path)
            let run = try await SluiceProcess.run(["run", path], in: folder.path)
            try #require(run.status == 0, "\(run.errors)")
            let held = Int(try await Psql.scalar("SELECT count(*) FROM \(table)") ?? "") ?? -1
            let written = Self.figure("rows[postgres:\(table)]", in: run.errors)
            let merged = Self.figure("mergedByKey[postgres:\(table)]", in: run.errors)
            #expect(held > 0 && merged > 0, "\(run.errors)")
            #expect(written - merged == held, "\(run.errors)")
        }
        try await Psql.execute("DROP SCHEMA e2e_merge_\(suffix) CASCADE; DELETE FROM sluice.sluice_state WHERE pipeline = \(Psql.literal(name))")
    }

    /// The number after `label=` in a log line, or -1.
    static func figure(_ label: String, in log: String) -> Int {
        guard let range = log.range(of: label + "=") else { return -1 }
        return Int(log[range.upperBound...].prefix { $0.isNumber }) ?? -1
    }
}
