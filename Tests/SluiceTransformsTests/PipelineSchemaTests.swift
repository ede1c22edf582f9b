import GongModel
import SluiceCore
import SluiceTransforms
import Testing

/// The transforms inside pipeline files: registration, option checks and schema errors with their full paths.
@Suite struct PipelineSchemaTests {
    static func load(sinks: String, transforms: String = "[]") throws -> Pipeline {
        let file = """
            {"version": 1, "name": "t", "source": {"type": "test.rawGong"}, "transforms": \(transforms), "sinks": \(sinks)}
            """
        return try PipelineLoader(registry: .withTransforms(), environment: [:]).load(Array(file.utf8))
    }

    static func issues(sinks: String, transforms: String = "[]") throws -> [ConfigIssue] {
        try #require(throws: PipelineInvalid.self) { try load(sinks: sinks, transforms: transforms) }.issues
    }

    @Test func everyTransformIsRegisteredAndDescribed() throws {
        let registry = try PluginRegistry.withTransforms()
        #expect(registry.types(.transform) == ["flatten.perDay", "flatten.perCall", "dedupe", "select"])
        for entry in registry.entries where entry.kind == .transform {
            #expect(!entry.summary.isEmpty)
            #expect(!entry.notes.isEmpty)
            #expect(entry.options.allSatisfy { !$0.summary.isEmpty })
        }
    }

    @Test func theDesignsPipelineLoads() async throws {
        let pipeline = try Self.load(sinks: """
            [{"type": "test.sink", "name": "archive"},
             {"type": "test.sink", "name": "daily", "transforms": [{"type": "flatten.perDay", "includeCallIds": true}]},
             {"type": "test.sink", "name": "calls", "transforms": [{"type": "flatten.perCall"},
               {"type": "dedupe", "key": ["user_id", "day", "activity", "call_id"]},
               {"type": "select", "drop": ["day_end"], "rename": {"call_id": "call"}}]}]
            """)
        #expect(pipeline.sinks[0].input == GongActivitySchema.raw)
        #expect(pipeline.sinks[1].input == FlattenPerDayTransform(includeCallIds: true).schema)
        #expect(pipeline.sinks[2].input.names == ["user_id", "user_email", "day", "day_start", "activity", "call"])
    }

    @Test func anAbsentKeyFieldIsReportedInsideItsSink() async throws {
        let issues = try Self.issues(sinks: """
            [{"type": "test.sink", "name": "calls",
              "transforms": [{"type": "flatten.perCall"}, {"type": "dedupe", "key": ["user_id", "dya"]}]}]
            """)
        #expect(issues.map(\.path) == ["sinks[0].transforms[1].key[1]"])
        #expect(issues.map(\.code) == [.unknownColumn])
        #expect(issues.first?.hint == "did you mean 'day'?")
    }

    @Test func flattenAfterFlattenIsIncompatible() async throws {
        let issues = try Self.issues(
            sinks: #"[{"type": "test.sink", "name": "x", "transforms": [{"type": "flatten.perCall"}]}]"#,
            transforms: #"[{"type": "flatten.perDay"}]"#
        )
        #expect(issues.map(\.path) == ["sinks[0].transforms[0]"])
        #expect(issues.map(\.code) == [.incompatible])
    }

    @Test func optionErrorsUseTheBlocksPath() async throws {
        let issues = try Self.issues(sinks: """
            [{"type": "test.sink", "name": "a",
              "transforms": [{"type": "flatten.perDay", "includeCallIds": "yes", "skipEmpty": true}]},
             {"type": "test.sink", "name": "b",
              "transforms": [{"type": "dedupe", "key": ["userId"], "keep": "last", "scope": "run"}]},
             {"type": "test.sink", "name": "c", "transforms": [{"type": "dedupe", "keep": "newest"}]}]
            """)
        let found = Set(issues.map { "\($0.path) \($0.code)" })
        #expect(found.isSuperset(of: [
            "sinks[0].transforms[0].includeCallIds wrong_type", "sinks[0].transforms[0].skipEmpty unknown_key",
            "sinks[1].transforms[0].scope bad_value", "sinks[2].transforms[0].keep bad_value",
            "sinks[2].transforms[0].key missing_key",
        ]))
        #expect(found.count == 5)
    }

    @Test func missingFieldsHelperPointsAtItems() {
        let schema = Schema([Field("user_id", .text), Field("day", .date)])
        let issues = schema.missingFields(["day", "usr_id", "x"], optionPath: "key")
        #expect(issues.map(\.path) == ["key[1]", "key[2]"])
        #expect(issues.map(\.hint) == ["did you mean 'user_id'?", nil])
        #expect(schema.missingField("day", at: "key") == nil)
        #expect(throws: ConfigIssues.self) { try schema.positions(of: ["nope"], optionPath: "columns") }
        #expect((try? schema.positions(of: ["day", "user_id"], optionPath: "key")) == [1, 0])
    }
}
