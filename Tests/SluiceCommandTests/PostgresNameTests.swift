import Foundation
import Testing
import SluiceTestKit

/// PostgreSQL keeps the first 63 bytes of a name: two sinks whose tables differ only after them
/// would load one table twice, so such names are refused when the file is validated.
@Suite struct PostgresNameTests {
    static func pipeline(table: String, rename: String? = nil) -> String {
        let select = rename.map { #", {"type": "select", "rename": {"user_email": "\#($0)"}}"# } ?? ""
        return """
            {"version": 1, "name": "names", "source": {"type": "gong.activity", "baseURL": "embedded", "fromDate": "2024-01-01"},
             "sinks": [{"type": "postgres", "url": "postgres://localhost/db", "table": "\(table)", "mode": "upsert",
                        "key": ["user_id", "day"], "transforms": [{"type": "flatten.perDay"}\(select)]}]}
            """
    }

    @Test(arguments: [
        (pipeline(table: "gong." + String(repeating: "t", count: 64)), "sinks[0].table"),
        (pipeline(table: String(repeating: "s", count: 70) + ".days"), "sinks[0].table"),
        (pipeline(table: "gong.days", rename: String(repeating: "c", count: 64)), "sinks[0]"),
    ])
    func aNamePostgreSQLWouldCutIsInvalid(file: String, path: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try file.write(toFile: folder.file("p.json"), atomically: true, encoding: .utf8)
        let result = try await SluiceProcess.run(["validate", "p.json", "--format", "json"], in: folder.path)
        #expect(result.status == 2)
        #expect(result.output.contains(#""path":"\#(path)""#), "\(result.output)")
        #expect(result.output.contains("PostgreSQL keeps 63"), "\(result.output)")
    }

    @Test func aNameOf63BytesIsValid() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.pipeline(table: "gong." + String(repeating: "t", count: 63)).write(toFile: folder.file("p.json"), atomically: true, encoding: .utf8)
        let result = try await SluiceProcess.run(["validate", "p.json"], in: folder.path)
        #expect(result.status == 0, "\(result.errors)")
    }
}

/// Two postgres sinks name their tables alike: in one database they would write one table twice;
/// in two databases they are two targets, which the state could not tell apart. Both are
/// refused, each with what it is.
@Suite struct SameTableNameTests {
    static func pipeline(_ first: String, _ second: String) -> String {
        """
        {"version": 1, "name": "same", "source": {"type": "gong.activity", "baseURL": "embedded", "fromDate": "2024-01-01"},
         "sinks": [
           {"type": "postgres", "url": "\(first)", "table": "gong.days", "mode": "upsert", "key": ["user_id", "day"],
            "transforms": [{"type": "flatten.perDay"}]},
           {"type": "postgres", "url": "\(second)", "table": "gong.days", "mode": "upsert", "key": ["user_id", "day"],
            "transforms": [{"type": "flatten.perDay"}]}]}
        """
    }

    @Test(arguments: [
        ("postgres://a.example/db", "postgres://a.example/db", "like sinks[0]"),
        ("postgres://a.example/db", "postgres://b.example/db", "two targets with one name"),
    ])
    func twoSinksOfOneTableNameAreRefused(first: String, second: String, says: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.pipeline(first, second).write(toFile: folder.file("p.json"), atomically: true, encoding: .utf8)
        let result = try await SluiceProcess.run(["validate", "p.json"], in: folder.path)
        #expect(result.status == 2)
        #expect(result.errors.contains("sinks[1]: ") && result.errors.contains(says) && result.errors.contains("[duplicate_sink]"),
                "\(result.errors)")
    }
}
