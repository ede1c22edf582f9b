import Foundation
import Testing
import SluiceCore
import SluicePlugins

/// Every file under `InvalidPipelines/` must fail validation with exactly the issues (code and
/// JSON path) listed for it in `invalid-pipelines.expected.json`.
@Suite struct InvalidPipelineCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static let expectations: [String: [[String]]] = {
        let data = (try? Data(contentsOf: folder.appending(path: "invalid-pipelines.expected.json"))) ?? Data()
        return (try? JSONDecoder().decode([String: [[String]]].self, from: data)) ?? [:]
    }()

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appending(path: "InvalidPipelines").path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test func theCorpusIsLargeAndEveryFileHasExpectations() {
        #expect(Self.files.count >= 25)
        #expect(Set(Self.files) == Set(Self.expectations.keys))
    }

    @Test(arguments: files)
    func reportsExactlyTheExpectedIssues(file: String) throws {
        let loader = PipelineLoader(registry: try ShippedPlugins.registry(), environment: ["SLUICE_TEST_SET": "x"])
        let path = Self.folder.appending(path: "InvalidPipelines").appending(path: file).path
        let invalid = try #require(throws: PipelineInvalid.self) { try loader.load(path: path) }
        let found = invalid.issues.map { [$0.code.rawValue, $0.path] }.sorted { $0.joined() < $1.joined() }
        let expected = (Self.expectations[file] ?? []).sorted { $0.joined() < $1.joined() }
        #expect(found == expected, "\(invalid)")
        for issue in invalid.issues { #expect(!issue.message.isEmpty) }
    }

    @Test func nearMissesGetADidYouMean() throws {
        let loader = PipelineLoader(registry: try ShippedPlugins.registry(), environment: [:])
        let invalid = try #require(throws: PipelineInvalid.self) {
            try loader.load(path: Self.folder.appending(path: "InvalidPipelines/03-typo-top-level.json").path)
        }
        #expect(invalid.issues.first { $0.code == .unknownKey }?.hint == "did you mean 'sinks'?")
    }
}
