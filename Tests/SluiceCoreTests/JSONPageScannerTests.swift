import Testing
import SluiceCore
import SluiceTestKit

/// The page scanner finds, from chunks, the same members and elements the full parser reads.
@Suite struct JSONPageScannerTests {
    static func scan(_ text: String, chunk: Int) throws(JSONSyntaxError) -> JSONPageScanner.Layout {
        var scanner = JSONPageScanner(arrayMember: "users")
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            scanner.feed(bytes[start..<min(bytes.count, start + chunk)])
            start += chunk
        }
        return try scanner.finish()
    }

    @Test(arguments: [
        #"{"requestId": "r1", "records": {"cursor": "c,]}\"", "totalRecords": 3}, "users": [{"id": "1", "a": [1, {"b": "]"}]}, 7, "x\"y", null, [ ]], "n": -1.5e3}"#,
        #"  {"users":[],"records":null}  "#,
        #"{"users": [ {} , true ,false,"s" ]}"#,
        #"{}"#,
        #"{"records": {"users": [1, 2]}, "users": [3]}"#,
    ], [1, 2, 7, 4096])
    func membersAndElementsMatchTheParser(text: String, chunk: Int) throws {
        let layout = try Self.scan(text, chunk: chunk)
        let bytes = Array(text.utf8)
        guard case .object(let object) = try JSONParser.parse(text) else { Issue.record("not an object"); return }
        #expect(layout.members.map(\.key) == object.keys)
        for (key, range) in layout.members {
            #expect(try JSONParser.parse(bytes[range]) == object[key], "member \(key)")
        }
        let elements = object["users"]?.arrayOrEmpty ?? []
        #expect(try layout.elements.map { try JSONParser.parse(bytes[$0]) } == elements)
    }

    @Test(arguments: [
        "", "[1, 2]", "\"text\"", "{\"a\": 1} x", "{\"a\" 1}", "{\"a\": }", "{1: 2}", "{\"users\": [1, 2}", "{\"a\": \"open",
        "{\"users\": [1], \"users\": [2]}", "{\"a\": 1,, \"b\": 2}", "}{",
    ])
    func brokenStructureIsAnError(text: String) {
        #expect(throws: JSONSyntaxError.self) { try Self.scan(text, chunk: 3) }
    }
}
