import Foundation

/// The `Retry-After` header of a 429: a number of seconds (what Gong sends), or an HTTP date
/// (RFC 9110's IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`), which a proxy in front of it may send.
enum RetryAfterHeader {
    /// The longest wait read from a header, in seconds: two days. Gong's longest real wait, for a
    /// spent daily quota, ends at the company's next midnight; anything longer (twenty digits, a
    /// date in year 9999) is read as this, so that no arithmetic on it can overflow.
    static let maxSeconds: Double = 2 * 86_400

    /// The wait the header asks for, in seconds from `now`, at most ``maxSeconds``: 0 for a date
    /// already past, `nil` when the value is neither (the caller then backs off by itself).
    static func seconds(_ value: String, now: Date = Date()) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        // Seconds start with a digit, a date with its day's name.
        if text.first?.isNumber == true {
            return Double(text).map { min($0, maxSeconds) }
        }
        guard text.hasSuffix(" GMT") else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text).map { min(maxSeconds, max(0, $0.timeIntervalSince(now))) }
    }
}
