import Foundation
import Testing
import SluiceCore
import SluiceTestKit

/// Data that is wrong is refused through the binary, naming where it is, instead of being altered
/// or failing deep in a sink: invalid UTF-8 and NUL characters in an NDJSON file, and a state
/// file of another shape.
@Suite struct WrongDataTests {
    /// `sluice run` of a reload pipeline over `line`; its result and the output file's lines.
    static func reload(_ line: [UInt8], folder: TemporaryFolder) async throws -> SluiceProcess.Result {
        let pipeline = try ReloadPipeline(folder: folder, input: folder.file("in.ndjson"))
        let good = Array(#"{"userId":"1","n":1}"#.utf8) + [0x0A]
        try Data(good + line + [0x0A]).write(to: URL(fileURLWithPath: pipeline.input))
        return try await SluiceProcess.run(["run", pipeline.path, "--log-format", "json"], in: folder.path)
    }

    enum Problem: Sendable {
        case none, invalidUTF8, nul
    }

    @Test(arguments: [
        (Array(#"{"userId":"2","n":2}"#.utf8), Problem.none),
        (Array(#"{"userId":"caf"#.utf8) + [0xC3, 0x28] + Array(#"","n":2}"#.utf8), .invalidUTF8),
        (Array(#"{"userId":"a\u0000b","n":2}"#.utf8), .nul),
    ])
    func wrongTextIsRefusedWithFileLineAndField(line: [UInt8], problem: Problem) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try await Self.reload(line, folder: folder)
        guard problem != .none else {
            #expect(result.status == 0, "\(result.errors)")
            return
        }
        #expect(result.status == 1, "\(result.errors)")
        let last = try JSONParser.parse(String(result.errors.split(separator: "\n").last ?? ""))
        #expect(last["code"] == .string("bad_record"), "\(result.errors)")
        #expect(last["line"] == .string("2") && last["file"] == .string(folder.file("in.ndjson")), "\(result.errors)")
        #expect(folder.lines("out.ndjson").isEmpty, "nothing of the window was written")
        if problem == .invalidUTF8 {
            #expect(last["message"].map { "\($0)".contains("UTF-8") } == true, "\(result.errors)")
        } else {
            #expect(last["field"] == .string("userId"), "\(result.errors)")
        }
    }

    @Test func aStateFileOfAnotherShapeStopsTheRun() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pipeline = try ReloadPipeline(folder: folder, input: folder.file("in.ndjson"))
        try #"{"userId":"1","n":1}"#.write(toFile: pipeline.input, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder.file(".sluice"), withIntermediateDirectories: true)
        let state = #"{"pipelines": {"reload": ["all"]}}"#
        try state.write(toFile: folder.file(".sluice/state.json"), atomically: true, encoding: .utf8)
        let result = try await SluiceProcess.run(["run", pipeline.path], in: folder.path)
        #expect(result.status == 1)
        #expect(result.errors.contains("[state]"), "\(result.errors)")
        #expect(try String(contentsOfFile: folder.file(".sluice/state.json"), encoding: .utf8) == state)
        #expect(folder.lines("out.ndjson").isEmpty)
    }
}
