import GongModel
import SluiceCore
import SluiceTransforms
import Testing

@Suite struct FlattenPerDayTests {
    /// One day of `user` from `from` to `to`, with `lists` (JSON members) inside.
    static func record(user: String = "\"234599484848423\"", from: String, to: String, lists: String = "") -> String {
        let members = lists.isEmpty ? "" : lists + ","
        return """
            {"userId": \(user), "userEmailAddress": "rep@example.com",
             "userDailyActivityStats": [{\(members) "fromDate": "\(from)", "toDate": "\(to)"}]}
            """
    }

    @Test func columnsAreTheContract() {
        let names = FlattenPerDayTransform().schema.names
        #expect(names.prefix(5) == ["user_id", "user_email", "day", "day_start", "day_end"])
        #expect(Array(names.dropFirst(5)) == [
            "calls_as_host", "calls_gave_feedback", "calls_requested_feedback", "calls_received_feedback",
            "own_calls_listened_to", "others_calls_listened_to", "calls_shared_internally", "calls_shared_externally",
            "calls_attended", "calls_comments_given", "calls_comments_received", "calls_marked_as_feedback_given",
            "calls_marked_as_feedback_received", "calls_scorecards_filled", "calls_scorecards_received",
        ])
        let types = FlattenPerDayTransform().schema.fields.map(\.type)
        #expect(types == [.text, .text, .date, .timestamptz, .timestamptz] + Array(repeating: .int, count: 15))
        let withIds = FlattenPerDayTransform(includeCallIds: true).schema
        #expect(withIds.names.dropFirst(20).first == "calls_as_host_ids")
        #expect(withIds.names.last == "calls_scorecards_received_ids")
        #expect(withIds.fields.dropFirst(20).allSatisfy { $0.type == .textArray })
        #expect(withIds.fields.count == 35)
    }

    @Test func snakeCaseColumnsFollowGongNames() {
        for activity in GongActivitySchema.activities {
            let snake = activity.name.reduce(into: "") { text, letter in
                text += letter.isUppercase ? "_" + letter.lowercased() : String(letter)
            }
            #expect(activity.column == snake)
        }
    }

    /// (fromDate, toDate, day, hours, start offset, end offset)
    static let days: [(String, String, String, Int64, Int32, Int32)] = [
        ("2024-03-10T00:00:00-08:00", "2024-03-11T00:00:00-07:00", "2024-03-10", 23, -28_800, -25_200),
        ("2024-11-03T00:00:00-07:00", "2024-11-04T00:00:00-08:00", "2024-11-03", 25, -25_200, -28_800),
        ("2024-03-04T00:00:00+05:30", "2024-03-05T00:00:00+05:30", "2024-03-04", 24, 19_800, 19_800),
        ("2024-03-04T00:00:00Z", "2024-03-05T00:00:00Z", "2024-03-04", 24, 0, 0),
        ("2024-02-29T00:00:00.250-08:00", "2024-03-01T00:00:00.250-08:00", "2024-02-29", 24, -28_800, -28_800),
        ("2024-01-01T00:00:00+14:00", "2024-01-02T00:00:00+14:00", "2024-01-01", 24, 50_400, 50_400),
    ]

    @Test(arguments: days)
    func dayIsTheDateWrittenInGongsOffset(_ day: (String, String, String, Int64, Int32, Int32)) async throws {
        let (from, to, date, hours, startOffset, endOffset) = day
        let batch = try await TransformHarness.flatten(FlattenPerDayTransform(), Self.record(from: from, to: to))
        let row = try #require(batch.rows.first)
        #expect(batch.count == 1)
        #expect(row[2] == .date(try #require(CalendarDate(date))))
        guard case .timestamp(let start) = row[3], case .timestamp(let end) = row[4] else {
            Issue.record("day_start and day_end must be timestamps, found \(row[3]) and \(row[4])")
            return
        }
        #expect(start == Timestamp(iso8601: from))
        #expect(end == Timestamp(iso8601: to))
        #expect(start.nanoseconds == (from.contains(".250") ? 250_000_000 : 0))
        #expect(start.offsetSeconds == startOffset)
        #expect(end.offsetSeconds == endOffset)
        #expect(end.epochSeconds - start.epochSeconds == hours * 3600)
    }

    @Test func eachUserKeepsItsOwnDates() async throws {
        let offsets = ["-08:00", "+05:30", "-08:00", "Z", "Z"]
        let records = offsets.map { Self.record(from: "2024-03-04T00:00:00\($0)", to: "2024-03-05T00:00:00\($0)") }
        let batch = try await TransformHarness.runWindow(
            FlattenPerDayTransform(), input: GongActivitySchema.raw, batches: [try records.map(TransformHarness.rawRow)]
        )
        let starts = try TransformHarness.column(batch, "day_start")
        #expect(starts == offsets.map { .timestamp(Timestamp(iso8601: "2024-03-04T00:00:00\($0)")!) })
        #expect(try TransformHarness.column(batch, "day").allSatisfy { $0 == .date(CalendarDate("2024-03-04")!) })
    }

    @Test func idsKeepEveryDigit() async throws {
        let lists = """
            "callsAsHost": ["348056639626337006", 348056639626337007, 12345678901234567890123],
            "callsAttended": ["00042"]
            """
        let batch = try await TransformHarness.flatten(
            FlattenPerDayTransform(includeCallIds: true),
            Self.record(user: "98765432109876543210", from: "2024-03-04T00:00:00-08:00", to: "2024-03-05T00:00:00-08:00",
                        lists: lists)
        )
        let row = try #require(batch.rows.first)
        #expect(row[0] == .string("98765432109876543210"))
        #expect(try TransformHarness.column(batch, "calls_as_host") == [.int(3)])
        #expect(try TransformHarness.column(batch, "calls_as_host_ids") == [.array([
            .string("348056639626337006"), .string("348056639626337007"), .string("12345678901234567890123"),
        ])])
        #expect(try TransformHarness.column(batch, "calls_attended_ids") == [.array([.string("00042")])])
        #expect(try TransformHarness.column(batch, "calls_gave_feedback_ids") == [.array([])])
    }

    @Test func missingAndNullListsCountAsEmpty() async throws {
        let batch = try await TransformHarness.flatten(
            FlattenPerDayTransform(includeCallIds: true),
            Self.record(from: "2024-03-04T00:00:00-08:00", to: "2024-03-05T00:00:00-08:00",
                        lists: #""callsAttended": null, "callsAsHost": ["1", "2"], "newGongField": {"x": 1}"#)
        )
        let row = try #require(batch.rows.first)
        #expect(row[5] == .int(2))
        #expect(row[6...19].allSatisfy { $0 == .int(0) })
        #expect(row[28] == .array([]))
        #expect(row[1] == .string("rep@example.com"))
    }

    @Test func listsOutOfSpecOrderLandInTheirColumns() async throws {
        let lists = #""callsScorecardsReceived": ["9"], "toDate": "2024-03-05T00:00:00Z", "callsAsHost": ["1", "2"]"#
        let batch = try await TransformHarness.flatten(
            FlattenPerDayTransform(), Self.record(from: "2024-03-04T00:00:00Z", to: "2024-03-05T00:00:00Z", lists: lists)
        )
        #expect(try TransformHarness.column(batch, "calls_as_host") == [.int(2)])
        #expect(try TransformHarness.column(batch, "calls_scorecards_received") == [.int(1)])
    }

    @Test(arguments: [false, true])
    func skipEmptyDaysDropsOnlyEmptyDays(_ skip: Bool) async throws {
        let record = """
            {"userId": 7, "userEmailAddress": null, "userDailyActivityStats": [
              {"fromDate": "2024-03-04T00:00:00-08:00", "toDate": "2024-03-05T00:00:00-08:00", "callsAsHost": []},
              {"fromDate": "2024-03-05T00:00:00-08:00", "toDate": "2024-03-06T00:00:00-08:00", "callsAttended": [5]},
              {"fromDate": "2024-03-06T00:00:00-08:00", "toDate": "2024-03-07T00:00:00-08:00"}]}
            """
        let batch = try await TransformHarness.flatten(FlattenPerDayTransform(skipEmptyDays: skip), record)
        let expected = skip ? ["2024-03-05"] : ["2024-03-04", "2024-03-05", "2024-03-06"]
        #expect(try TransformHarness.column(batch, "day") == expected.compactMap(CalendarDate.init).map(Value.date))
        #expect(try TransformHarness.column(batch, "user_id").allSatisfy { $0 == .string("7") })
        #expect(try TransformHarness.column(batch, "user_email").allSatisfy { $0 == .null })
    }

    @Test func aUserWithoutDaysGivesNoRows() async throws {
        let batch = try await TransformHarness.flatten(
            FlattenPerDayTransform(), #"{"userId": "1", "userEmailAddress": "a@b.c", "userDailyActivityStats": null}"#,
            #"{"userId": "2", "userEmailAddress": "d@b.c", "userDailyActivityStats": []}"#
        )
        #expect(batch.count == 0)
    }

    @Test func configOptionsReachTheTransform() async throws {
        let config = PluginConfig(object: ValueObject(["includeCallIds": .bool(true)]), path: "transforms[0]",
                                  specs: FlattenPerDayTransform.options)
        let transform = FlattenPerDayTransform(config: config)
        #expect(transform.includeCallIds)
        #expect(!transform.skipEmptyDays)
        #expect(try transform.outputSchema(for: GongActivitySchema.raw).fields.count == 35)
    }
}
