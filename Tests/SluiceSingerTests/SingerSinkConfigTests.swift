import SluiceCore
import SluiceSinger
import Testing

/// The `singer` sink's options and its checks of the schema flowing into it.
@Suite struct SingerSinkConfigTests {
    static func sink(_ object: ValueObject) throws -> SingerSink {
        try SingerSink(config: PluginConfig(object: object, path: "sinks[0]", specs: SingerSink.options, folder: "/pipelines"))
    }

    static let perDay = Schema([Field("user_id", .text), Field("day", .date), Field("n", .int)], naturalKey: ["user_id", "day"])

    @Test func aRelativeProgramIsResolvedAgainstThePipelineFolderAndTheIdentityNamesItAndTheStream() throws {
        let sink = try Self.sink([
            "command": .array([.string("venv/bin/target-postgres"), .string("--verbose")]), "stream": .string("days"),
            "key": .array([.string("user_id"), .string("day")]),
        ])
        #expect(sink.identity == "singer:target-postgres:days")
        #expect(sink.command.arguments == ["--verbose"])
        #expect(sink.flushTimeout == .seconds(SingerSink.defaultFlushTimeout))
        #expect(sink.check(input: Self.perDay).isEmpty)
    }

    @Test func aKeyNarrowerThanTheNaturalKeyOrNamingAnAbsentFieldIsReported() throws {
        let sink = try Self.sink(["command": .array([.string("t")]), "stream": .string("days"), "key": .array([.string("usr_id"), .string("day")])])
        let issues = sink.check(input: Self.perDay)
        #expect(issues.map(\.code) == [.unknownColumn, .keyTooNarrow])
        #expect(issues.first?.path == "key[0]")
        #expect(issues.first?.hint?.contains("user_id") == true)
    }

    @Test func anEmptyStreamIsRefused() {
        #expect(throws: ConfigIssue.self) {
            try Self.sink(["command": .array([.string("t")]), "stream": .string(""), "key": .array([.string("user_id")])])
        }
    }
}
