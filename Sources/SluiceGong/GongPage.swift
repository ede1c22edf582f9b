import GongEmulator
package import SluiceCore

/// One decoded page of the day-by-day endpoint: rows in the source's schema and the next cursor.
///
/// `package`: the fuzzing targets (`SluiceFuzzTargets`) decode hostile bodies with it.
package struct GongPage: Sendable {
    let rows: [[Value]]
    /// The cursor of the next page; `nil` on the last one.
    let cursor: String?
    let requestId: String?
    /// `records.totalRecords`: the users of the whole answer, when Gong sent it.
    let totalRecords: Int?

    /// Decodes the body of an answer to a request for `days`, normalising ids to strings and missing
    /// lists to `[]`, ignoring unknown keys.
    /// - Throws: ``SluiceError`` `.gongBadResponse` naming the JSON path of the first problem, or
    ///   `.gongInconsistentAnswer` for a day outside `days` or twice for one user, naming the user and
    ///   the day; both carry Gong's requestId when the answer has one.
    package init(body: [UInt8], days: DateRange) throws(SluiceError) {
        let document: Value
        do {
            document = try JSONParser.parse(body)
        } catch {
            throw Self.problem("the answer is not valid JSON: \(error.message)", at: error.path)
        }
        guard case .object(let root) = document else {
            throw Self.problem("expected an object, found \(document.kindName)", at: "$")
        }
        let requestId = root["requestId"]?.digitsOrText
        self.requestId = requestId
        do throws(SluiceError) {
            switch root["records"]?["cursor"] {
            case nil, .null?: cursor = nil
            case .string(let text)?: cursor = text
            case let other?: throw Self.problem("expected a string, found \(other.kindName)", at: "$.records.cursor")
            }
            totalRecords = try Self.count(root["records"]?["totalRecords"], at: "$.records.totalRecords")
            let users = try Self.list(root["usersDetailedActivities"], at: "$.usersDetailedActivities")
            var rows: [[Value]] = []
            rows.reserveCapacity(users.count)
            for (position, user) in users.enumerated() {
                rows.append(try Self.row(user, at: JSONPath.join("$.usersDetailedActivities", position), days: days))
            }
            self.rows = rows
        } catch {
            throw requestId.map { error.adding("requestId", $0) } ?? error
        }
    }

    private static func row(_ user: Value, at path: String, days window: DateRange) throws(SluiceError) -> [Value] {
        guard case .object(let object) = user else { throw problem("expected an object, found \(user.kindName)", at: path) }
        let userId = try id(object["userId"] ?? .null, at: path + ".userId")
        let email: Value
        switch object["userEmailAddress"] {
        case nil, .null?: email = .null
        case .string(let text)?: email = .string(text)
        case let other?: throw problem("expected a string, found \(other.kindName)", at: path + ".userEmailAddress")
        }
        let daysPath = path + ".userDailyActivityStats"
        let days = try list(object["userDailyActivityStats"], at: daysPath)
        var normalised: [Value] = []
        normalised.reserveCapacity(days.count)
        var dates = Set<CalendarDate>(minimumCapacity: days.count)
        for (position, day) in days.enumerated() {
            let dayPath = JSONPath.join(daysPath, position)
            let (value, date) = try self.day(day, at: dayPath)
            // `day` downstream is the date of fromDate in the offset Gong wrote: the same date here.
            if !window.contains(date) {
                throw inconsistent(day: date, of: userId, "outside the days asked for (\(window))", at: dayPath)
            }
            if !dates.insert(date).inserted {
                throw inconsistent(day: date, of: userId, "twice for the same user", at: dayPath)
            }
            normalised.append(value)
        }
        return [.string(userId), email, .array(normalised)]
    }

    private static func inconsistent(day: CalendarDate, of user: String, _ problem: String, at path: String) -> SluiceError {
        .gongInconsistent("Gong's answer holds day \(day) of user \(user) \(problem)",
                          context: [("user", user), ("day", day.description), ("path", path + ".fromDate")])
    }

    /// A day with the fifteen lists in the spec's order (ids as strings), then `fromDate` and `toDate`
    /// as written; and the calendar date of `fromDate` in the offset written.
    private static func day(_ day: Value, at path: String) throws(SluiceError) -> (Value, CalendarDate) {
        guard case .object(let object) = day else { throw problem("expected an object, found \(day.kindName)", at: path) }
        var result = ValueObject()
        for list in GongActivityList.allCases {
            let listPath = path + "." + list.rawValue
            var ids: [Value] = []
            for (position, item) in try self.list(object[list.rawValue], at: listPath).enumerated() {
                ids.append(.string(try id(item, at: JSONPath.join(listPath, position))))
            }
            result[list.rawValue] = .array(ids)
        }
        let from = try timestamp(object, "fromDate", at: path)
        let to = try timestamp(object, "toDate", at: path)
        result["fromDate"] = .string(from.text)
        result["toDate"] = .string(to.text)
        return (.object(result), from.stamp.localDate)
    }

    /// The member `key` of a day: an ISO-8601 timestamp string, as written and parsed.
    private static func timestamp(_ day: ValueObject, _ key: String, at path: String) throws(SluiceError)
        -> (text: String, stamp: Timestamp)
    {
        guard case .string(let text)? = day[key], let stamp = Timestamp(iso8601: text) else {
            let found = day[key].map { "found \($0.kindName == "string" ? JSONWriter.string($0) : $0.kindName)" } ?? "missing"
            throw problem("expected an ISO-8601 timestamp string, \(found)", at: path + "." + key)
        }
        return (text, stamp)
    }

    /// A count such as `totalRecords`: a whole number from 0 to `Int32.max` (the spec's int32);
    /// `nil` when missing or `null`.
    private static func count(_ value: Value?, at path: String) throws(SluiceError) -> Int? {
        switch value {
        case nil, .null?:
            return nil
        case .int(let number)? where (0...Int64(Int32.max)).contains(number):
            return Int(number)
        case let other?:
            throw problem("expected a count from 0 to \(Int32.max), found \(JSONWriter.string(other).prefix(40))", at: path)
        }
    }

    /// The items of a list; missing or `null` is `[]`.
    private static func list(_ value: Value?, at path: String) throws(SluiceError) -> [Value] {
        guard let items = (value ?? .null).arrayOrEmpty else {
            throw problem("expected a list, found \(value?.kindName ?? "nothing")", at: path)
        }
        return items
    }

    /// An id as a string, digit for digit, whether Gong sent a string or a bare number.
    private static func id(_ value: Value, at path: String) throws(SluiceError) -> String {
        switch value {
        case .string(let text) where !text.isEmpty:
            return text
        case .int(let number) where number >= 0:
            return String(number)
        case .number(let literal) where literal.allSatisfy(\.isASCIIDigit):
            return literal
        default:
            throw problem("expected an id (a string or a whole number), found \(value.kindName)", at: path)
        }
    }

    private static func problem(_ message: String, at path: String) -> SluiceError {
        SluiceError(.gongBadResponse, "Gong's answer does not match the API: \(message)", context: [("path", path)])
    }
}
