import SluiceCore
import SluiceGong
import SluicePluginTesting
import SluiceTestKit
import Testing

/// The source's option specs through the real pipeline loader (the sink is left unknown on
/// purpose: only the source block's issues are looked at).
@Suite struct GongPipelineFileTests {
    private let loader: PipelineLoader

    init() throws {
        var registry = PluginRegistry { _, _ in MemoryStateStore() }
        try registerGong(into: &registry)
        loader = PipelineLoader(registry: registry, environment: ["GONG_KEY": "key", "GONG_SECRET": "secret"])
    }

    private func sourceIssues(_ block: String) -> [ConfigIssue] {
        let text = #"{"version": 1, "name": "p", "source": "# + block + #", "sinks": [{"type": "none"}]}"#
        do {
            _ = try loader.load(Array(text.utf8))
            return []
        } catch {
            return error.issues.filter { $0.path.hasPrefix("source") }
        }
    }

    @Test func theDesignsExampleBlockIsValid() {
        let block = #"""
            {"type": "gong.activity", "baseURL": "https://api.gong.io",
             "auth": {"accessKey": "${GONG_KEY}", "accessKeySecret": "${GONG_SECRET}"},
             "timeZone": "America/Los_Angeles", "fromDate": "2024-01-01", "toDate": "2024-07-01", "userIds": [],
             "windowDays": 30, "lookbackDays": 7, "rateLimit": {"perSecond": 3, "perDay": 10000}}
            """#
        #expect(sourceIssues(block).isEmpty)
        #expect(sourceIssues(#"{"type": "gong.activity", "baseURL": "embedded", "fromDate": "2024-01-01"}"#).isEmpty)
    }

    @Test func authIsExactlyOneShape() {
        let both = sourceIssues(#"{"type": "gong.activity", "auth": {"accessKey": "a", "bearerToken": "b"}, "fromDate": "2024-01-01"}"#)
        #expect(both.map(\.path) == ["source.auth"])
        let half = sourceIssues(#"{"type": "gong.activity", "auth": {"accessKey": "a"}, "fromDate": "2024-01-01"}"#)
        #expect(half.map(\.code) == [.missingKey])
        #expect(half.map(\.path) == ["source.auth.accessKeySecret"])
    }

    @Test func typosAndSemanticProblemsAreReported() {
        let typo = sourceIssues(#"{"type": "gong.activity", "baseURL": "embedded", "fromDate": "2024-01-01", "windowDay": 3}"#)
        #expect(typo.map(\.code) == [.unknownKey])
        #expect(typo.first?.hint == "did you mean 'windowDays'?")
        let reversed = sourceIssues(
            #"{"type": "gong.activity", "baseURL": "embedded", "fromDate": "2024-02-01", "toDate": "2024-01-01"}"#)
        #expect(reversed.map(\.code) == [.reversedRange])
        let missing = sourceIssues(#"{"type": "gong.activity", "baseURL": "embedded"}"#)
        #expect(missing.map(\.path) == ["source.fromDate"])
    }
}
