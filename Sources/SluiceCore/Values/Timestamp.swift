import Foundation

/// An instant with the UTC offset it was written in (`2024-03-04T00:00:00.250-08:00`).
///
/// Equality compares the instant and the offset, so a round trip keeps what Gong wrote.
public struct Timestamp: Sendable, Hashable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public let epochSeconds: Int64
    /// Nanoseconds within the second, 0 to 999,999,999.
    public let nanoseconds: Int32
    /// The offset from UTC, in seconds, that the local time was written in.
    public let offsetSeconds: Int32

    /// A timestamp from its parts.
    public init(epochSeconds: Int64, nanoseconds: Int32 = 0, offsetSeconds: Int32 = 0) {
        self.epochSeconds = epochSeconds
        self.nanoseconds = nanoseconds
        self.offsetSeconds = offsetSeconds
    }

    /// Parses ISO-8601 `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`; `nil` for anything else.
    public init?(iso8601 text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, let date = CalendarDate(String(decoding: bytes[0..<10], as: UTF8.self)),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hour = CalendarDate.number(bytes[11..<13]), let minute = CalendarDate.number(bytes[14..<16]),
              let second = CalendarDate.number(bytes[17..<19]), hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var nanos = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, let digit = CalendarDate.number(bytes[index..<index + 1]) {
                if digits < 9 { nanos = nanos * 10 + digit }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 9) { nanos *= 10 }
        }
        guard index < bytes.count else { return nil }
        let offset: Int
        if bytes[index] == UInt8(ascii: "Z"), index + 1 == bytes.count {
            offset = 0
        } else {
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"),
                  let offsetHours = CalendarDate.number(bytes[index + 1..<index + 3]),
                  let offsetMinutes = CalendarDate.number(bytes[index + 4..<index + 6]),
                  offsetHours < 24, offsetMinutes < 60
            else { return nil }
            let magnitude = offsetHours * 3600 + offsetMinutes * 60
            offset = bytes[index] == UInt8(ascii: "-") ? -magnitude : magnitude
        }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(epochSeconds: local - Int64(offset), nanoseconds: Int32(nanos), offsetSeconds: Int32(offset))
    }

    /// The calendar date of the local time, in the offset the timestamp was written in.
    public var localDate: CalendarDate {
        let local = epochSeconds + Int64(offsetSeconds)
        return CalendarDate(daysSinceEpoch: Int(local.floorDivided(by: 86_400)))
    }

    /// ISO-8601 in the original offset: `Z` for UTC, fractional seconds only when present.
    public var description: String {
        let local = epochSeconds + Int64(offsetSeconds)
        let secondOfDay = Int(local - local.floorDivided(by: 86_400) * 86_400)
        var text = localDate.description + "T"
            + CalendarDate.pad(secondOfDay / 3600, 2) + ":"
            + CalendarDate.pad(secondOfDay / 60 % 60, 2) + ":"
            + CalendarDate.pad(secondOfDay % 60, 2)
        if nanoseconds != 0 {
            var fraction = CalendarDate.pad(Int(nanoseconds), 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        if offsetSeconds == 0 { return text + "Z" }
        let magnitude = Int(offsetSeconds.magnitude)
        return text + (offsetSeconds < 0 ? "-" : "+")
            + CalendarDate.pad(magnitude / 3600, 2) + ":" + CalendarDate.pad(magnitude / 60 % 60, 2)
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

extension Timestamp {
    /// The current instant, in UTC, to the second.
    public static var now: Timestamp {
        Timestamp(epochSeconds: Int64(Date().timeIntervalSince1970))
    }
}
