import SluiceCore

/// Reads the rows of ``GongActivitySchema/raw`` batches: a user, then each of the user's days,
/// straight from the JSON text of the days column (no ``Value`` tree, no string per call id).
///
/// Anything it cannot read exactly (a missing date, a list that is not a list, an id that is
/// not an id) is a `bad_record` ``SluiceError`` naming the user, the day and the field; it never
/// guesses. Missing or `null` lists are empty; unknown members are ignored (Gong adds fields).
struct GongRecordReader {
    /// The user of one record.
    struct User {
        /// The id, digit for digit, as UTF-8.
        let id: [UInt8]
        /// The email address as UTF-8, or `nil` when null.
        let email: [UInt8]?
        /// The record's row and its batch, whose days column holds the user's days.
        let row: Int
        let days: Column

        /// The id, for messages.
        var idText: String { String(decoding: id, as: UTF8.self) }
    }

    /// One day of a user, valid only inside the call that hands it over.
    struct Day {
        /// `.date`: the calendar date of `fromDate` in the offset Gong wrote.
        let date: Value
        /// `.timestamp`: `fromDate`, instant and offset.
        let start: Value
        /// `.timestamp`: `toDate`, instant and offset.
        let end: Value
        /// The call ids of the fifteen lists, in the order of ``GongActivitySchema/activities``.
        let lists: [[CallID]]
        /// The text the ids are read from.
        let text: UnsafeBufferPointer<UInt8>

        /// Whether all fifteen lists are empty.
        var isEmpty: Bool { lists.allSatisfy(\.isEmpty) }

        /// Hands `body` the UTF-8 bytes of `id`.
        func withBytes<Result>(of id: CallID, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
            guard id.isEscaped else { return try body(UnsafeBufferPointer(rebasing: text[id.range])) }
            var bytes: [UInt8] = []
            JSONCursor(text).unescape(id, into: &bytes)
            return try bytes.withUnsafeBufferPointer(body)
        }

        /// `id` as a `.string`.
        func value(of id: CallID) -> Value {
            withBytes(of: id) { .string(String(decoding: $0, as: UTF8.self)) }
        }
    }

    /// Where one call id lies in the day's text: a string's contents (maybe escaped) or an integer's digits.
    typealias CallID = JSONCursor.StringToken

    /// Where reading a user's days has got to, between two days.
    struct DayPosition {
        fileprivate var index: Int?
        fileprivate var number = 0
        fileprivate var done = false
    }

    private let userIdIndex: Int
    private let emailIndex: Int
    private let daysIndex: Int
    /// Parsed dates by slot (day number * 2, + 1 for `toDate`): all users of a window share their days,
    /// so each text is usually parsed once per window instead of once per user.
    private var stamps: [(text: [UInt8], stamp: Timestamp)] = []
    /// The lists of the day being read, kept to reuse their storage.
    private var lists = [[CallID]](repeating: [], count: listNames.count)

    private static let listNames = GongActivitySchema.activities.map { Array($0.name.utf8) }
    private static let fromDateKey = Array(GongActivitySchema.fromDateKey.utf8)
    private static let toDateKey = Array(GongActivitySchema.toDateKey.utf8)

    /// A reader of batches of `input`.
    /// - Throws: an `incompatible` ``ConfigIssue`` when `input` lacks the raw Gong fields.
    init(input: Schema, transform: String) throws(ConfigIssue) {
        (userIdIndex, emailIndex, daysIndex) = try GongActivitySchema.rawPositions(in: input, transform: transform)
    }

    /// The user of row `row` of `batch`.
    func user(_ row: Int, of batch: RecordBatch) throws(SluiceError) -> User {
        let ids = batch.columns[userIdIndex]
        let id: [UInt8]
        if ids.storage == .text, !ids.isNull(row) {
            id = ids.withBytes(row) { Array($0) }
            guard !id.isEmpty, !id.contains(0) else { throw notAnID(batch[row, userIdIndex]) }
        } else {
            let value = batch[row, userIdIndex]
            guard let text = Self.idText(value) else { throw notAnID(value) }
            id = Array(text.utf8)
        }
        let emails = batch.columns[emailIndex]
        let email: [UInt8]?
        switch emails.storage == .text ? nil : batch[row, emailIndex] {
        case nil: email = emails.isNull(row) ? nil : emails.withBytes(row) { Array($0) }
        case .string(let text)?: email = Array(text.utf8)
        case .null?: email = nil
        case let other?:
            throw Self.bad("\(GongActivitySchema.emailField) is \(other.kindName), not a string", user: String(decoding: id, as: UTF8.self),
                           day: nil, field: GongActivitySchema.emailField)
        }
        if let email, email.contains(0) {
            throw Self.bad("\(GongActivitySchema.emailField) holds a NUL character, which a text column cannot store",
                           user: String(decoding: id, as: UTF8.self), day: nil, field: GongActivitySchema.emailField)
        }
        return User(id: id, email: email, row: row, days: batch.columns[daysIndex])
    }

