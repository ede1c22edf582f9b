import GongModel
import SluiceCore

/// Reads the rows of ``GongActivitySchema/raw`` batches: a user, then each of the user's days.
///
/// Anything it cannot read exactly (a missing date, a list that is not a list, an id that is
/// not an id) is a `bad_record` ``SluiceError`` naming the user, the day and the field; it never
/// guesses. Missing or `null` lists are empty; unknown members are ignored (Gong adds fields).
struct GongRecordReader {
    /// The user of one record.
    struct User {
        /// The id, digit for digit.
        let id: String
        /// `id` as a value of the `user_id` column.
        let idValue: Value
        /// `.string` or `.null`.
        let email: Value
        /// Gong's day objects.
        let days: [Value]
    }

    /// One day of a user.
    struct Day {
        /// `.date`: the calendar date of `fromDate` in the offset Gong wrote.
        let date: Value
        /// `.timestamp`: `fromDate`, instant and offset.
        let start: Value
        /// `.timestamp`: `toDate`, instant and offset.
        let end: Value
        /// The fifteen lists in the order of ``GongActivitySchema/activities``, of `.string` call ids.
        let lists: [[Value]]

        /// Whether all fifteen lists are empty.
        var isEmpty: Bool { lists.allSatisfy(\.isEmpty) }
    }

    private let userIdIndex: Int
    private let emailIndex: Int
    private let daysIndex: Int
    private let width: Int
    /// Parsed dates by slot (day position * 2, + 1 for `toDate`): all users of a window share their days,
    /// so each text is usually parsed once per window instead of once per user.
    private var stamps: [(text: String, stamp: Timestamp)] = []

    private static let listNames = GongActivitySchema.activities.map(\.name)
    private static let listSlots = Dictionary(uniqueKeysWithValues: listNames.enumerated().map { ($1, $0) })
    private static let noLists = [[Value]](repeating: [], count: listNames.count)

    /// A reader of batches of `input`.
    /// - Throws: an `incompatible` ``ConfigIssue`` when `input` lacks the raw Gong fields.
    init(input: Schema, transform: String) throws(ConfigIssue) {
        (userIdIndex, emailIndex, daysIndex) = try GongActivitySchema.rawPositions(in: input, transform: transform)
        width = input.fields.count
    }

    /// The user of a row.
    func user(in row: [Value]) throws(SluiceError) -> User {
        guard row.count == width else {
            throw SluiceError(.badRecord, "a record has \(row.count) values for \(width) fields")
        }
        let idValue = row[userIdIndex]
        guard let id = Self.idText(idValue) else {
            throw SluiceError(.badRecord, "\(GongActivitySchema.userIdField) is \(Self.describe(idValue)), not an id",
                              context: [("field", GongActivitySchema.userIdField)])
        }
        let email = row[emailIndex]
        switch email {
        case .string(let text) where text.utf8.contains(0):
            throw Self.bad("\(GongActivitySchema.emailField) holds a NUL character, which a text column cannot store", user: id,
                           day: nil, field: GongActivitySchema.emailField)
        case .string, .null: break
        default:
            throw Self.bad("\(GongActivitySchema.emailField) is \(email.kindName), not a string", user: id, day: nil,
                           field: GongActivitySchema.emailField)
        }
        let stats = row[daysIndex]
        guard let days = stats.arrayOrEmpty else {
            throw Self.bad("\(GongActivitySchema.daysField) is \(stats.kindName), not a list of days", user: id, day: nil,
                           field: GongActivitySchema.daysField)
        }
        return User(id: id, idValue: .string(id), email: email, days: days)
    }

