import Foundation
import GongEmulator
import GongModel
import SluiceCore
import SluiceTransforms

/// Rows of the per-day and per-call tables as comparable text: one line per row, columns joined
/// by tabs, instants as epoch seconds. Expected rows come straight from the emulator's ground
/// truth; actual rows from PostgreSQL (through psql) or from NDJSON files.
enum WarehouseRows {
    /// The fifteen count columns, in DESIGN.md's order.
    static let countColumns = GongActivitySchema.activities.map(\.column)

    // MARK: Expected

    /// The per-day rows of a run over `windows`: for each window, every day of each user active
    /// in that window (what Gong answers), the day being the local date of the day in the
    /// company's zone. Sorted; a `(user, day)` read by two windows appears once, as in a keyed table.
    static func expectedPerDay(_ emulator: GongEmulator, windows: [DateRange]) -> [String] {
        var rows: Set<String> = []
        forEachDay(emulator, windows) { user, day, activity in
            let counts = GongActivityList.allCases.map { String(activity.calls[$0]?.count ?? 0) }
            rows.insert(line([user.userId, user.emailAddress] + dayColumns(day, activity) + counts))
        }
        return rows.sorted()
    }

    /// The per-call rows of a run over `windows`: one per user, day, activity and call. Sorted.
    static func expectedPerCall(_ emulator: GongEmulator, windows: [DateRange]) -> [String] {
        var rows: Set<String> = []
        forEachDay(emulator, windows) { user, day, activity in
            for list in GongActivityList.allCases {
                for call in activity.calls[list] ?? [] {
                    rows.insert(line([user.userId, user.emailAddress] + dayColumns(day, activity) + [list.rawValue, call]))
                }
            }
        }
        return rows.sorted()
    }

    private static func forEachDay(
        _ emulator: GongEmulator, _ windows: [DateRange], _ body: (GongUserActivity, CalendarDate, GongDayActivity) -> Void
    ) {
        for window in windows {
            for user in emulator.groundTruth(window) {
                for (offset, activity) in user.days.enumerated() {
                    body(user, window.from.adding(days: offset), activity)
                }
            }
        }
    }

    private static func dayColumns(_ day: CalendarDate, _ activity: GongDayActivity) -> [String] {
        [day.description, epoch(activity.fromDate), epoch(activity.toDate)]
    }

    private static func epoch(_ iso8601: String) -> String {
        Timestamp(iso8601: iso8601).map { String($0.epochSeconds) } ?? "bad timestamp \(iso8601)"
    }

    private static func line(_ columns: [String]) -> String {
        columns.joined(separator: "\t")
    }

    // MARK: PostgreSQL

    /// Every row of a per-day `table` (of the server of `environment`, or the suite's), sorted (duplicates kept).
    static func perDay(table: String, environment: [String: String] = [:]) async throws -> [String] {
        let counts = countColumns.map { "\($0)::text" }.joined(separator: ", ")
        return try await Psql.rows("SELECT \(commonSelect), \(counts) FROM \(table)", environment: environment).sorted()
    }

    /// Every row of a per-call `table`, sorted (duplicates kept).
    static func perCall(table: String, environment: [String: String] = [:]) async throws -> [String] {
        try await Psql.rows("SELECT \(commonSelect), activity, call_id FROM \(table)", environment: environment).sorted()
    }

    private static let commonSelect = """
        user_id, user_email, day::text, extract(epoch FROM day_start)::bigint::text, extract(epoch FROM day_end)::bigint::text
        """

    // MARK: NDJSON

    /// Every row of a per-day NDJSON file, sorted (duplicates kept).
    static func perDay(file: String) throws -> [String] {
        try objects(in: file).map { object in
            line(try common(object) + countColumns.map { try count(object, $0) })
        }.sorted()
    }

    /// Every row of a per-call NDJSON file, sorted (duplicates kept).
    static func perCall(file: String) throws -> [String] {
        try objects(in: file).map { object in
            line(try common(object) + [try text(object, "activity"), try text(object, "call_id")])
        }.sorted()
    }

    private static func objects(in file: String) throws -> [Value] {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        return try text.split(separator: "\n", omittingEmptySubsequences: true).map { try JSONParser.parse(String($0)) }
    }

    private static func common(_ object: Value) throws -> [String] {
        let instants = try ["day_start", "day_end"].map { name in
            let written = try text(object, name)
            guard let instant = Timestamp(iso8601: written) else { throw SluiceError(.io, "\(name) is not ISO-8601: \(written)") }
            return String(instant.epochSeconds)
        }
        return [try text(object, "user_id"), try text(object, "user_email"), try text(object, "day")] + instants
    }

    /// A string member (ids stay strings, digit for digit).
    private static func text(_ object: Value, _ name: String) throws -> String {
        guard case .string(let text)? = object[name] else { throw unexpected(name, in: object) }
        return text
    }

    /// An integer member, as text.
    private static func count(_ object: Value, _ name: String) throws -> String {
        guard case .int(let number)? = object[name] else { throw unexpected(name, in: object) }
        return String(number)
    }

    private static func unexpected(_ name: String, in object: Value) -> SluiceError {
        SluiceError(.io, "member \(name) missing or of an unexpected kind in \(JSONWriter.string(object))")
    }
}
