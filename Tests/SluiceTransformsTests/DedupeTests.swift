import SluiceCore
import SluiceTransforms
import SluiceTestKit
import Testing

@Suite struct DedupeTests {
    static let schema = Schema([Field("user_id", .text), Field("day", .int), Field("seq", .int)])

    /// Random rows with many repeated keys (`seq` numbers the rows), cut into random batches.
    static func batches(seed: UInt64) -> [[[Value]]] {
        var random = SeededGenerator(seed: seed)
        var sequence = 0
        return (0..<Int.random(in: 1...6, using: &random)).map { _ in
            (0..<Int.random(in: 0...40, using: &random)).map { _ in
                sequence += 1
                return [.string("u\(Int.random(in: 0..<4, using: &random))"), .int(Int64.random(in: 0..<5, using: &random)),
                        .int(Int64(sequence))]
            }
        }
    }

    /// The rows whose key (the first two values) appears in no earlier (first) or no later (last) row: the reference.
    static func reference(_ rows: [[Value]], keep: DedupeTransform.Keep) -> [[Value]] {
        var seen = Set<[Value]>()
        let kept = (keep == .first ? rows : rows.reversed()).filter { seen.insert(Array($0.prefix(2))).inserted }
        return keep == .first ? kept : kept.reversed()
    }

    /// Values that are easy to confuse: each key kind, equal texts of different kinds, prefixes, offsets.
    static let trickyValues: [Value] = [
        .null, .bool(true), .bool(false), .int(0), .int(1), .double(0), .double(-0.0), .double(1), .number("1"),
        .string("1"), .string(""), .string("a"), .string("ab"), .string("b"), .date(CalendarDate(daysSinceEpoch: 0)),
        .timestamp(Timestamp(epochSeconds: 0)), .timestamp(Timestamp(epochSeconds: 0, offsetSeconds: 3600)),
        .timestamp(Timestamp(epochSeconds: 0, nanoseconds: 1)), .array([]), .array([.string("a")]),
        .array([.string("a"), .string("b")]), .object(ValueObject()), .object(ValueObject(["a": .string("b")])),
    ]

    static let seeds: [UInt64] = [1, 7, 99, 1234, 98765]

    @Test(arguments: seeds, DedupeTransform.Keep.allCases)
    func keepsTheRightRow(seed: UInt64, keep: DedupeTransform.Keep) async throws {
        let batches = Self.batches(seed: seed)
        let dedupe = try DedupeTransform(key: ["user_id", "day"], keep: keep)
        let output = try await TransformHarness.runWindow(dedupe, input: Self.schema, batches: batches)
        #expect(output.rows == Self.reference(batches.flatMap { $0 }, keep: keep))
    }

    @Test(arguments: seeds, DedupeTransform.Keep.allCases)
    func isIdempotent(seed: UInt64, keep: DedupeTransform.Keep) async throws {
        let dedupe = try DedupeTransform(key: ["user_id", "day"], keep: keep)
        let once = try await TransformHarness.runWindow(dedupe, input: Self.schema, batches: Self.batches(seed: seed))
        let twice = try await TransformHarness.runWindow(dedupe, input: Self.schema, batches: [once.rows])
        #expect(twice.rows == once.rows)
        #expect(Set(once.rows.map { $0.prefix(2) }).count == once.count)
    }

    /// Keys compare as `Value`s do, over tricky values and over enough rows to grow the key table many times.
    @Test(arguments: seeds, DedupeTransform.Keep.allCases)
    func keysCompareLikeValues(seed: UInt64, keep: DedupeTransform.Keep) async throws {
        var random = SeededGenerator(seed: seed)
        let batches = (0..<4).map { batch in
            (0..<2500).map { position -> [Value] in
                let first = random.chance(0.5)
                    ? Self.trickyValues.randomElement(using: &random)! : .int(Int64.random(in: 0..<3000, using: &random))
                return [first, Self.trickyValues.randomElement(using: &random)!, .int(Int64(batch * 2500 + position))]
            }
        }
        let schema = Schema([Field("a", .json), Field("b", .json), Field("seq", .int)])
        let dedupe = try DedupeTransform(key: ["a", "b"], keep: keep)
        let output = try await TransformHarness.runWindow(dedupe, input: schema, batches: batches)
        // Compared by sequence number: a failure prints numbers, not ten thousand rows.
        // A json column holds JSON text: a date is a string there, `1` one number however it was made.
        let asJSON = batches.flatMap { $0 }.map { row in row.prefix(2).map { try! JSONParser.parse(JSONWriter.string($0)) } + [row[2]] }
        #expect(output.rows.map { $0[2] } == Self.reference(asJSON, keep: keep).map { $0[2] })
        #expect(output.count > 3000)
    }

    @Test func keepLastHoldsRowsUntilTheWindowEnds() async throws {
        let processor = try DedupeTransform(key: ["user_id"], keep: .last).makeProcessor(input: Self.schema)
        let rows: [[Value]] = [[.string("a"), .int(1), .int(1)], [.string("b"), .int(1), .int(2)], [.string("a"), .int(2), .int(3)]]
        #expect(try await TransformHarness.process(processor, RecordBatch(schema: Self.schema, rows: rows), output: Self.schema).isEmpty)
        #expect(try await TransformHarness.finish(processor, output: Self.schema) == [rows[1], rows[2]])
    }

