import Foundation
import Testing
import SluiceTestKit

/// A postgres table in `append` mode whose checkpoints are kept elsewhere (a state file, another
/// database) could get a window twice after a crash between its commit and its checkpoint: such a
/// pipeline is invalid; in its own database, or in upsert mode, it is valid.
@Suite struct AtomicAppendTests {
    static func pipeline(mode: String, state: String?) -> String {
        let key = mode == "append" ? "" : #", "key": ["user_id", "day"]"#
        return """
            {"version": 1, "name": "atomic", "source": {"type": "gong.activity", "baseURL": "embedded", "fromDate": "2024-01-01"},
             "sinks": [{"type": "postgres", "url": "postgres://localhost/db", "table": "gong.days", "mode": "\(mode)"\(key),
                        "transforms": [{"type": "flatten.perDay"}]}]\(state.map { #", "state": \#($0)"# } ?? "")}
            """
    }

    @Test(arguments: [
        (pipeline(mode: "append", state: #"{"type": "file"}"#), false),
        (pipeline(mode: "append", state: #"{"type": "postgres", "url": "postgres://otherhost/db"}"#), false),
        (pipeline(mode: "append", state: nil), true),
        (pipeline(mode: "upsert", state: #"{"type": "file"}"#), true),
    ])
    func anAppendNeedsItsCheckpointInItsTransaction(file: String, valid: Bool) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try file.write(toFile: folder.file("p.json"), atomically: true, encoding: .utf8)
        let result = try await SluiceProcess.run(["validate", "p.json", "--format", "json"], in: folder.path)
        #expect(result.status == (valid ? 0 : 2), "\(result.output)")
        #expect(result.output.contains(#""path":"sinks[0]","code":"incompatible""#) == !valid, "\(result.output)")
    }
}
