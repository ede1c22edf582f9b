import Foundation
import Testing
import SluiceCore
import SluiceTestKit

@Suite struct CommandLineTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyShippedPipelineIsValid() async throws {
        let folder = Self.repository.appending(path: "pipelines").path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        #expect(!files.isEmpty)
        let result = try await SluiceProcess.run(["validate", "--allow-unset-variables"] + files, in: folder)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.components(separatedBy: "ok: ").count == files.count + 1)
    }

    @Test func anInvalidFileExitsWith2AndNoStackTrace() async throws {
        let folder = Self.repository.appending(path: "Tests/SluiceCommandTests/InvalidPipelines").path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        let result = try await SluiceProcess.run(["validate"] + files, in: folder)
        #expect(result.status == 2)
        #expect(result.errors.components(separatedBy: " is invalid (").count == files.count + 1)
        for crash in ["Fatal error", "Stack dump", "Backtrace", "Swift/"] { #expect(!result.errors.contains(crash)) }
    }

    @Test func pluginsListsEveryRegisteredTypeWithOptions() async throws {
        let result = try await SluiceProcess.run(["plugins"], in: NSTemporaryDirectory())
        #expect(result.status == 0)
        for type in ["ndjson:", "stdout:", "file:"] { #expect(result.output.contains(type)) }
        #expect(result.output.contains(#"mode ("append" | "overwrite", default "append")"#))
    }

    @Test func schemaIsAJSONSchemaNamingEveryPlugin() async throws {
        let result = try await SluiceProcess.run(["schema"], in: NSTemporaryDirectory())
        #expect(result.status == 0)
        let schema = try JSONParser.parse(result.output.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(schema["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        let sinkTypes = schema["properties"]?["sinks"]?["items"]?["oneOf"]?.arrayOrEmpty?.compactMap { $0["properties"]?["type"]?["const"] }
        #expect(sinkTypes?.contains(.string("ndjson")) == true)
        #expect(sinkTypes?.contains(.string("stdout")) == true)
    }

    @Test func aSecondRunSkipsCommittedWindowsAndAddsNothing() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pipeline = try ReloadPipeline(folder: folder, input: folder.file("in.ndjson"))
        try (1...5).map { #"{"userId":"\#($0)","n":\#($0)}"# }.joined(separator: "\n").write(toFile: pipeline.input, atomically: true, encoding: .utf8)
        let first = try await SluiceProcess.run(["run", pipeline.path], in: folder.path)
        #expect(first.status == 0, "\(first.errors)")
        #expect(folder.lines("out.ndjson").count == 5)
        let second = try await SluiceProcess.run(["run", pipeline.path, "--log-format", "json"], in: folder.path)
        #expect(second.status == 0)
        #expect(folder.lines("out.ndjson").count == 5)
        #expect(second.errors.contains(#""skipped":1"#))
    }

    @Test func aMissingInputFailsWithExit1AndSaysWhich() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pipeline = try ReloadPipeline(folder: folder, input: folder.file("absent.ndjson"))
        let result = try await SluiceProcess.run(["run", pipeline.path], in: folder.path)
        #expect(result.status == 1)
        #expect(result.errors.contains("cannot read \(folder.file("absent.ndjson"))"))
    }
}

/// A pipeline file that reloads `input` (userId, n) into `out.ndjson` in `folder`.
struct ReloadPipeline {
    let path: String
    let input: String

    /// - Parameter sourceOptions: more members of the source block, as JSON (`"writerTimeout": 1`).
    init(folder: TemporaryFolder, input: String, batchSize: Int = 1000, sourceOptions: String? = nil) throws {
        self.input = input
        path = folder.file("pipeline.json")
        let options = sourceOptions.map { ", " + $0 } ?? ""
        try """
        {"version": 1, "name": "reload",
         "source": {"type": "ndjson", "paths": ["\(input)"], "fields": {"userId": "text", "n": "int"}, "batchSize": \(batchSize)\(options)},
         "sinks": [{"type": "ndjson", "path": "\(folder.file("out.ndjson"))"}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
