import GongModel
import SluiceCore
import SluiceTransforms
import Testing

@Suite struct FlattenPerCallTests {
    @Test func oneRowPerUserDayActivityAndCall() async throws {
        let record = """
            {"userId": 12345678901234567890, "userEmailAddress": "rep@example.com", "userDailyActivityStats": [
              {"callsAsHost": ["11", 22], "callsScorecardsReceived": [33],
               "fromDate": "2024-03-10T00:00:00-08:00", "toDate": "2024-03-11T00:00:00-07:00"},
              {"fromDate": "2024-03-11T00:00:00-07:00", "toDate": "2024-03-12T00:00:00-07:00", "ownCallsListenedTo": null}]}
            """
        let batch = try await TransformHarness.flatten(FlattenPerCallTransform(), record)
        #expect(batch.schema.names == ["user_id", "user_email", "day", "day_start", "day_end", "activity", "call_id"])
        #expect(batch.schema.fields.map(\.type) == [.text, .text, .date, .timestamptz, .timestamptz, .text, .text])
        #expect(try TransformHarness.column(batch, "activity") == [
            .string("callsAsHost"), .string("callsAsHost"), .string("callsScorecardsReceived"),
        ])
        #expect(try TransformHarness.column(batch, "call_id") == [.string("11"), .string("22"), .string("33")])
        #expect(try TransformHarness.column(batch, "user_id").allSatisfy { $0 == .string("12345678901234567890") })
        #expect(try TransformHarness.column(batch, "day").allSatisfy { $0 == .date(CalendarDate("2024-03-10")!) })
        #expect(TransformHarness.jsonLines(batch).first == """
            {"user_id":"12345678901234567890","user_email":"rep@example.com","day":"2024-03-10",\
            "day_start":"2024-03-10T00:00:00-08:00","day_end":"2024-03-11T00:00:00-07:00",\
            "activity":"callsAsHost","call_id":"11"}
            """)
    }

    /// The response example of Gong's documentation, page to rows.
    @Test func gongsDocumentedExample() async throws {
        let response = """
            {"requestId": "4al018gzaztcr8nbukw",
             "records": {"totalRecords": 263, "currentPageSize": 100, "currentPageNumber": 0},
             "usersDetailedActivities": [{"userId": "234599484848423", "userEmailAddress": "rep@example.com",
               "userDailyActivityStats": [{"callsAsHost": ["348056639626337006"], "callsGaveFeedback": [],
                 "callsRequestedFeedback": [], "callsReceivedFeedback": [], "ownCallsListenedTo": [],
                 "othersCallsListenedTo": [], "callsSharedInternally": [], "callsSharedExternally": [],
                 "callsAttended": [], "callsCommentsGiven": [], "callsCommentsReceived": [],
                 "callsMarkedAsFeedbackGiven": [], "callsMarkedAsFeedbackReceived": [], "callsScorecardsFilled": [],
                 "callsScorecardsReceived": [], "fromDate": "2024-03-04T00:00:00-08:00",
                 "toDate": "2024-03-05T00:00:00-08:00"}]}]}
            """
        let rows = try TransformHarness.rawRows(fromResponse: response)
        let perCall = try await TransformHarness.runWindow(FlattenPerCallTransform(), input: GongActivitySchema.raw, batches: [rows])
        #expect(TransformHarness.jsonLines(perCall) == [
            #"{"user_id":"234599484848423","user_email":"rep@example.com","day":"2024-03-04","#
                + #""day_start":"2024-03-04T00:00:00-08:00","day_end":"2024-03-05T00:00:00-08:00","#
                + #""activity":"callsAsHost","call_id":"348056639626337006"}"#,
        ])
        let perDay = try await TransformHarness.runWindow(FlattenPerDayTransform(), input: GongActivitySchema.raw, batches: [rows])
        #expect(perDay.rows.map { Array($0[5...]) } == [[.int(1)] + Array(repeating: .int(0), count: 14)])
    }

    @Test func aCallListedTwiceGivesTwoRows() async throws {
        let record = """
            {"userId": "1", "userEmailAddress": "a@b.c", "userDailyActivityStats": [
              {"callsAttended": ["5", 5], "fromDate": "2024-03-04T00:00:00Z", "toDate": "2024-03-05T00:00:00Z"}]}
            """
        let batch = try await TransformHarness.flatten(FlattenPerCallTransform(), record)
        #expect(try TransformHarness.column(batch, "call_id") == [.string("5"), .string("5")])
    }

    /// Per-call rows are exactly the ids behind the per-day counts, over random records.
    @Test(arguments: [1, 2, 3, 42, 2024] as [UInt64])
    func perCallRowsAreThePerDayCounts(seed: UInt64) async throws {
        var generator = GongRecordGenerator(seed: seed)
        let first = CalendarDate("2024-01-01")!.adding(days: Int(seed % 300))
        let batches = (0..<3).map { _ in (0..<20).map { _ in generator.record(first: first, dayCount: 9) } }
        let perDay = try await TransformHarness.runWindow(
            FlattenPerDayTransform(includeCallIds: true), input: GongActivitySchema.raw, batches: batches
        )
        let perCall = try await TransformHarness.runWindow(FlattenPerCallTransform(), input: GongActivitySchema.raw, batches: batches)
        #expect(perDay.count == 60 * 9)
        let counts = perDay.rows.flatMap { $0[5..<20] }.map { if case .int(let count) = $0 { Int(count) } else { -1 } }
        #expect(perCall.count == counts.reduce(0, +))
        #expect(perCall.count > 0)

        // The same (user, day, activity, call) sequence, built from the per-day id columns.
        let fromDays = perDay.rows.flatMap { row in
            zip(GongActivitySchema.activities, row[20..<35]).flatMap { activity, ids -> [[Value]] in
                guard case .array(let items) = ids else { return [[.null]] }
                return items.map { [row[0], row[2], .string(activity.name), $0] }
            }
        }
        #expect(perCall.rows.map { [$0[0], $0[2], $0[5], $0[6]] } == fromDays)
        #expect(perDay.rows.allSatisfy { row in
            guard case .date(let day) = row[2], case .timestamp(let start) = row[3] else { return false }
            return day == start.localDate && start.description.hasPrefix(day.description)
        })
    }
}
