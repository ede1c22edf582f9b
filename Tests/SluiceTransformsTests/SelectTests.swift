import SluiceCore
import SluiceTransforms
import SluiceTestKit
import Testing

@Suite struct SelectTests {
    static let input = Schema([Field("a", .text), Field("b", .int), Field("c", .date), Field("d", .json)])
    static let row: [Value] = [.string("x"), .int(1), .date(CalendarDate(daysSinceEpoch: 3)), .null]

    @Test func fieldsPickAndOrder() async throws {
        let output = try await TransformHarness.runWindow(SelectTransform(fields: ["c", "a"]), input: Self.input, batches: [[Self.row]])
        #expect(output.schema == Schema([Field("c", .date), Field("a", .text)]))
        #expect(output.rows == [[Self.row[2], Self.row[0]]])
    }

    @Test func dropThenRename() async throws {
        let select = SelectTransform(drop: ["b"], rename: [(old: "a", new: "b"), (old: "d", new: "payload")])
        let output = try await TransformHarness.runWindow(select, input: Self.input, batches: [[Self.row]])
        #expect(output.schema == Schema([Field("b", .text), Field("c", .date), Field("payload", .json)]))
        #expect(output.rows == [[Self.row[0], Self.row[2], Self.row[3]]])
    }

    @Test func renameOnlyKeepsRows() async throws {
        let select = SelectTransform(rename: [(old: "a", new: "b"), (old: "b", new: "a")])
        let output = try await TransformHarness.runWindow(select, input: Self.input, batches: [[Self.row]])
        #expect(output.schema.names == ["b", "a", "c", "d"])
        #expect(output.schema.fields.map(\.type) == Self.input.fields.map(\.type))
        #expect(output.rows == [Self.row])
    }

    /// Random selections agree with a model of fields, drop and rename.
    @Test(arguments: [3, 5, 8, 13, 21] as [UInt64])
    func randomSelectionsMatchTheModel(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let names = Self.input.names
        let fields = random.chance(0.5) ? nil : Array(names.shuffled(using: &random).prefix(Int.random(in: 1...4, using: &random)))
        let drop = Array(names.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random)))
        let kept = (fields ?? names).filter { !drop.contains($0) }
        guard !kept.isEmpty else { return }
        let renamed = kept.filter { _ in random.chance(0.5) }
        let select = SelectTransform(fields: fields, drop: drop, rename: renamed.map { (old: $0, new: $0 + "_new") })
        let output = try await TransformHarness.runWindow(select, input: Self.input, batches: [[Self.row], [Self.row]])
        #expect(output.schema.names == kept.map { renamed.contains($0) ? $0 + "_new" : $0 })
        #expect(output.schema.fields.map(\.type) == kept.map { Self.input.fields[Self.input.index(of: $0)!].type })
        #expect(output.rows == Array(repeating: kept.map { Self.row[Self.input.index(of: $0)!] }, count: 2))
    }

    /// (select, expected issues as path and code)
    static let invalid: [(SelectTransform, [String], [ConfigIssue.Code])] = [
        (SelectTransform(fields: ["a", "bb", "zzz"]), ["fields[1]", "fields[2]"], [.unknownColumn, .unknownColumn]),
        (SelectTransform(drop: ["e"]), ["drop[0]"], [.unknownColumn]),
        (SelectTransform(rename: [(old: "x y", new: "z")]), [#"rename["x y"]"#], [.unknownColumn]),
        (SelectTransform(fields: ["a", "a"]), ["fields[1]"], [.badValue]),
        (SelectTransform(drop: ["a"], rename: [(old: "a", new: "z")]), ["rename.a"], [.badValue]),
        (SelectTransform(rename: [(old: "a", new: "c")]), ["rename.a"], [.badValue]),
        (SelectTransform(rename: [(old: "a", new: "")]), ["rename.a"], [.badValue]),
        (SelectTransform(rename: [(old: "a", new: "z"), (old: "b", new: "z")]), ["rename.b"], [.badValue]),
        (SelectTransform(drop: ["a", "b", "c", "d"]), ["drop"], [.badValue]),
    ]

    @Test(arguments: invalid)
    func invalidSelectionsAreReportedAtTheirOption(_ select: SelectTransform, paths: [String], codes: [ConfigIssue.Code]) async throws {
        let issues = try #require(throws: ConfigIssues.self) { try select.outputSchema(for: Self.input) }
        #expect(issues.issues.map(\.path) == paths)
        #expect(issues.issues.map(\.code) == codes)
        #expect(throws: ConfigIssues.self) { try select.makeProcessor(input: Self.input) }
    }

    @Test func configReadsAllThreeOptions() async throws {
        let config = PluginConfig(
            object: ValueObject([
                "fields": .array([.string("a"), .string("b")]), "drop": .array([.string("b")]),
                "rename": .object(ValueObject(["a": .string("alpha")])),
            ]),
            path: "transforms[0]", specs: SelectTransform.options
        )
        let schema = try SelectTransform(config: config).outputSchema(for: Self.input)
        #expect(schema == Schema([Field("alpha", .text)]))
    }
}