    @Test func windowScopeForgetsKeysBetweenWindows() async throws {
        let dedupe = try DedupeTransform(key: ["user_id"])
        let row: [Value] = [.string("a"), .int(1), .int(1)]
        #expect(try await TransformHarness.runWindow(dedupe, input: Self.schema, batches: [[row, row]]).count == 1)
        #expect(try await TransformHarness.runWindow(dedupe, input: Self.schema, batches: [[row]]).count == 1)
    }

    @Test func runScopeRemembersKeysAcrossConcurrentWindows() async throws {
        let dedupe = try DedupeTransform(key: ["user_id", "day"], scope: .run)
        let windows = (0..<8).map { Self.batches(seed: UInt64($0)) }
        let outputs = try await withThrowingTaskGroup(of: [[Value]].self) { group in
            for batches in windows {
                group.addTask { try await TransformHarness.runWindow(dedupe, input: Self.schema, batches: batches).rows }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let keys = outputs.map { Array($0.prefix(2)) }
        let allKeys = Set(windows.flatMap { $0.flatMap { $0.map { Array($0.prefix(2)) } } })
        #expect(keys.count == Set(keys).count)
        #expect(Set(keys) == allKeys)
    }

    @Test func aRolledBackWindowGivesItsRunKeysBack() async throws {
        let dedupe = try DedupeTransform(key: ["user_id", "day"], scope: .run)
        let rows: [[Value]] = [[.string("a"), .int(1), .int(1)], [.string("b"), .int(1), .int(2)]]
        let committed = try dedupe.makeProcessor(input: Self.schema)
        #expect(try await TransformHarness.process(committed, RecordBatch(schema: Self.schema, rows: [rows[0]]), output: Self.schema).count == 1)
        committed.windowEnded(committed: true)
        let failed = try dedupe.makeProcessor(input: Self.schema)
        #expect(try await TransformHarness.process(failed, RecordBatch(schema: Self.schema, rows: rows), output: Self.schema).count == 1)
        failed.windowEnded(committed: false)
        let rerun = try dedupe.makeProcessor(input: Self.schema)
        #expect(try await TransformHarness.process(rerun, RecordBatch(schema: Self.schema, rows: rows), output: Self.schema) == [rows[1]])
    }

    @Test func keyCompareByTypeToo() async throws {
        let schema = Schema([Field("id", .json)])
        let rows: [[Value]] = [[.int(5)], [.string("5")], [.double(5)], [.int(5)]]
        let output = try await TransformHarness.runWindow(try DedupeTransform(key: ["id"]), input: schema, batches: [rows])
        #expect(output.rows == Array(rows.prefix(3)))
    }

    @Test func keepLastWithRunScopeIsRejectedAtScope() async throws {
        let config = PluginConfig(
            object: ValueObject(["key": .array([.string("user_id")]), "keep": .string("last"), "scope": .string("run")]),
            path: "sinks[1].transforms[1]", specs: DedupeTransform.options
        )
        let issue = try #require(throws: ConfigIssue.self) { try DedupeTransform(config: config) }
        #expect(issue.path == "sinks[1].transforms[1].scope")
        #expect(issue.code == .badValue)
        #expect(issue.hint != nil)
    }

    @Test func configDefaultsAreFirstAndWindow() async throws {
        let config = PluginConfig(object: ValueObject(["key": .array([.string("day")])]), path: "transforms[0]",
                                  specs: DedupeTransform.options)
        let dedupe = try DedupeTransform(config: config)
        #expect(dedupe.keep == .first)
        #expect(dedupe.scope == .window)
        #expect(dedupe.key == ["day"])
    }

    /// Random key lists: the absent names, and only they, are reported at `key[i]`.
    @Test(arguments: seeds)
    func unknownKeyFieldsAreReportedAtTheirPosition(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let pool = Self.schema.names + ["usr_id", "dya", "nope"]
        let key = (0..<Int.random(in: 1...5, using: &random)).compactMap { _ in pool.randomElement(using: &random) }
        let expected = key.indices.filter { Self.schema.index(of: key[$0]) == nil }.map { "key[\($0)]" }
        let dedupe = try DedupeTransform(key: key)
        if expected.isEmpty {
            #expect(try dedupe.outputSchema(for: Self.schema) == Self.schema)
        } else {
            let issues = try #require(throws: ConfigIssues.self) { try dedupe.outputSchema(for: Self.schema) }
            #expect(issues.issues.map(\.path) == expected)
            #expect(issues.issues.allSatisfy { $0.code == .unknownColumn })
        }
    }

    @Test func aTypoGetsASuggestion() async throws {
        let issues = try #require(throws: ConfigIssues.self) {
            try DedupeTransform(key: ["day", "usr_id"]).outputSchema(for: Self.schema)
        }
        #expect(issues.issues.map(\.path) == ["key[1]"])
        #expect(issues.issues.first?.hint == "did you mean 'user_id'?")
    }
}
