import Foundation
import Testing
import SluiceCore
import SluiceTestKit

/// Pipeline files that are odd at the byte level, through the real binary: a byte order mark,
/// members written twice, characters outside ASCII, nesting hundreds of levels deep.
@Suite struct PipelineFileSyntaxTests {
    static let valid = #"{"version": 1, "name": "bom", "source": \#(HostileFile.embeddedSource()), "sinks": [{"type": "stdout"}]}"#

    @Test func aLeadingByteOrderMarkIsSkipped() async throws {
        let file = try HostileFile(bytes: [0xEF, 0xBB, 0xBF] + Array(Self.valid.utf8))
        defer { file.remove() }
        let (result, issues) = try await file.validate()
        #expect(result.status == 0, "\(result.output)")
        #expect(issues.isEmpty)
    }

    @Test(arguments: [
        (#"{"version": "# + "\u{FEFF}1}", "byte order mark"),
        (#"{"version": é}"#, "'é' (U+00E9)"),
        (#"{"version": "# + "\u{00A0}1}", "U+00A0"),
    ])
    func anUnexpectedCharacterIsNamedAsWritten(text: String, named: String) async throws {
        let file = try HostileFile(text)
        defer { file.remove() }
        let (result, issues) = try await file.validate()
        #expect(result.status == 2)
        #expect(issues == ["invalid_json "])
        #expect(result.output.contains(named), "\(result.output)")
        #expect(!result.output.contains("Ã") && !result.output.contains("ï"), "\(result.output)")
    }

    @Test func aByteThatIsNotUTF8IsNamedAsAByte() async throws {
        let file = try HostileFile(bytes: Array(#"{"version": "#.utf8) + [0xFF, 0x7D])
        defer { file.remove() }
        let (result, issues) = try await file.validate()
        #expect(issues == ["invalid_json "])
        #expect(result.output.contains("0xFF"), "\(result.output)")
    }

    @Test func aMemberWrittenTwiceIsAnIssueAtItsPath() async throws {
        let file = try HostileFile("""
            {"version": 1, "name": "first", "name": "second",
             "source": \(HostileFile.embeddedSource(extra: #", "windowDays": 3"#)),
             "sinks": [{"type": "ndjson", "path": "a.ndjson", "mode": "append", "mode": "overwrite"}]}
            """)
        defer { file.remove() }
        let (result, issues) = try await file.validate()
        #expect(result.status == 2)
        #expect(issues == ["duplicate_key name", "duplicate_key source.windowDays", "duplicate_key sinks[0].mode"], "\(result.output)")
    }

    @Test func aPathHundredsOfLevelsDeepIsShortenedInMessages() async throws {
        let deep = String(repeating: #"{"a": "#, count: 500) + #""${SLUICE_TEST_UNSET}""# + String(repeating: "}", count: 500)
        let file = try HostileFile(#"{"version": 1, "name": "deep", "description": \#(deep), "source": \#(HostileFile.embeddedSource()), "sinks": [{"type": "stdout"}]}"#)
        defer { file.remove() }
        let (json, issues) = try await file.validate()
        #expect(json.status == 2)
        #expect(issues.contains { $0.hasPrefix("missing_env description.a.a") && $0.count < 200 }, "\(issues)")
        let text = try await file.run(["validate"])
        #expect(text.status == 2)
        #expect(text.errors.contains("SLUICE_TEST_UNSET"))
        for line in text.errors.split(separator: "\n") { #expect(line.utf8.count < 400, "\(line.prefix(200))...") }
    }

    @Test func anNDJSONLineNestedTooDeepFailsWithAShortMessage() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pipeline = try ReloadPipeline(folder: folder, input: folder.file("in.ndjson"))
        try (String(repeating: "[", count: 600) + "\n").write(toFile: pipeline.input, atomically: true, encoding: .utf8)
        let result = try await SluiceProcess.run(["run", pipeline.path], in: folder.path)
        #expect(result.status == 1)
        #expect(result.errors.contains("[bad_record]"), "\(result.errors)")
        for line in result.errors.split(separator: "\n") { #expect(line.utf8.count < 500, "\(line.prefix(200))...") }
    }
}
