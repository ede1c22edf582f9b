import GongModel
package import SluiceCore

/// The fast path of ``GongPage``: reads one user's record straight from its bytes into a row of
/// ``GongActivitySource/recordSchema`` (id and email as text, the days as normalised JSON text:
/// the fifteen lists in the spec's order with ids as strings, then `fromDate` and `toDate`),
/// without a ``Value`` tree.
///
/// It reads only records that are plainly right: anything unusual (an escape in a string, a
/// repeated member, a value of the wrong kind, a day outside the window, twice or out of order) makes it give
/// up, and ``GongPage`` reads the record again on its exact path, which names the problem.
package struct GongUserReader {
    /// The lists' ids of the day being read, by slot, kept to reuse their storage.
    private var lists = [[Range<Int>]](repeating: [], count: GongActivityList.allCases.count)
    /// The days read of the user being read, and the last one's date: days must come in order
    /// (as Gong sends them), which rules out a day twice without a set of dates.
    private var dayCount = 0
    private var lastDate: CalendarDate?
    /// The normalised days being written.
    private var days: [UInt8] = []
    /// The days' dates, parsed once per day of the window.
    private var stamps = TimestampCache()

    package init() {}

    private static let recordMembers = JSONMemberNames(["userId", "userEmailAddress", "userDailyActivityStats"])
    private static let dayMembers = JSONMemberNames(GongActivityList.allCases.map(\.rawValue) + ["fromDate", "toDate"])
    private static let fromDateSlot = GongActivityList.allCases.count
    /// `"callsAsHost":` and the other lists' names, quoted, each with its colon, end to end.
    private static let listKeys = ListKeys()

    /// The lists' quoted names in one buffer, and a whole day of empty lists up to `fromDate`'s value.
    private struct ListKeys {
        let bytes: [UInt8]
        let ranges: [Range<Int>]
        /// `{"callsAsHost":[],...,"callsScorecardsReceived":[],"fromDate":"`: most days, written at once.
        let emptyDay: [UInt8]

        init() {
            var bytes: [UInt8] = []
            var ranges: [Range<Int>] = []
            for list in GongActivityList.allCases {
                let start = bytes.count
                bytes.append(contentsOf: "\"\(list.rawValue)\":".utf8)
                ranges.append(start..<bytes.count)
            }
            self.bytes = bytes
            self.ranges = ranges
            emptyDay = Array(("{" + GongActivityList.allCases.map { "\"\($0.rawValue)\":[]," }.joined() + #""fromDate":""#).utf8)
        }
    }

    /// Appends the row of the record in `bytes` to `batch`, and returns the user's id; `nil` (with
    /// nothing appended) when the record needs the exact path.
    package mutating func append(_ buffer: UnsafeBufferPointer<UInt8>, window: DateRange, to batch: inout RecordBatch) -> String? {
        var cursor = JSONCursor(buffer)
        days.removeAll(keepingCapacity: true)
        (dayCount, lastDate) = (0, nil)
        guard let (id, email) = try? record(&cursor, window: window), (try? cursor.end()) != nil else { return nil }
        if days.isEmpty { days.append(contentsOf: "[]".utf8) }
        batch.appendRow { row in
            row.bytes(UnsafeBufferPointer(rebasing: buffer[id]))
            if let email { row.bytes(UnsafeBufferPointer(rebasing: buffer[email])) } else { row.null() }
            days.withUnsafeBufferPointer { row.bytes($0) }
        }
        return String(decoding: buffer[id], as: UTF8.self)
    }

    /// The id (a plain string or whole number) and the email (a plain string, or `nil` for null
    /// or missing); the days are written normalised into `days` on the way (left empty when null
    /// or missing).
    private mutating func record(_ cursor: inout JSONCursor, window: DateRange) throws -> (Range<Int>, Range<Int>?) {
        var id: Range<Int>?
        var email: Range<Int>?
        var seen: UInt32 = 0
        try cursor.beginObject()
        while let key = try cursor.nextKey() {
            let member = Self.recordMembers.position(of: key, in: cursor)
            if let member, !Self.mark(member, in: &seen) { throw GiveUp() }
            switch member {
            case 0?: id = try Self.id(&cursor)
            case 1?: email = try cursor.readNull() ? nil : try Self.plainString(&cursor)
            case 2?:
                if try cursor.readNull() { break }
                guard try cursor.peek() == .array, try normalisedDays(&cursor, window: window) else { throw GiveUp() }
            default: try cursor.skipValue()
            }
        }
        guard let id else { throw GiveUp() }
        return (id, email)
    }

    /// Reads the list of days at the cursor, writing it normalised into `days`; `false` when a day
    /// needs the exact path.
    private mutating func normalisedDays(_ cursor: inout JSONCursor, window: DateRange) throws -> Bool {
        days.append(UInt8(ascii: "["))
        try cursor.beginArray()
        var first = true
        while try cursor.nextElement() {
            if !first { days.append(UInt8(ascii: ",")) }
            first = false
            guard try day(&cursor, window: window) else { return false }
        }
        days.append(UInt8(ascii: "]"))
        return true
    }

    /// Reads one day and writes it normalised; `false` when it needs the exact path.
    private mutating func day(_ cursor: inout JSONCursor, window: DateRange) throws -> Bool {
        for slot in lists.indices where !lists[slot].isEmpty { lists[slot].removeAll(keepingCapacity: true) }
        var from: Range<Int>?
        var to: Range<Int>?
        var seen: UInt32 = 0
        let members = Self.dayMembers
        var anyID = false
        var expected = 0
        try cursor.beginObject()
        while let key = try cursor.nextKey() {
            let member = members.position(of: key, in: cursor, expected: expected)
            expected = (member ?? -1) + 1
            if let member, !Self.mark(member, in: &seen) { return false }
            switch member {
            case let slot? where slot < Self.fromDateSlot:
                if cursor.readEmptyArray() { continue }
                if try cursor.readNull() { continue }
                try cursor.beginArray()
                while try cursor.nextElement() { lists[slot].append(try Self.id(&cursor)) }
                anyID = anyID || !lists[slot].isEmpty
            case Self.fromDateSlot?: from = try Self.plainString(&cursor)
            case _?: to = try Self.plainString(&cursor)
            case nil: try cursor.skipValue()
            }
        }
        guard let from, let to,
              let start = stamps.timestamp(UnsafeBufferPointer(rebasing: cursor.bytes[from]), slot: 2 * dayCount),
              stamps.timestamp(UnsafeBufferPointer(rebasing: cursor.bytes[to]), slot: 2 * dayCount + 1) != nil,
              window.contains(start.localDate), lastDate.map({ $0 < start.localDate }) ?? true
        else { return false }
        (dayCount, lastDate) = (dayCount + 1, start.localDate)
        let keys = Self.listKeys
        if anyID {
            days.append(UInt8(ascii: "{"))
            for (slot, ids) in lists.enumerated() {
                days.append(contentsOf: keys.bytes[keys.ranges[slot]])
                days.append(UInt8(ascii: "["))
                for (position, id) in ids.enumerated() {
                    if position > 0 { days.append(UInt8(ascii: ",")) }
                    quoted(id, of: cursor)
                }
                days.append(contentsOf: "],".utf8)
            }
            days.append(contentsOf: #""fromDate":""#.utf8)
        } else {
            days.append(contentsOf: keys.emptyDay)
        }
        days.append(contentsOf: UnsafeBufferPointer(rebasing: cursor.bytes[from]))
        days.append(UInt8(ascii: "\""))
        days.append(contentsOf: #","toDate":"#.utf8)
        quoted(to, of: cursor)
        days.append(UInt8(ascii: "}"))
        return true
    }

    /// Writes the plain bytes at `range` between quotes.
    private mutating func quoted(_ range: Range<Int>, of cursor: JSONCursor) {
        days.append(UInt8(ascii: "\""))
        days.append(contentsOf: UnsafeBufferPointer(rebasing: cursor.bytes[range]))
        days.append(UInt8(ascii: "\""))
    }

    /// An id: a non-empty string without escapes, or a whole number's digits.
    private static func id(_ cursor: inout JSONCursor) throws -> Range<Int> {
        switch try cursor.peek() {
        case .string:
            let range = try plainString(&cursor)
            guard !range.isEmpty else { throw GiveUp() }
            return range
        case .number:
            let number = try cursor.readNumber()
            guard number.isInteger, cursor.bytes[number.range.lowerBound] != UInt8(ascii: "-") else { throw GiveUp() }
            return number.range
        default: throw GiveUp()
        }
    }

    /// The contents of a string without escapes (its bytes are then its text, as JSON writes it).
    private static func plainString(_ cursor: inout JSONCursor) throws -> Range<Int> {
        guard try cursor.peek() == .string else { throw GiveUp() }
        let token = try cursor.readString()
        guard !token.isEscaped else { throw GiveUp() }
        return token.range
    }

    /// Marks member `position` as seen; `false` when it already was (a repeated member).
    private static func mark(_ position: Int, in seen: inout UInt32) -> Bool {
        let bit: UInt32 = 1 << position
        defer { seen |= bit }
        return seen & bit == 0
    }

    /// The record needs the exact path.
    private struct GiveUp: Error {}
}
