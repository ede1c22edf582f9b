import Foundation
import SluiceCore
import SluiceTestKit

/// A pipeline file written as given (bytes and all) in a fresh folder, and what the real binary
/// says about it.
struct HostileFile {
    let folder: TemporaryFolder
    let path: String

    /// An embedded Gong source over one week (no network, no credentials), with `sinks` (JSON).
    static func embeddedSource(extra: String = "") -> String {
        #"{"type": "gong.activity", "baseURL": "embedded", "fromDate": "2024-01-01", "toDate": "2024-01-08", "windowDays": 7\#(extra)}"#
    }

    init(_ text: String) throws {
        try self.init(bytes: Array(text.utf8))
    }

    init(bytes: [UInt8]) throws {
        folder = try TemporaryFolder()
        path = folder.file("pipeline.json")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// `sluice validate --format json` on the file: the process, and each issue as `code path`.
    func validate(environment: [String: String] = [:]) async throws -> (result: SluiceProcess.Result, issues: Set<String>) {
        let result = try await SluiceProcess.run(["validate", "--format", "json", path], in: folder.path, environment: environment)
        let report = try? JSONParser.parse(result.output)
        let issues = report?["files"]?.arrayOrEmpty?.first?["issues"]?.arrayOrEmpty ?? []
        return (result, Set(issues.map { "\($0["code"]?.digitsOrText ?? "?") \($0["path"]?.digitsOrText ?? "?")" }))
    }

    /// `sluice arguments... <file>` in the file's folder.
    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> SluiceProcess.Result {
        try await SluiceProcess.run(arguments + [path], in: folder.path, environment: environment)
    }

    func remove() { folder.remove() }
}
