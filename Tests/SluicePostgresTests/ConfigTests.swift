import SluiceCore
import SluicePostgres
import Testing

/// The sink's and the store's config blocks (no server needed).
@Suite struct ConfigTests {
    static func config(_ members: KeyValuePairs<String, Value>, specs: [OptionSpec] = PostgresSink.options) -> PluginConfig {
        PluginConfig(object: ValueObject(members), path: "sinks[1]", specs: specs)
    }

    @Test func aBlockDecodesIntoTheSink() throws {
        let sink = try PostgresSink(config: Self.config([
            "url": .string("postgres://u:pw@db.example:6543/wh"), "table": .string("gong.daily"),
            "key": .array([.string("user_id"), .string("day")]), "mode": .string("upsert"),
        ]))
        #expect(sink.table == QualifiedName(schema: "gong", name: "daily"))
        #expect(sink.mode == .upsert)
        #expect(sink.key == ["user_id", "day"])
        #expect(sink.identity == "postgres:gong.daily")
        #expect(sink.settings.location == "postgres://u@db.example:6543/wh")
        let plain = try PostgresSink(config: Self.config(["table": .string("daily")]))
        #expect(plain.table == QualifiedName(schema: "public", name: "daily"))
        #expect(plain.mode == .append)
    }

    @Test func upsertAndReplaceNeedAKey() {
        #expect {
            _ = try PostgresSink(config: Self.config(["table": .string("a.b.c"), "mode": .string("replace")]))
        } throws: { error in
            let issues = (error as? ConfigIssues)?.issues ?? []
            return Set(issues.map(\.path)) == ["sinks[1].table", "sinks[1].key"]
                && issues.first { $0.path == "sinks[1].key" }?.code == .missingKey
        }
    }

    @Test func checkReportsKeysAbsentFromTheInputAndReplaceWithoutDay() throws {
        let sink = try PostgresSink(config: Self.config([
            "table": .string("daily"), "key": .array([.string("user_id"), .string("dya")]), "mode": .string("replace"),
        ]))
        let issues = sink.check(input: Schema([Field("user_id", .text), Field("day", .text)]))
        #expect(issues.map(\.code) == [.unknownColumn, .incompatible])
        #expect(issues.map(\.path) == ["key[1]", "mode"])
        #expect(issues.first?.hint == "did you mean 'day'?")
        #expect(sink.check(input: Schema([Field("user_id", .text), Field("dya", .text), Field("day", .date)])).isEmpty)
    }

    @Test func theStoreBlockDecodes() throws {
        let store = try PostgresStateStore(config: Self.config(
            ["url": .string("host=h port=1 user=u password=hunter2 dbname=d"), "schema": .string("state")],
            specs: PostgresStateStore.options
        ))
        #expect(store.schema == "state")
        #expect(store.location == "postgres://u@h:1/d (schema state)")
    }

    @Test func registrationAddsTheSinkAndTheStore() throws {
        var registry = PluginRegistry { _, _ in fatalError("unused") }
        try registerPostgres(into: &registry)
        #expect(registry.entry(.sink, "postgres") != nil)
        #expect(registry.entry(.state, "postgres") != nil)
    }
}
