import SluiceCore
import SluiceTransforms
import SluiceTestKit
import Testing

@Suite struct FlattenBadInputTests {
    /// A bad record and the context its error must carry.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let record: String
        let user: String?
        let day: String?
        let field: String
        var testDescription: String { name }
    }

    static let goodDay = #"{"fromDate": "2024-03-04T00:00:00-08:00", "toDate": "2024-03-05T00:00:00-08:00"}"#

    /// A record of user 42 whose second day has `members` besides its dates.
    static func secondDay(_ members: String) -> String {
        """
        {"userId": 42, "userEmailAddress": "a@b.c", "userDailyActivityStats": [\(goodDay),
         {\(members), "fromDate": "2024-03-05T00:00:00-08:00", "toDate": "2024-03-06T00:00:00-08:00"}]}
        """
    }

    /// A record of user 42 whose only day is `day`.
    static func onlyDay(_ day: String) -> String {
        #"{"userId": "42", "userEmailAddress": "a@b.c", "userDailyActivityStats": [\#(day)]}"#
    }

    static let cases: [Case] = [
        Case(name: "list is an object", record: secondDay(#""callsAsHost": {"id": 1}"#),
             user: "42", day: "2024-03-05", field: "callsAsHost"),
        Case(name: "list is a string", record: secondDay(#""callsAttended": "1,2""#),
             user: "42", day: "2024-03-05", field: "callsAttended"),
        Case(name: "id is an object", record: secondDay(#""callsScorecardsFilled": ["1", {"id": 2}]"#),
             user: "42", day: "2024-03-05", field: "callsScorecardsFilled"),
        Case(name: "id is a fraction", record: secondDay(#""ownCallsListenedTo": [1.5]"#),
             user: "42", day: "2024-03-05", field: "ownCallsListenedTo"),
        Case(name: "id is negative", record: secondDay(#""callsAsHost": [-3]"#),
             user: "42", day: "2024-03-05", field: "callsAsHost"),
        Case(name: "id is empty", record: secondDay(#""callsAsHost": [""]"#),
             user: "42", day: "2024-03-05", field: "callsAsHost"),
        Case(name: "id is null", record: secondDay(#""callsAsHost": [null]"#),
             user: "42", day: "2024-03-05", field: "callsAsHost"),
        Case(name: "fromDate missing", record: onlyDay(#"{"toDate": "2024-03-05T00:00:00Z"}"#),
             user: "42", day: "userDailyActivityStats[0]", field: "fromDate"),
        Case(name: "fromDate without time", record: onlyDay(#"{"fromDate": "2024-03-04", "toDate": "2024-03-05T00:00:00Z"}"#),
             user: "42", day: "userDailyActivityStats[0]", field: "fromDate"),
        Case(name: "fromDate without offset",
             record: onlyDay(#"{"fromDate": "2024-03-04T00:00:00", "toDate": "2024-03-05T00:00:00Z"}"#),
             user: "42", day: "userDailyActivityStats[0]", field: "fromDate"),
        Case(name: "fromDate a number", record: onlyDay(#"{"fromDate": 1709539200, "toDate": "2024-03-05T00:00:00Z"}"#),
             user: "42", day: "userDailyActivityStats[0]", field: "fromDate"),
        Case(name: "toDate bad", record: onlyDay(#"{"fromDate": "2024-03-04T00:00:00Z", "toDate": "2024-02-30T00:00:00Z"}"#),
             user: "42", day: "userDailyActivityStats[0]", field: "toDate"),
        Case(name: "toDate before fromDate",
             record: onlyDay(#"{"fromDate": "2024-03-04T00:00:00Z", "toDate": "2024-03-04T00:00:00+01:00"}"#),
             user: "42", day: "2024-03-04", field: "toDate"),
        Case(name: "day not an object", record: onlyDay("[]"), user: "42", day: "userDailyActivityStats[0]",
             field: "userDailyActivityStats"),
        Case(name: "days not a list", record: #"{"userId": "42", "userEmailAddress": "a@b.c", "userDailyActivityStats": {}}"#,
             user: "42", day: nil, field: "userDailyActivityStats"),
        Case(name: "email a number", record: #"{"userId": "42", "userEmailAddress": 5, "userDailyActivityStats": []}"#,
             user: "42", day: nil, field: "userEmailAddress"),
        Case(name: "userId an object", record: #"{"userId": {"id": 1}, "userEmailAddress": "a@b.c", "userDailyActivityStats": []}"#,
             user: nil, day: nil, field: "userId"),
        Case(name: "userId missing", record: #"{"userEmailAddress": "a@b.c", "userDailyActivityStats": []}"#,
             user: nil, day: nil, field: "userId"),
        Case(name: "userId a float", record: #"{"userId": 4.2, "userEmailAddress": "a@b.c", "userDailyActivityStats": []}"#,
             user: nil, day: nil, field: "userId"),
    ]

    @Test(arguments: cases, [true, false])
    func badRecordsFailWithTheirContext(_ bad: Case, perDay: Bool) async throws {
        let error = try await #require(throws: SluiceError.self) {
            if perDay {
                _ = try await TransformHarness.flatten(FlattenPerDayTransform(includeCallIds: true), bad.record)
            } else {
                _ = try await TransformHarness.flatten(FlattenPerCallTransform(), bad.record)
            }
        }
        #expect(error.code == .badRecord)
        #expect(error.context("user") == bad.user)
        #expect(error.context("day") == bad.day)
        #expect(error.context("field") == bad.field)
        #expect(!error.message.isEmpty)
    }

    /// Random records with one member of one day corrupted: the error names that user, day and member.
    @Test(arguments: [11, 12, 13, 14, 15, 16, 17, 18] as [UInt64])
    func corruptedMembersAreNamed(seed: UInt64) async throws {
        var generator = GongRecordGenerator(seed: seed)
        let first = try #require(CalendarDate("2024-03-01"))
        var rows = (0..<10).map { _ in generator.record(first: first, dayCount: 5) }
        let victim = Int.random(in: 0..<rows.count, using: &generator.random)
        let position = Int.random(in: 0..<5, using: &generator.random)
        guard case .array(var days) = rows[victim][2], case .object(var day) = days[position] else {
            Issue.record("the generator makes arrays of objects")
            return
        }
        let isDate = generator.random.chance(0.3)
        let member = isDate ? ["fromDate", "toDate"].randomElement(using: &generator.random)!
            : GongActivitySchema.activities.randomElement(using: &generator.random)!.name
        let badValues: [Value] = isDate
            ? [.int(5), .string("2024-03-01"), .string("2024-03-01T25:00:00Z"), .null, .array([])]
            : [.object(ValueObject()), .bool(true), .string("1,2"), .array([.double(1.5)]), .array([.object(ValueObject())])]
        day[member] = badValues.randomElement(using: &generator.random)!
        days[position] = .object(day)
        rows[victim][2] = .array(days)

        let error = try await #require(throws: SluiceError.self) {
            _ = try await TransformHarness.runWindow(FlattenPerCallTransform(), input: GongActivitySchema.raw, batches: [rows])
        }
        let expectedDay = isDate ? "userDailyActivityStats[\(position)]" : first.adding(days: position).description
        #expect(error.code == .badRecord)
        #expect(error.context("user") == rows[victim][0].digitsOrText)
        #expect(error.context("day") == expectedDay)
        #expect(error.context("field") == member)
    }

    static let foreignSchemas: [Schema] = [
        Schema([Field("user_id", .text), Field("day", .date)]),
        Schema([Field("userId", .text), Field("userEmailAddress", .text)]),
        Schema([Field("userId", .text), Field("userEmailAddress", .text), Field("userDailyActivityStats", .text)]),
    ]

    @Test(arguments: foreignSchemas)
    func flattenRejectsInputThatIsNotRawGong(_ input: Schema) {
        for transform in [FlattenPerDayTransform() as any Transform, FlattenPerCallTransform()] {
            let issue = #expect(throws: ConfigIssue.self) { try transform.outputSchema(for: input) }
            #expect(issue?.code == .incompatible)
            #expect(issue?.path == "")
            #expect(issue?.hint != nil)
            #expect(throws: ConfigIssue.self) { try transform.makeProcessor(input: input) }
        }
    }

    @Test func flattenAcceptsExtraFieldsInAnyOrder() async throws {
        let input = Schema([Field("batch", .int), Field("userDailyActivityStats", .json), Field("userEmailAddress", .text),
                            Field("userId", .text)])
        let row: [Value] = [.int(1), try JSONParser.parse("[\(Self.goodDay)]"), .string("a@b.c"), .string("9")]
        let batch = try await TransformHarness.runWindow(FlattenPerDayTransform(), input: input, batches: [[row]])
        #expect(batch.rows.first?.prefix(2) == [.string("9"), .string("a@b.c")])
    }
}
