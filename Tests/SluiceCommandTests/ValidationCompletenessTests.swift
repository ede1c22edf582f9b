import Foundation
import Testing
import SluiceTestKit

/// "Every problem at once", through the real binary: a problem in one block never hides the
/// problems of the blocks after it.
@Suite struct ValidationCompletenessTests {
    @Test func aSourceWithABadDateAndAnUnknownKeyHidesNothingDownstream() async throws {
        let file = try HostileFile("""
            {"version": 1, "name": "many",
             "source": {"type": "gong.activity", "baseURL": "embedded", "fromDate": "2024-13-01", "toDate": "2024-02-01", "windowDay": 7},
             "transforms": [{"type": "dedupe", "key": ["userId", "no_such_column"]}],
             "sinks": [{"type": "ndjson", "path": "a.ndjson", "mode": "apend"},
                       {"type": "ndjson", "path": "b.ndjson", "transforms": [{"type": "flatten.perDy"}]},
                       {"type": "stdout", "transforms": [{"type": "select", "fields": ["userId"], "dorp": ["x"]}]}]}
            """)
        defer { file.remove() }
        let (result, issues) = try await file.validate()
        #expect(result.status == 2)
        #expect(issues == [
            "bad_date source.fromDate", "unknown_key source.windowDay", "unknown_column transforms[0].key[1]",
            "bad_value sinks[0].mode", "unknown_plugin sinks[1].transforms[0].type", "unknown_key sinks[2].transforms[0].dorp",
        ], "\(result.output)")
    }

    @Test func theSinksColumnsAreCheckedAgainstTheSchemaOfASourceWithProblems() async throws {
        let file = try HostileFile("""
            {"version": 1, "name": "columns",
             "source": {"type": "gong.activity", "baseURL": "embedded", "fromDate": "2024-01-01", "toDate": "2024-01-08",
                        "timeZone": "Mars/Olympus", "windowDays": 0},
             "sinks": [{"type": "ndjson", "path": "a.ndjson", "transforms": [{"type": "select", "fields": ["userId", "userName"]}]},
                       {"type": "ndjson", "path": "b.ndjson",
                        "transforms": [{"type": "flatten.perDay"}, {"type": "dedupe", "key": ["user_id", "dayy"]}]}]}
            """)
        defer { file.remove() }
        let (result, issues) = try await file.validate()
        #expect(issues == [
            "out_of_range source.windowDays", "unknown_column sinks[0].transforms[0].fields[1]",
            "unknown_column sinks[1].transforms[1].key[1]",
        ], "\(result.output)")
    }

    @Test func anNDJSONSourceWithAnUnknownKeyStillFeedsTheColumnChecks() async throws {
        let file = try HostileFile("""
            {"version": 1, "name": "reload",
             "source": {"type": "ndjson", "paths": ["in.ndjson"], "fields": {"userId": "text", "n": "int"}, "batchsize": 10},
             "sinks": [{"type": "ndjson", "path": "a.ndjson", "transforms": [{"type": "select", "fields": ["userId", "m"]}]}]}
            """)
        defer { file.remove() }
        let (result, issues) = try await file.validate()
        #expect(issues == ["unknown_key source.batchsize", "unknown_column sinks[0].transforms[0].fields[1]"], "\(result.output)")
    }

    @Test func everyTransformOfAChainIsCheckedAfterOneFails() async throws {
        let file = try HostileFile("""
            {"version": 1, "name": "chain", "source": \(HostileFile.embeddedSource()),
             "transforms": [{"type": "unknown.one"}, {"type": "dedupe"}, {"type": "select", "keep": ["x"]}],
             "sinks": [{"type": "stdot", "transforms": [{"type": "flatten.perCall", "includeCallIds": true}]}]}
            """)
        defer { file.remove() }
        let (result, issues) = try await file.validate()
        #expect(issues == [
            "unknown_plugin transforms[0].type", "missing_key transforms[1].key", "unknown_key transforms[2].keep",
            "unknown_plugin sinks[0].type", "unknown_key sinks[0].transforms[0].includeCallIds",
        ], "\(result.output)")
    }

    @Test func theRunCommandReportsTheSameProblemsAndWritesNothing() async throws {
        let file = try HostileFile("""
            {"version": 1, "name": "run",
             "source": {"type": "gong.activity", "baseURL": "embedded", "fromDate": "2024-01-01", "toDate": "2024-01-08", "extra": 1},
             "sinks": [{"type": "ndjson", "path": "a.ndjson", "transforms": [{"type": "select", "fields": ["nope"]}]}]}
            """)
        defer { file.remove() }
        let result = try await file.run(["run", "--log-format", "json"])
        #expect(result.status == 2)
        #expect(result.errors.contains(#""path":"source.extra""#) && result.errors.contains(#""path":"sinks[0].transforms[0].fields[0]""#),
                "\(result.errors)")
        #expect(!FileManager.default.fileExists(atPath: file.folder.file("a.ndjson")))
    }
}
