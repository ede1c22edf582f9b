import Foundation
import SluiceCore
import SluicePluginTesting
import TeamPlugins
import Testing

@Suite struct TeamsByEmailTests {
    static let input = Schema([Field("user_email", .text), Field("calls", .int)])

    /// A folder holding `teams.csv`, as a pipeline file's folder would.
    static func folder(_ mapping: String, name: String = "teams.csv") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("teams-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try mapping.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        return folder
    }

    static func harness() throws -> PluginHarness {
        try PluginHarness(input: input) { try $0.register(transform: TeamsByEmail.self) }
    }

    @Test func addsTheTeamOfEachRowsEmailAcrossBatches() async throws {
        let folder = try Self.folder("email,team\na@acme.example,East\nB@acme.example,West\n")
        let run = try Self.harness().load(#"[{"type": "teams.byEmail", "mapping": "teams.csv", "unmapped": "None"}]"#, folder: folder)
        #expect(run.output == Schema(Self.input.fields + [Field("team", .text)]))
        let rows = try await run.run([
            [[.string("a@acme.example"), .int(1)], [.string("b@ACME.example"), .int(2)]],
            [[.string("c@acme.example"), .int(3)], [.null, .int(4)]],
        ], maxRows: 1)
        #expect(rows.map(\.last) == [.string("East"), .string("West"), .string("None"), .string("None")])
        #expect(rows.map(\.first) == [.string("a@acme.example"), .string("b@ACME.example"), .string("c@acme.example"), .null])
    }

    @Test func readsAJSONMappingAndLeavesUnmappedNull() async throws {
        let folder = try Self.folder(#"{"a@acme.example": "East"}"#, name: "teams.json")
        let run = try Self.harness().load(#"[{"type": "teams.byEmail", "mapping": "teams.json", "teamField": "squad"}]"#, folder: folder)
        #expect(run.output.names.last == "squad")
        let rows = try await run.run([[[.string("A@acme.example"), .int(1)], [.string("z@acme.example"), .int(2)]]])
        #expect(rows.map(\.last) == [.string("East"), .null])
    }

    @Test(arguments: [
        (#"[{"type": "teams.byEmail"}]"#, "transforms[0].mapping", ConfigIssue.Code.missingKey),
        (#"[{"type": "teams.byEmail", "mapping": "absent.csv"}]"#, "transforms[0].mapping", .badValue),
        (#"[{"type": "teams.byEmail", "mapping": "teams.csv", "maping": "x"}]"#, "transforms[0].maping", .unknownKey),
        (#"[{"type": "teams.byEmail", "mapping": "teams.csv", "emailField": "mail"}]"#, "transforms[0].emailField", .unknownColumn),
        (#"[{"type": "teams.byEmail", "mapping": "teams.csv", "teamField": "calls"}]"#, "transforms[0].teamField", .badValue),
        (#"[{"type": "teams.byEmail", "mapping": "bad.csv"}]"#, "transforms[0].mapping", .badValue),
    ])
    func reportsEachProblemAtItsPath(blocks: String, path: String, code: ConfigIssue.Code) throws {
        let folder = try Self.folder("a@acme.example,East\n")
        try "a@acme.example;East\n".write(toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
        let issues = try Self.harness().issues(blocks, folder: folder)
        #expect(issues.map(\.path) == [path])
        #expect(issues.map(\.code) == [code])
    }

    @Test func declaresItsOptions() {
        #expect(TeamsByEmail.options.map(\.name) == ["mapping", "emailField", "teamField", "unmapped"])
        #expect(TeamsByEmail.options.filter(\.isRequired).map(\.name) == ["mapping"])
    }

    @Test func aSecondRegistrationOfTheNameIsAnError() throws {
        #expect(throws: SluiceError.self) {
            try PluginHarness(input: Self.input) {
                try $0.register(transform: TeamsByEmail.self)
                try $0.register(transform: TeamsByEmail.self)
            }
        }
    }
}
