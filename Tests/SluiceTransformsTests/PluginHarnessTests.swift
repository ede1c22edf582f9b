import GongEmulator
import GongModel
import SluiceCore
import SluicePluginTesting
import SluiceTransforms
import Testing

/// The plugin authors' test kit, on the shipped transforms.
@Suite struct PluginHarnessTests {
    @Test func runsAChainOverRecordsTheEmulatorServedToTheSource() async throws {
        let harness = try PluginHarness(input: GongActivitySchema.raw) { try registerTransforms(into: &$0) }
        let run = try harness.load(#"[{"type": "flatten.perDay"}, {"type": "select", "fields": ["user_id", "day"]}]"#, folder: "/")
        #expect(run.output.description == "user_id text, day date")
        let days = DateRange(from: CalendarDate("2024-03-04")!, to: CalendarDate("2024-03-07")!)
        let configuration = GongEmulatorConfiguration(users: 20, seed: 3, pageSize: 4)
        let (rows, users) = try await withEmulator(configuration) { emulator in
            (try await run.run(EmulatedGongRecords.read(from: emulator, days: days)), emulator.groundTruth(days))
        }
        #expect(!users.isEmpty)
        #expect(rows.count == users.count * days.dayCount)
    }

    @Test func reportsOptionProblemsAtTheirPathsInTheFile() throws {
        let harness = try PluginHarness(input: Schema([Field("a", .text)])) { try registerTransforms(into: &$0) }
        let issues = harness.issues(#"[{"type": "dedupe", "key": ["b"]}, {"type": "selekt"}]"#, folder: "/")
        #expect(issues.map { "\($0.code) \($0.path)" } == ["unknown_column transforms[0].key[0]", "unknown_plugin transforms[1].type"])
    }

    @Test func aNameRegisteredTwiceIsAnError() {
        #expect(throws: SluiceError.self) {
            try PluginHarness(input: Schema([Field("a", .text)])) { try registerTransforms(into: &$0); try registerTransforms(into: &$0) }
        }
    }
}
