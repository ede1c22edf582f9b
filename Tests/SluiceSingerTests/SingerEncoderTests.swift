import SluiceCore
import SluiceSinger
import Testing

/// The Singer messages, byte for byte.
@Suite struct SingerEncoderTests {
    static let schema = Schema([Field("user_id", .text), Field("day", .date), Field("start", .timestamptz), Field("n", .int), Field("ids", .textArray)])
    static let encoder = SingerEncoder(stream: #"days "v2""#, schema: schema, keyProperties: ["user_id", "day"])

    @Test func recordsCarryTheStreamAndTheRowAsAnObject() {
        let batch = RecordBatch(schema: Self.schema, rows: [
            [.string("u\"1"), .date(CalendarDate("2025-03-09")!), .timestamp(Timestamp(iso8601: "2025-03-09T00:00:00-08:00")!), .int(3),
             .array([.string("a"), .string("b")])],
            [.string("u2"), .date(CalendarDate("2025-03-10")!), .null, .null, .null],
        ])
        var output: [UInt8] = []
        Self.encoder.appendRecords(of: batch, into: &output) { _ in }
        #expect(String(decoding: output, as: UTF8.self) == """
            {"type":"RECORD","stream":"days \\"v2\\"","record":{"user_id":"u\\"1","day":"2025-03-09","start":"2025-03-09T00:00:00-08:00","n":3,"ids":["a","b"]}}
            {"type":"RECORD","stream":"days \\"v2\\"","record":{"user_id":"u2","day":"2025-03-10","start":null,"n":null,"ids":null}}

            """)
    }

    @Test func theSchemaMessageNamesTheKeyProperties() throws {
        let message = try JSONParser.parse(String(decoding: Self.encoder.schemaMessage, as: UTF8.self))
        #expect(message["type"] == .string("SCHEMA"))
        #expect(message["stream"] == .string(#"days "v2""#))
        #expect(message["key_properties"] == .array([.string("user_id"), .string("day")]))
        #expect(message["schema"] == SingerJSONSchema.of(Self.schema, keyProperties: ["user_id", "day"]))
        #expect(Self.encoder.schemaMessage.last == 0x0A)
    }

    @Test func theStateNamesThePipelineTheSinkAndTheWindow() {
        let window = Window(days: DateRange(from: CalendarDate("2025-01-01")!, to: CalendarDate("2025-01-08")!))
        let state = SingerEncoder.stateValue(pipeline: "p", sink: "singer:t:days", window: window)
        #expect(String(decoding: Self.encoder.stateMessage(state), as: UTF8.self)
            == #"{"type":"STATE","value":{"sluice":{"pipeline":"p","sink":"singer:t:days","window":"2025-01-01..2025-01-08"}}}"# + "\n")
    }
}
