import SluiceCore
@testable import SluicePostgres
import Testing

/// Every field type goes through COPY and comes back exactly.
@Suite struct RoundTripTests {
    static let awkward = [
        "", "plain", "tab\there", "new\nline", "carriage\rreturn", "back\\slash", "\\N", "quote\"s and 'single'",
        "ünïcødé 🎉 日本語", "{braces},commas", "NULL", "trailing space ", "\u{1}control",
    ]

    static let schema = Schema([
        Field("id", .int), Field("label", .text), Field("big_id", .text), Field("ratio", .float), Field("flag", .bool),
        Field("day", .date), Field("at", .timestamptz), Field("tags", .textArray), Field("doc", .json),
    ])

    @Test func textRoundTripsExactly() async throws {
        let database = try await TestDatabase.make()
        let table = database.table("texts")
        let rows: [[Value]] = Self.awkward.enumerated().map { position, text in
            [.int(Int64(position)), .string(text), .number("12345678901234567890"), .double(1 / 3 + Double(position)), .bool(true),
             .date(Fixtures.date("2024-02-29")), .null, .array([.string(text)]), .object(ValueObject(["text": .string(text)]))]
        }
        try await database.load(
            PostgresSink(settings: database.settings, table: table, key: ["id"]), [RecordBatch(schema: Self.schema, rows: rows)],
            window: .whole
        )
        let stored = try await database.query(
            "SELECT label, big_id, array_to_json(tags)::text, doc ->> 'text', ratio::text FROM \(table.sql) ORDER BY id"
        )
        #expect(stored.map { $0[0] } == Self.awkward)
        #expect(stored.allSatisfy { $0[1] == "12345678901234567890" })
        #expect(stored.map { $0[2] } == Self.awkward.map { JSONWriter.string(.array([.string($0)])) })
        #expect(stored.map { $0[3] } == Self.awkward)
        #expect(stored.map { $0[4].flatMap(Double.init) } == Self.awkward.indices.map { 1 / 3 + Double($0) })
        try await database.drop()
    }

    @Test func everyTypeRoundTrips() async throws {
        let database = try await TestDatabase.make()
        let table = database.table("types")
        let doc = Value.object(ValueObject([
            "n": .int(-7), "big": .number("123456789012345678901234567890"), "s": .string("a\"b\\c\nd"),
            "list": .array([.null, .bool(false), .double(2.5)]), "empty": .object(ValueObject()),
        ]))
        let rows: [[Value]] = [
            [.int(1), .string("max"), .string("00012345678901234567"), .double(1e-300), .bool(false),
             .date(Fixtures.date("0099-12-31")), .timestamp(Fixtures.timestamp("2024-03-04T00:00:00.123456-08:00")),
             .array([]), doc],
            [.int(Int64.max), .int(Int64.min), .int(98_765_432_109_876), .double(-2.5e300), .bool(true),
             .date(Fixtures.date("2024-12-31")), .timestamp(Fixtures.timestamp("2024-03-04T23:59:59+05:30")),
             .array([.string("a,b"), .null, .string("c\"d"), .string("e\\f"), .string(" g ")]), .array([])],
            [.int(3), .null, .null, .null, .null, .null, .null, .null, .null],
            [.int(5), .null, .null, .null, .null, .date(CalendarDate(year: -43, month: 3, day: 15)!),
             .timestamp(Fixtures.timestamp("0001-01-01T00:00:00Z")), .null, .null],
            [.int(4), .string("x"), .string("y"), .double(.infinity), .bool(true),
             .date(Fixtures.date("1970-01-01")), .timestamp(Fixtures.timestamp("1969-12-31T23:59:59.5Z")),
             .array([.string("")]), .string("just a string")],
        ]
        try await database.load(
            PostgresSink(settings: database.settings, table: table, key: ["id"]), [RecordBatch(schema: Self.schema, rows: rows)],
            window: .whole
        )
        let stored = try await database.query(
            """
            SELECT id::text, label, big_id, ratio::text, flag::text, day::text,
              (extract(epoch FROM at) * 1000000)::bigint::text, array_to_json(tags)::text,
              doc = $1::jsonb, doc = '[]'::jsonb, doc = '"just a string"'::jsonb
            FROM \(table.sql) ORDER BY id
            """,
            [JSONWriter.string(doc)]
        )
        #expect(stored.count == 5)
        #expect(stored[0][0...7] == ["1", "max", "00012345678901234567", "1e-300", "false", "0099-12-31", "1709539200123456", "[]"])
        #expect(stored[0][8] == "t")
        #expect(stored[1][0...7] == [
            "3", nil, nil, nil, nil, nil, nil, nil,
        ])
        #expect(stored[2][0...7] == ["4", "x", "y", "Infinity", "true", "1970-01-01", "-500000", "[\"\"]"])
        #expect(stored[2][10] == "t")
        #expect(stored[3][5...6] == ["0044-03-15 BC", "-62135596800000000"])
        #expect(stored[4][0...7] == [
            "9223372036854775807", "-9223372036854775808", "98765432109876", "-2.5e+300", "true", "2024-12-31",
            "1709576999000000", #"["a,b",null,"c\"d","e\\f"," g "]"#,
        ])
        #expect(stored[4][9] == "t")
        try await database.drop()
    }
}
