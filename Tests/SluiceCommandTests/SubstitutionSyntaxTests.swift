import Foundation
import Testing
import SluiceTestKit

/// `${...}` references through the real binary: nested defaults are expanded, and a reference
/// that is not well formed is an issue at its path, never a literal file name.
@Suite struct SubstitutionSyntaxTests {
    static func pipeline(sinkPath: String) -> String {
        #"{"version": 1, "name": "subst", "source": \#(HostileFile.embeddedSource()), "sinks": [{"type": "ndjson", "path": "\#(sinkPath)"}]}"#
    }

    @Test func aNestedDefaultIsExpanded() async throws {
        let file = try HostileFile(Self.pipeline(sinkPath: "${SLUICE_TEST_UNSET:-${SLUICE_TEST_OUT}}"))
        defer { file.remove() }
        let result = try await file.run(["run"], environment: ["SLUICE_TEST_OUT": "nested.ndjson"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(!file.folder.lines("nested.ndjson").isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: file.folder.path)
        #expect(!names.contains { $0.contains("$") || $0.contains("{") || $0.contains("}") }, "\(names)")
    }

    @Test func anUnsetVariableInANestedDefaultIsNamed() async throws {
        let file = try HostileFile(Self.pipeline(sinkPath: "${SLUICE_TEST_UNSET:-${SLUICE_TEST_UNSET_TOO}}"))
        defer { file.remove() }
        let (result, issues) = try await file.validate()
        #expect(result.status == 2)
        #expect(issues == ["missing_env sinks[0].path"])
        #expect(result.output.contains("SLUICE_TEST_UNSET_TOO"), "\(result.output)")
    }

    @Test(arguments: [
        "${SLUICE_TEST_OUT", "out-${SLUICE_TEST_OUT:-x", "${SLUICE_TEST_UNSET:-${SLUICE_TEST_OUT}", "${}",
        "${SLUICE_TEST_OUT:=x}", "${SLUICE_TEST_OUT-x}", "${SLUICE TEST}",
    ])
    func aMalformedReferenceIsRejectedAtItsPath(sinkPath: String) async throws {
        let file = try HostileFile(Self.pipeline(sinkPath: sinkPath))
        defer { file.remove() }
        let environment = ["SLUICE_TEST_OUT": "out.ndjson"]
        let (result, issues) = try await file.validate(environment: environment)
        #expect(result.status == 2, "\(result.output)")
        #expect(issues == ["bad_substitution sinks[0].path"], "\(result.output)")
        let run = try await file.run(["run"], environment: environment)
        #expect(run.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.folder.path) == ["pipeline.json"])
    }
}
