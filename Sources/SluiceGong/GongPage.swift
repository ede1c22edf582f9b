import GongEmulator
import SluiceCore

/// One decoded page of the day-by-day endpoint: rows in the source's schema and the next cursor.
struct GongPage: Sendable {
    let rows: [[Value]]
    /// The cursor of the next page; `nil` on the last one.
    let cursor: String?
    let requestId: String?

    /// Decodes an answer's body, normalising ids to strings and missing lists to `[]`, ignoring unknown keys.
    /// - Throws: ``SluiceError`` `.gongBadResponse` naming the JSON path of the first problem.
    init(body: [UInt8]) throws(SluiceError) {
        let document: Value
        do {
            document = try JSONParser.parse(body)
        } catch {
            throw Self.problem("the answer is not valid JSON: \(error.message)", at: error.path)
        }
        guard case .object(let root) = document else {
            throw Self.problem("expected an object, found \(document.kindName)", at: "$")
        }
        requestId = root["requestId"]?.digitsOrText
        switch root["records"]?["cursor"] {
        case nil, .null?: cursor = nil
        case .string(let text)?: cursor = text
        case let other?: throw Self.problem("expected a string, found \(other.kindName)", at: "$.records.cursor")
        }
        let users = try Self.list(root["usersDetailedActivities"], at: "$.usersDetailedActivities")
        var rows: [[Value]] = []
        rows.reserveCapacity(users.count)
        for (position, user) in users.enumerated() {
            rows.append(try Self.row(user, at: JSONPath.join("$.usersDetailedActivities", position)))
        }
        self.rows = rows
    }

    private static func row(_ user: Value, at path: String) throws(SluiceError) -> [Value] {
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
        for (position, day) in days.enumerated() {
            normalised.append(try self.day(day, at: JSONPath.join(daysPath, position)))
        }
        return [userId, email, .array(normalised)]
    }

    /// A day with the fifteen lists in the spec's order (ids as strings), then `fromDate` and `toDate` as written.
    private static func day(_ day: Value, at path: String) throws(SluiceError) -> Value {
        guard case .object(let object) = day else { throw problem("expected an object, found \(day.kindName)", at: path) }
        var result = ValueObject()
        for list in GongActivityList.allCases {
            let listPath = path + "." + list.rawValue
            var ids: [Value] = []
            for (position, item) in try self.list(object[list.rawValue], at: listPath).enumerated() {
                ids.append(try id(item, at: JSONPath.join(listPath, position)))
            }
            result[list.rawValue] = .array(ids)
        }
        for key in ["fromDate", "toDate"] {
            guard case .string(let text)? = object[key], Timestamp(iso8601: text) != nil else {
                let found = object[key].map { "found \($0.kindName == "string" ? JSONWriter.string($0) : $0.kindName)" } ?? "missing"
                throw problem("expected an ISO-8601 timestamp string, \(found)", at: path + "." + key)
            }
            result[key] = .string(text)
        }
        return .object(result)
    }

    /// The items of a list; missing or `null` is `[]`.
    private static func list(_ value: Value?, at path: String) throws(SluiceError) -> [Value] {
        guard let items = (value ?? .null).arrayOrEmpty else {
            throw problem("expected a list, found \(value?.kindName ?? "nothing")", at: path)
        }
        return items
    }

    /// An id as a string, digit for digit, whether Gong sent a string or a bare number.
    private static func id(_ value: Value, at path: String) throws(SluiceError) -> Value {
        switch value {
        case .string(let text) where !text.isEmpty:
            return .string(text)
        case .int(let number) where number >= 0:
            return .string(String(number))
        case .number(let literal) where literal.allSatisfy(\.isASCIIDigit):
            return .string(literal)
        default:
            throw problem("expected an id (a string or a whole number), found \(value.kindName)", at: path)
        }
    }

    private static func problem(_ message: String, at path: String) -> SluiceError {
        SluiceError(.gongBadResponse, "Gong's answer does not match the API: \(message)", context: [("path", path)])
    }
}