    /// Reads the user's next day and hands it to `body`; `false` (without calling it) after the last.
    mutating func nextDay(of user: User, at position: inout DayPosition, _ body: (Day) throws -> Void) throws -> Bool {
        guard !position.done, !user.days.isNull(user.row) else { return false }
        return try user.days.withBytes(user.row) { text throws -> Bool in
            do {
                var cursor = JSONCursor(text, at: position.index ?? 0)
                if position.index == nil {
                    if try cursor.readNull() { return false }
                    guard try cursor.peek() == .array else {
                        throw Self.bad("\(GongActivitySchema.daysField) is \(Self.kindName(try cursor.peek())), not a list of days",
                                       user: user.idText, day: nil, field: GongActivitySchema.daysField)
                    }
                    try cursor.beginArray()
                }
                guard try cursor.nextElement() else {
                    position.done = true
                    return false
                }
                let day = try readDay(&cursor, number: position.number, text: text, user: user)
                position.index = cursor.index
                position.number += 1
                try body(day)
                return true
            } catch let error as JSONSyntaxError {
                throw Self.bad("the days are not valid JSON: \(error)", user: user.idText, day: nil, field: GongActivitySchema.daysField)
            }
        }
    }

    /// Reads one day object at the cursor.
    private mutating func readDay(_ cursor: inout JSONCursor, number: Int, text: UnsafeBufferPointer<UInt8>, user: User) throws -> Day {
        let place = { "\(GongActivitySchema.daysField)[\(number)]" }
        guard try cursor.peek() == .object else {
            throw Self.bad("a day is \(Self.kindName(try cursor.peek())), not an object", user: user.idText, day: place(),
                           field: GongActivitySchema.daysField)
        }
        for slot in lists.indices { lists[slot].removeAll(keepingCapacity: true) }
        var from: Range<Int>?
        var to: Range<Int>?
        // A bad list is reported once the day's date is known, to name the day by it.
        var badList: (message: String, list: String)?
        var offset = 0
        try cursor.beginObject()
        while let key = try cursor.nextKey() {
            defer { offset += 1 }
            let start = cursor.index
            // Gong writes the lists in the spec's order, after the two dates: try that place first.
            let guess = offset - 2
            if let slot = guess >= 0 && guess < Self.listNames.count && cursor.token(key, equals: Self.listNames[guess]) ? guess
                : Self.listNames.firstIndex(where: { cursor.token(key, equals: $0) })
            {
                lists[slot].removeAll(keepingCapacity: true)
                if let problem = try readIDs(&cursor, into: slot, list: GongActivitySchema.activities[slot].name), badList == nil {
                    badList = (problem, GongActivitySchema.activities[slot].name)
                    cursor = JSONCursor(text, at: start)
                    try cursor.skipValue()
                }
                continue
            }
            try cursor.skipValue()
            if cursor.token(key, equals: Self.fromDateKey) {
                from = start..<cursor.index
            } else if cursor.token(key, equals: Self.toDateKey) {
                to = start..<cursor.index
            }
        }
        let startStamp = try timestamp(from, text: text, key: GongActivitySchema.fromDateKey, slot: 2 * number, user: user, day: place)
        let endStamp = try timestamp(to, text: text, key: GongActivitySchema.toDateKey, slot: 2 * number + 1, user: user, day: place)
        let date = startStamp.localDate
        guard (endStamp.epochSeconds, endStamp.nanoseconds) > (startStamp.epochSeconds, startStamp.nanoseconds) else {
            throw Self.bad("\(GongActivitySchema.toDateKey) \(endStamp) is not after \(GongActivitySchema.fromDateKey) \(startStamp)",
                           user: user.idText, day: date.description, field: GongActivitySchema.toDateKey)
        }
        if let badList { throw Self.bad(badList.message, user: user.idText, day: date.description, field: badList.list) }
        return Day(date: .date(date), start: .timestamp(startStamp), end: .timestamp(endStamp), lists: lists, text: text)
    }

