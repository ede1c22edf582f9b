import SluiceCore

extension CopyEncoder {
    /// Appends the decimal digits of `number`.
    static func appendDecimal(_ number: Int64, into buffer: CopyBuffer) {
        if number < 0 { buffer.append(UInt8(ascii: "-")) }
        appendDigits(number.magnitude, minimumWidth: 1, into: buffer)
    }

    /// `YYYY-MM-DD` (`YYYY-MM-DD BC` before year 1).
    static func appendDate(_ date: CalendarDate, into buffer: CopyBuffer) {
        appendDay(of: date, into: buffer)
        appendEra(of: date, into: buffer)
    }

    /// `YYYY-MM-DD` without the era: year 0 is 1 BC.
    private static func appendDay(of date: CalendarDate, into buffer: CopyBuffer) {
        let (year, month, day) = date.parts
        appendDigits(UInt64(year > 0 ? year : 1 - year), minimumWidth: 4, into: buffer)
        buffer.append(UInt8(ascii: "-"))
        appendDigits(UInt64(month), minimumWidth: 2, into: buffer)
        buffer.append(UInt8(ascii: "-"))
        appendDigits(UInt64(day), minimumWidth: 2, into: buffer)
    }

    /// ISO-8601 in the timestamp's own offset (`2024-03-04T00:00:00.25-08:00`), as ``Timestamp/description``
    /// writes it, without building a string per value.
    static func appendTimestamp(_ timestamp: Timestamp, into buffer: CopyBuffer) {
        let date = timestamp.localDate
        appendDay(of: date, into: buffer)
        defer { appendEra(of: date, into: buffer) }
        let local = timestamp.epochSeconds + Int64(timestamp.offsetSeconds)
        let secondOfDay = UInt64(local - Int64(date.daysSinceEpoch) * 86_400)
        buffer.append(UInt8(ascii: "T"))
        appendDigits(secondOfDay / 3600, minimumWidth: 2, into: buffer)
        buffer.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, minimumWidth: 2, into: buffer)
        buffer.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, minimumWidth: 2, into: buffer)
        if timestamp.nanoseconds != 0 {
            var fraction = UInt64(timestamp.nanoseconds)
            var width = 9
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            buffer.append(UInt8(ascii: "."))
            appendDigits(fraction, minimumWidth: width, into: buffer)
        }
        guard timestamp.offsetSeconds != 0 else { return buffer.append(UInt8(ascii: "Z")) }
        let magnitude = UInt64(timestamp.offsetSeconds.magnitude)
        buffer.append(timestamp.offsetSeconds < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        appendDigits(magnitude / 3600, minimumWidth: 2, into: buffer)
        buffer.append(UInt8(ascii: ":"))
        appendDigits(magnitude / 60 % 60, minimumWidth: 2, into: buffer)
    }

    /// ` BC` for dates before year 1, which PostgreSQL writes with a positive year.
    private static func appendEra(of date: CalendarDate, into buffer: CopyBuffer) {
        if date.daysSinceEpoch < firstDayOfYearOne { buffer.append(ascii: " BC") }
    }

    /// 0001-01-01, in days since 1970-01-01.
    private static let firstDayOfYearOne = -719_162

    /// The decimal digits of `value`, zero-padded on the left to `minimumWidth`.
    private static func appendDigits(_ value: UInt64, minimumWidth: Int, into buffer: CopyBuffer) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var remaining = value
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            } while remaining > 0 || 20 - start < minimumWidth
            buffer.append(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}
