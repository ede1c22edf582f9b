import Foundation
import GongEmulator
import GongModel
import SluiceCore
import SluicePluginTesting
import SluiceTransforms
import TeamPlugins
import Testing

/// `teams.byEmail` after `flatten.perDay`, on records that a Gong emulator served to the real source.
@Suite struct GongFedTests {
    @Test func everyFlattenedRowGetsItsUsersTeam() async throws {
        let folder = try TeamsByEmailTests.folder("rep0@acme.example,East\nrep1@acme.example,West\n")
        let harness = try PluginHarness(input: GongActivitySchema.raw) { registry in
            try registerTransforms(into: &registry)
            try registry.register(transform: TeamsByEmail.self)
        }
        let run = try harness.load(#"[{"type": "flatten.perDay"}, {"type": "teams.byEmail", "mapping": "teams.csv"}]"#, folder: folder)
        let days = DateRange(from: CalendarDate("2024-03-04")!, to: CalendarDate("2024-03-11")!)
        let rows = try await withEmulator(GongEmulatorConfiguration(users: 20, seed: 7)) { emulator in
            try await run.run(EmulatedGongRecords.read(from: emulator, days: days), maxRows: 4)
        }
        let email = try #require(run.output.index(of: "user_email"))
        let team = try #require(run.output.index(of: "team"))
        let expected: [String: Value] = ["rep0@acme.example": .string("East"), "rep1@acme.example": .string("West")]
        #expect(!rows.isEmpty)
        for row in rows {
            guard case .string(let address) = row[email] else { Issue.record("no email in \(row)"); continue }
            #expect(row[team] == expected[address] ?? .null, "\(address)")
        }
    }
}
