import Foundation
import GongModel
import SluiceCore

extension GongEmulatorEngine {
    /// A validated request body.
    private struct Query {
        var range: DateRange
        var userIds: [String]?
        var offset: Int
    }

    /// The answer to a well-authenticated call: a page of users (bent by `tampering`), a 404 when
    /// nothing matches, or a 400 naming what is wrong with the body.
    func respond(to body: [UInt8], requestId: String, tampering: PageTampering = .none) -> EmulatorReply {
        let query: Query
        switch parse(body) {
        case .success(let parsed): query = parsed
        case .failure(let problem): return errorReply(400, [problem.message], requestId: requestId)
        }
        let users = dataset.activeUsers(in: query.range, userIds: query.userIds)
        guard !users.isEmpty else { return errorReply(404, [Self.nothingFound], requestId: requestId) }
        guard query.offset < users.count else {
            return errorReply(400, ["The cursor is invalid or expired"], requestId: requestId)
        }
        let pageSize = max(1, configuration.pageSize)
        let start = max(0, query.offset - tampering.rewind)
        let page = users[start..<min(users.count, start + pageSize)]
        var records = ValueObject([
            "totalRecords": .int(Int64(users.count)),
            "currentPageSize": .int(Int64(page.count)),
            "currentPageNumber": .int(Int64(start / pageSize)),
        ])
        if page.endIndex < users.count {
            records["cursor"] = .string(cursor(offset: page.endIndex, range: query.range, userIds: query.userIds))
        }
        let activities = tampering.apply(to: dataset.records(of: page, in: tampering.days(of: query.range)))
        return pageReply(records: records, activities: activities, requestId: requestId)
    }

    /// A 200 answer: `requestId`, `records` and the users' activities as the wire shows them.
    func pageReply(records: ValueObject, activities: [GongUserActivity], requestId: String) -> EmulatorReply {
        jsonReply(200, .object(ValueObject([
            "requestId": .string(requestId),
            "records": .object(records),
            "usersDetailedActivities": .array(activities.map(render)),
        ])))
    }

    /// One user's record as the wire shows it (ids as strings or numbers, empty lists kept or left out).
    func render(_ user: GongUserActivity) -> Value {
        let asNumbers = configuration.idsAsNumbers
        let id: (String) -> Value = { asNumbers ? .number($0) : .string($0) }
        let days = user.days.map { day -> Value in
            var object = ValueObject()
            for list in GongActivityList.allCases {
                let calls = day.calls[list] ?? []
                if calls.isEmpty, configuration.omitEmptyLists { continue }
                object[list.rawValue] = .array(calls.map(id))
            }
            object[GongActivitySchema.fromDateKey] = .string(day.fromDate)
            object[GongActivitySchema.toDateKey] = .string(day.toDate)
            return .object(object)
        }
        return .object(ValueObject([
            GongActivitySchema.userIdField: id(user.userId),
            GongActivitySchema.emailField: .string(user.emailAddress),
            GongActivitySchema.daysField: .array(days),
        ]))
    }

    /// The date range of a request body's filter, whatever else the body holds (for the counters);
    /// `nil` when `filter.fromDate` and `filter.toDate` are not two ordered dates.
    func requestedRange(_ body: [UInt8]) -> DateRange? {
        guard let document = try? JSONParser.parse(body),
              case .string(let fromText)? = document["filter"]?["fromDate"], let from = CalendarDate(fromText),
              case .string(let toText)? = document["filter"]?["toDate"], let to = CalendarDate(toText), from <= to
        else { return nil }
        return DateRange(from: from, to: to)
    }

    private struct Problem: Error {
        let message: String
    }

    private func parse(_ body: [UInt8]) -> Result<Query, Problem> {
        let document: Value
        do {
            document = try JSONParser.parse(body)
        } catch {
            return .failure(Problem(message: "Malformed JSON body: \(error.message)"))
        }
        guard case .object(let filter)? = document["filter"] else {
            return .failure(Problem(message: "filter: must be an object with fromDate and toDate"))
        }
        guard case .string(let fromText)? = filter["fromDate"], let from = CalendarDate(fromText) else {
            return .failure(Problem(message: "filter.fromDate: expected a date in the format yyyy-MM-dd"))
        }
        guard case .string(let toText)? = filter["toDate"], let to = CalendarDate(toText) else {
            return .failure(Problem(message: "filter.toDate: expected a date in the format yyyy-MM-dd"))
        }
        guard from < to else {
            return .failure(Problem(message: "filter.fromDate must be before filter.toDate"))
        }
        let today = configuration.currentDay()
        guard to <= today else {
            return .failure(Problem(message: "filter.toDate must not be later than the current date (\(today))"))
        }
        var userIds: [String]?
        if let list = filter["userIds"], list != .null {
            guard case .array(let items) = list else {
                return .failure(Problem(message: "filter.userIds: expected a list of user ids"))
            }
            userIds = []
            for item in items {
                guard let text = item.digitsOrText, (1...20).contains(text.count), text.allSatisfy(\.isASCIIDigit)
                else { return .failure(Problem(message: "filter.userIds: invalid user id \(JSONWriter.string(item))")) }
                userIds?.append(text)
            }
        }
        let range = DateRange(from: from, to: to)
        var offset = 0
        if let cursorValue = document["cursor"], cursorValue != .null {
            guard case .string(let text) = cursorValue, let decoded = decodeCursor(text, range: range, userIds: userIds)
            else { return .failure(Problem(message: "The cursor is invalid or expired")) }
            offset = decoded
        }
        return .success(Query(range: range, userIds: userIds, offset: offset))
    }

    /// An opaque cursor: the next offset, bound to the filter it belongs to.
    private func cursor(offset: Int, range: DateRange, userIds: [String]?) -> String {
        let text = "\(offset):\(fingerprint(range: range, userIds: userIds))"
        return Data(text.utf8).base64EncodedString()
    }

    private func decodeCursor(_ cursor: String, range: DateRange, userIds: [String]?) -> Int? {
        guard let data = Data(base64Encoded: cursor) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: ":")
        guard parts.count == 2, let offset = Int(parts[0]), offset > 0,
              parts[1] == String(fingerprint(range: range, userIds: userIds))
        else { return nil }
        return offset
    }

    private func fingerprint(range: DateRange, userIds: [String]?) -> UInt64 {
        hash.value(of: "\(range)|\(userIds?.joined(separator: ",") ?? "*")")
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
