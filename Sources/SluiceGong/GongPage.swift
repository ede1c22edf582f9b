import GongModel
package import SluiceCore

/// One answer of the day-by-day endpoint, skimmed: its cursor and counts, and where each user's
/// record lies in the body. A user's record is decoded only when asked for, so a page of a wide
/// window (tens of megabytes) is never held as a tree, only as its bytes.
/// `package`: the fuzzing targets (`SluiceFuzzTargets`) and the benchmarks decode pages with it.
package struct GongPage: Sendable {
    private let answer: GongAnswer
    /// The bytes of each user's record, in the order Gong sent them.
    package let users: [Range<Int>]
    /// The cursor of the next page; `nil` on the last one.
    let cursor: String?
    let requestId: String?
    /// `records.totalRecords`: the users of the whole answer, when Gong sent it.
    let totalRecords: Int?

    /// The member listing the users.
    private static let usersMember = "usersDetailedActivities"

    /// Scans the answer, reading its small members and finding its users.
    /// - Throws: ``SluiceError`` `.gongBadResponse` naming the JSON path of the first problem, with
    ///   Gong's requestId when the answer has one.
    package init(answer: GongAnswer) throws(SluiceError) {
        self.answer = answer
        var scanner = JSONPageScanner(arrayMember: Self.usersMember)
        try answer.forEachChunk { scanner.feed($0) }
        let layout: JSONPageScanner.Layout
        do {
            layout = try scanner.finish()
        } catch {
            throw Self.precise(error, in: answer)
        }
        let requestId = try Self.member("requestId", of: layout, in: answer)?.digitsOrText
        self.requestId = requestId
        do throws(SluiceError) {
            let records = try Self.member("records", of: layout, in: answer)
            switch records {
            case nil, .null?, .object?: break
            case let other?: throw Self.problem("expected an object, found \(other.kindName)", at: "$.records")
            }
            switch records?["cursor"] {
            case nil, .null?: cursor = nil
            case .string(let text)?: cursor = text
            case let other?: throw Self.problem("expected a string, found \(other.kindName)", at: "$.records.cursor")
            }
            totalRecords = try Self.count(records?["totalRecords"], at: "$.records.totalRecords")
            users = try Self.userRanges(layout, in: answer)
        } catch {
            throw requestId.map { error.adding("requestId", $0) } ?? error
        }
    }

    /// The row of user `position` (id, email, the days normalised: ids as strings, missing lists
    /// as `[]`, unknown keys left out).
    /// - Throws: ``SluiceError`` `.gongBadResponse` naming the JSON path of the first problem, or
    ///   `.gongInconsistentAnswer` for a day outside `days` or twice for the user, naming the user
    ///   and the day; both carry Gong's requestId when the answer has one.
    package func row(_ position: Int, days: DateRange) throws(SluiceError) -> [Value] {
        let path = JSONPath.join("$." + Self.usersMember, position)
        do throws(SluiceError) {
            let user: Value
            do {
                user = try JSONParser.parse(try answer.bytes(users[position]))
            } catch let error as JSONSyntaxError {
                throw Self.problem("the answer is not valid JSON: \(error.message)", at: path + error.path.dropFirst())
            } catch let error as SluiceError {
                throw error
            } catch {
                throw Self.problem("\(error)", at: path)
            }
            return try Self.row(user, at: path, days: days)
        } catch {
            throw requestId.map { error.adding("requestId", $0) } ?? error
        }
    }

    /// Appends the row of user `position` to `batch` (``GongActivitySource/recordSchema``) and
    /// returns the user's id: read by `reader` from the bytes, or, for a record it leaves, by
    /// ``row(_:days:)``, which names any problem.
    /// - Throws: what ``row(_:days:)`` throws.
    package func appendRow(_ position: Int, days: DateRange, to batch: inout RecordBatch, reader: inout GongUserReader)
        throws(SluiceError) -> String
    {
        let id: String?
        do throws(SluiceError) {
            id = try answer.withBytes(users[position]) { reader.append($0, window: days, to: &batch) }
        } catch {
            throw requestId.map { error.adding("requestId", $0) } ?? error
        }
        if let id { return id }
        let row = try row(position, days: days)
        batch.append(row)
        return row[0].digitsOrText ?? ""
    }

    /// The error of a broken answer, at the exact path the full parser names when the answer is
    /// small enough to parse whole.
    private static func precise(_ error: JSONSyntaxError, in answer: GongAnswer) -> SluiceError {
        let whole = answer.count <= GongAnswer.spillBytes ? try? answer.bytes(0..<answer.count) : nil
        let failure = whole.flatMap { bytes in Result { () throws(JSONSyntaxError) in try JSONParser.parse(bytes) }.failure } ?? error
        return problem("the answer is not valid JSON: \(failure.message)", at: failure.path)
    }

    /// The top-level member `key`, parsed (the last one when Gong repeats it); `nil` when missing.
    private static func member(_ key: String, of layout: JSONPageScanner.Layout, in answer: GongAnswer) throws(SluiceError) -> Value? {
        guard let range = layout.members.last(where: { $0.key == key })?.value else { return nil }
        do {
            return try JSONParser.parse(try answer.bytes(range))
        } catch let error as JSONSyntaxError {
            throw problem("the answer is not valid JSON: \(error.message)", at: "$." + key)
        } catch let error as SluiceError {
            throw error
        } catch {
            throw problem("\(error)", at: "$." + key)
        }
    }

    /// Where each user is; a missing or `null` list is no user.
    private static func userRanges(_ layout: JSONPageScanner.Layout, in answer: GongAnswer) throws(SluiceError) -> [Range<Int>] {
        guard let range = layout.members.first(where: { $0.key == usersMember })?.value else { return [] }
        let head = try answer.bytes(range.lowerBound..<min(range.upperBound, range.lowerBound + 4))
        if head == Array("null".utf8) { return [] }
        guard head.first == UInt8(ascii: "[") else {
            throw problem("expected a list, found \((try? JSONParser.parse(try answer.bytes(range)))?.kindName ?? "something else")",
                          at: "$." + usersMember)
        }
        return layout.elements
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

extension Result {
    /// The error, when this is a failure.
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
