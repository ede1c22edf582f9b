import SluiceCore
import Testing

@Suite struct RecordBatchTests {
    static let schema = Schema([Field("id", .text), Field("doc", .json), Field("n", .int), Field("day", .date)])

    @Test func rowsComeBackAsTheyWentIn() throws {
        let day = try #require(CalendarDate("2024-03-10"))
        let rows: [[Value]] = [
            [.null, .null, .null, .null],  // a null first: the null flags start with the first row
            [.string("12345678901234567890"), try JSONParser.parse(#"{"a":[1,"é"],"b":null}"#), .int(-3), .date(day)],
            [.string(""), .string("x"), .int(0), .null],
            [.string("tab\there 日本"), .null, .null, .date(day)],
        ]
        let batch = RecordBatch(schema: Self.schema, rows: rows)
        #expect(batch.count == 4)
        #expect(batch.rows == rows)
        #expect(batch.columns[0].storage == .text && batch.columns[1].storage == .json && batch.columns[2].storage == .values)
        #expect(batch.columns[0].isNull(0) && !batch.columns[0].isNull(2))
        #expect(batch[1, 0] == .string("12345678901234567890"))
    }

    @Test func aTextColumnGivenANumberKeepsEveryValue() {
        let schema = Schema([Field("id", .text)])
        let batch = RecordBatch(schema: schema, rows: [[.string("a")], [.null], [.int(7)], [.string("b")]])
        #expect(batch.columns[0].storage == .values)
        #expect(batch.rows == [[.string("a")], [.null], [.int(7)], [.string("b")]])
    }

    @Test func aRowThatFailsHalfWrittenLeavesNothing() {
        var batch = RecordBatch(schema: Self.schema, rows: [[.string("a"), .int(1), .int(1), .null]])
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try batch.appendRow { (row: inout RowWriter) throws(Stop) in
                row.value(.string("b"))
                row.value(.int(2))
                throw Stop()
            }
        }
        batch.append([.string("c"), .int(3), .int(3), .null])
        #expect(batch.rows == [[.string("a"), .int(1), .int(1), .null], [.string("c"), .int(3), .int(3), .null]])
    }

    @Test func theOutputHandsOnBatchesOfExactlyMaxRows() async throws {
        let schema = Schema([Field("id", .text), Field("n", .int)])
        let delivered = Delivered()
        let output = BatchOutput(schema: schema, maxRows: 100) { await delivered.add($0) }
        var expected: [[Value]] = []
        for group in 0..<37 {
            // Groups of 0 to 72 rows, handed on after each group, as flatten does after each day.
            for row in 0..<(group * 2) {
                let id = "\(group)-\(row)"
                output.appendRow { writer in
                    var text = id
                    text.withUTF8 { writer.bytes($0) }
                    writer.value(.int(Int64(row)))
                }
                expected.append([.string(id), .int(Int64(row))])
            }
            try await output.handOnFull()
        }
        try await output.flush()
        let batches = await delivered.batches
        #expect(batches.dropLast().allSatisfy { $0.count == 100 })
        #expect(batches.last.map { $0.count <= 100 } == true)
        #expect(batches.flatMap(\.rows) == expected)
    }

    private actor Delivered {
        var batches: [RecordBatch] = []
        func add(_ batch: RecordBatch) { batches.append(batch) }
    }
}