    /// Reads one list of call ids into `lists[slot]`: strings (not empty, without NUL) or integers'
    /// digits. Returns what is wrong with the list, if anything, leaving the cursor inside it.
    private mutating func readIDs(_ cursor: inout JSONCursor, into slot: Int, list: String) throws(JSONSyntaxError) -> String? {
        if try cursor.readNull() { return nil }
        guard try cursor.peek() == .array else {
            return "\(list) is \(Self.kindName(try cursor.peek())), not a list of call ids"
        }
        try cursor.beginArray()
        while try cursor.nextElement() {
            let start = cursor.index
            let id: CallID?
            switch try cursor.peek() {
            case .string:
                let token = try cursor.readString()
                id = token.range.isEmpty || (token.isEscaped && Self.unescapesToNUL(token, in: cursor)) ? nil
                    : CallID(range: token.range, isEscaped: token.isEscaped)
            case .number:
                let number = try cursor.readNumber()
                let digits = cursor.bytes[number.range]
                id = digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ? CallID(range: number.range, isEscaped: false) : nil
            default:
                try cursor.skipValue()
                id = nil
            }
            guard let id else {
                var probe = JSONCursor(cursor.bytes, at: start)
                let kind = Self.kindName(try probe.peek())
                let shown = String(decoding: cursor.bytes[start..<cursor.index].prefix(40), as: UTF8.self)
                return "a call id in \(list) is \(kind == "array" || kind == "object" ? kind : "\(kind) \(shown)"), not an id"
            }
            lists[slot].append(id)
        }
        return nil
    }

    /// The timestamp at `range` (the value of member `key`), parsed once per slot and text.
    private mutating func timestamp(
        _ range: Range<Int>?, text: UnsafeBufferPointer<UInt8>, key: String, slot: Int, user: User, day: () -> String
    ) throws(SluiceError) -> Timestamp {
        guard let range else { throw Self.bad("\(key) is missing", user: user.idText, day: day(), field: key) }
        var cursor = JSONCursor(UnsafeBufferPointer(rebasing: text[range]))
        guard (try? cursor.peek()) == .string, let token = try? cursor.readString() else {
            let kind = Self.kindName(try? cursor.peek())
            throw Self.bad("\(key) is \(kind), not an ISO-8601 timestamp", user: user.idText, day: day(), field: key)
        }
        var bytes: [UInt8] = []
        cursor.unescape(token, into: &bytes)
        if slot < stamps.count, stamps[slot].text == bytes { return stamps[slot].stamp }
        let string = String(decoding: bytes, as: UTF8.self)
        guard let stamp = Timestamp(iso8601: string) else {
            throw Self.bad("\(key) '\(string)' is not an ISO-8601 timestamp with an offset", user: user.idText, day: day(), field: key)
        }
        if slot < stamps.count {
            stamps[slot] = (bytes, stamp)
        } else if slot == stamps.count {
            stamps.append((bytes, stamp))
        }
        return stamp
    }

    private static func unescapesToNUL(_ token: JSONCursor.StringToken, in cursor: JSONCursor) -> Bool {
        var bytes: [UInt8] = []
        cursor.unescape(token, into: &bytes)
        return bytes.contains(0)
    }

    /// The text of an id: a non-empty string as written (without NUL, which a text column cannot
    /// store), or the digits of a JSON integer of any length.
    static func idText(_ value: Value) -> String? {
        guard let text = value.digitsOrText, !text.isEmpty, !text.utf8.contains(0) else { return nil }
        if case .string = value { return text }
        return text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ? text : nil
    }

    private func notAnID(_ value: Value) -> SluiceError {
        SluiceError(.badRecord, "\(GongActivitySchema.userIdField) is \(Self.describe(value)), not an id",
                    context: [("field", GongActivitySchema.userIdField)])
    }

    /// The kind of a value, with its JSON when short (`number 1.5`, `object`).
    private static func describe(_ value: Value) -> String {
        switch value {
        case .array, .object: value.kindName
        default: "\(value.kindName) \(JSONWriter.string(value).prefix(40))"
        }
    }

    /// The name of a JSON kind, as ``Value/kindName`` says it.
    private static func kindName(_ kind: JSONCursor.Kind?) -> String {
        switch kind {
        case .object?: "object"
        case .array?: "array"
        case .string?: "string"
        case .number?: "number"
        case .bool?: "boolean"
        case .null?: "null"
        case nil: "not JSON"
        }
    }

    private static func bad(_ message: String, user: String, day: String?, field: String) -> SluiceError {
        var context: [(label: String, value: String)] = [("user", user)]
        if let day { context.append(("day", day)) }
        context.append(("field", field))
        return SluiceError(.badRecord, message, context: context)
    }
}