    /// Day `position` of `user`.
    mutating func day(at position: Int, of user: User) throws(SluiceError) -> Day {
        guard case .object(let object) = user.days[position] else {
            throw Self.bad("a day is \(user.days[position].kindName), not an object", user: user.id, day: Self.place(of: position),
                           field: GongActivitySchema.daysField)
        }
        let listCount = Self.listNames.count
        let start = try timestamp(object, GongActivitySchema.fromDateKey, expectedAt: listCount, slot: 2 * position,
                                  user: user, day: position)
        let end = try timestamp(object, GongActivitySchema.toDateKey, expectedAt: listCount + 1, slot: 2 * position + 1,
                                user: user, day: position)
        let date = start.localDate
        guard (end.epochSeconds, end.nanoseconds) > (start.epochSeconds, start.nanoseconds) else {
            throw Self.bad("\(GongActivitySchema.toDateKey) \(end) is not after \(GongActivitySchema.fromDateKey) \(start)",
                           user: user.id, day: date.description, field: GongActivitySchema.toDateKey)
        }
        var lists = Self.noLists
        for (offset, key) in object.keys.enumerated() {
            // Gong writes the lists in the spec's order: try the position before hashing the key.
            guard let slot = offset < listCount && Self.listNames[offset] == key ? offset : Self.listSlots[key]
            else { continue }
            lists[slot] = try Self.callIds(object.values[offset], list: key, user: user.id, day: date)
        }
        return Day(date: .date(date), start: .timestamp(start), end: .timestamp(end), lists: lists)
    }

    /// Where day `position` is, for messages: made only when something fails.
    private static func place(of position: Int) -> String {
        "\(GongActivitySchema.daysField)[\(position)]"
    }

    /// The member `key` of day `day`, parsed as an ISO-8601 timestamp.
    private mutating func timestamp(
        _ object: ValueObject, _ key: String, expectedAt position: Int, slot: Int, user: User, day: Int
    ) throws(SluiceError) -> Timestamp {
        let value = position < object.count && object.keys[position] == key ? object.values[position] : object[key]
        guard case .string(let text)? = value else {
            let found = value.map { "is \($0.kindName), not an ISO-8601 timestamp" } ?? "is missing"
            throw Self.bad("\(key) \(found)", user: user.id, day: Self.place(of: day), field: key)
        }
        if slot < stamps.count, stamps[slot].text == text { return stamps[slot].stamp }
        guard let stamp = Timestamp(iso8601: text) else {
            throw Self.bad("\(key) '\(text)' is not an ISO-8601 timestamp with an offset", user: user.id, day: Self.place(of: day),
                           field: key)
        }
        if slot < stamps.count {
            stamps[slot] = (text, stamp)
        } else if slot == stamps.count {
            stamps.append((text, stamp))
        }
        return stamp
    }

    /// The ids of one list as `.string` values; the list itself when it holds strings only.
    private static func callIds(_ value: Value, list: String, user: String, day: CalendarDate) throws(SluiceError)
        -> [Value]
    {
        guard let items = value.arrayOrEmpty else {
            throw bad("\(list) is \(value.kindName), not a list of call ids", user: user, day: day.description, field: list)
        }
        if items.allSatisfy({ if case .string(let text) = $0 { !text.isEmpty } else { false } }) { return items }
        return try items.map { item throws(SluiceError) in
            guard let id = idText(item) else {
                throw bad("a call id in \(list) is \(describe(item)), not an id", user: user, day: day.description,
                          field: list)
            }
            return .string(id)
        }
    }

    /// The text of an id: a non-empty string as written (without NUL, which a text column cannot
    /// store), or the digits of a JSON integer of any length.
    static func idText(_ value: Value) -> String? {
        guard let text = value.digitsOrText, !text.isEmpty, !text.utf8.contains(0) else { return nil }
        if case .string = value { return text }
        return text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ? text : nil
    }

    /// The kind of a value, with its JSON when short (`number 1.5`, `object`).
    private static func describe(_ value: Value) -> String {
        switch value {
        case .array, .object: value.kindName
        default: "\(value.kindName) \(JSONWriter.string(value).prefix(40))"
        }
    }

    private static func bad(_ message: String, user: String, day: String?, field: String) -> SluiceError {
        var context: [(label: String, value: String)] = [("user", user)]
        if let day { context.append(("day", day)) }
        context.append(("field", field))
        return SluiceError(.badRecord, message, context: context)
    }
}
