import Foundation
import Testing
import SluiceCore
import SluiceTestKit

/// Outputs that fail under a run, through the real binary: each is said plainly with a stable
/// code, never as Foundation's `Error Domain=...`; a closed stdout ends the run quietly.
@Suite struct OutputFailureTests {
    static let rawFoundation = ["Error Domain", "NSCocoaErrorDomain", "NSPOSIXErrorDomain", "UserInfo="]

    /// A pipeline in `folder` printing with the stdout sink: `lines` NDJSON rows `{"n": ...}`, or
    /// with `lines` nil a month of the embedded Gong emulator (whose HTTP client ignores SIGPIPE).
    static func printing(lines: Int?, in folder: TemporaryFolder) throws -> String {
        var source = #"{"type": "gong.activity", "baseURL": "embedded", "fromDate": "2024-01-01", "toDate": "2024-02-01", "windowDays": 7}"#
        if let lines {
            try (1...lines).map { #"{"n":\#($0)}"# }.joined(separator: "\n").write(toFile: folder.file("in.ndjson"), atomically: true, encoding: .utf8)
            source = #"{"type": "ndjson", "paths": ["in.ndjson"], "fields": {"n": "int"}}"#
        }
        let path = folder.file("pipeline.json")
        try #"{"version": 1, "name": "print", "source": \#(source), "sinks": [{"type": "stdout"}]}"#.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The `code` of the final JSON event on stderr.
    static func finalCode(_ errors: String) -> String? {
        try? JSONParser.parse(String(errors.split(separator: "\n").last ?? ""))["code"]?.digitsOrText
    }

    @Test(arguments: [("text", 200_000), ("json", 200_000), ("text", nil)] as [(String, Int?)])
    func aStdoutClosedByItsReaderEndsTheRunQuietlyWith141(logFormat: String, lines: Int?) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.printing(lines: lines, in: folder)
        let pipe = Pipe()
        let process = try SluiceProcess(["run", path, "--log-format", logFormat], in: folder.path, standardOutput: pipe.fileHandleForWriting)
        try pipe.fileHandleForWriting.close()
        var head = Data()
        while !head.contains(0x0A) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            head.append(chunk)
        }
        try pipe.fileHandleForReading.close()  // what `head -1` does once it has its line
        let result = await process.finish()
        #expect(head.starts(with: Array((lines == nil ? #"{"userId":"# : #"{"n":1}"#).utf8)))
        #expect(result.status == 141, "\(result.errors)")
        for text in Self.rawFoundation + ["sluice: error"] { #expect(!result.errors.contains(text), "\(result.errors)") }
        if logFormat == "json" { #expect(Self.finalCode(result.errors) == "stdout_closed", "\(result.errors)") }
        let runs = try await SluiceProcess.run(["runs", path, "--format", "json"], in: folder.path)
        let last = try JSONParser.parse(runs.output)["runs"]?.arrayOrEmpty?.first
        #expect(last?["exit_code"] == .int(141) && last?["outcome"] == .string("interrupted"), "\(runs.output)")
    }

    @Test func aFullDiskUnderStdoutIsNamed() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.printing(lines: 10, in: folder)
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let result = try await SluiceProcess(["run", path, "--log-format", "json"], in: folder.path, standardOutput: full).finish()
        #expect(result.status == 1)
        #expect(Self.finalCode(result.errors) == "no_space", "\(result.errors)")
        for text in Self.rawFoundation { #expect(!result.errors.contains(text), "\(result.errors)") }
    }

    @Test func aFullDiskUnderAnNDJSONFileIsNamedWithTheFile() async throws {
        let file = try HostileFile(#"{"version": 1, "name": "full", "source": \#(HostileFile.embeddedSource()), "sinks": [{"type": "ndjson", "path": "full.ndjson"}]}"#)
        defer { file.remove() }
        try FileManager.default.createSymbolicLink(atPath: file.folder.file("full.ndjson"), withDestinationPath: "/dev/full")
        let result = try await file.run(["run", "--log-format", "json"])
        #expect(result.status == 1)
        #expect(Self.finalCode(result.errors) == "no_space", "\(result.errors)")
        #expect(result.errors.contains(file.folder.file("full.ndjson")), "\(result.errors)")
        for text in Self.rawFoundation { #expect(!result.errors.contains(text), "\(result.errors)") }
    }

    @Test(arguments: ["source", "sink"])
    func aPathThatIsAFolderIsSaidPlainly(side: String) async throws {
        let source = side == "source" ? #"{"type": "ndjson", "paths": ["folder"], "fields": {"n": "int"}}"# : HostileFile.embeddedSource()
        let sink = side == "sink" ? "folder" : "out.ndjson"
        let file = try HostileFile(#"{"version": 1, "name": "dir", "source": \#(source), "sinks": [{"type": "ndjson", "path": "\#(sink)"}]}"#)
        defer { file.remove() }
        try FileManager.default.createDirectory(atPath: file.folder.file("folder"), withIntermediateDirectories: true)
        let result = try await file.run(["run", "--log-format", "json"])
        #expect(result.status == 1)
        // A folder read as the source is refused before reading as not a file; written to, it is a plain io error.
        #expect(Self.finalCode(result.errors) == (side == "source" ? "not_a_file" : "io"), "\(result.errors)")
        for text in Self.rawFoundation { #expect(!result.errors.contains(text), "\(result.errors)") }
    }
}
