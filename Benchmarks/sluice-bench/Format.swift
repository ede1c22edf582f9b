import Foundation

/// The number formats of result lines: fixed decimals, and thousands separators for counts.
enum Format {
    /// `value` with `decimals` digits after the point (`2.86`).
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// `value` as a percentage with one decimal (`8.1%`).
    static func percent(_ value: Double) -> String {
        fixed(value * 100, 1) + "%"
    }

    /// A count with `,` between thousands (`5,000,000`).
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (position, digit) in digits.enumerated() {
            if position > 0, (digits.count - position) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// A rate, rounded to a whole number and grouped (`412,345`).
    static func rate(_ value: Double) -> String {
        count(Int(value.rounded()))
    }
}
