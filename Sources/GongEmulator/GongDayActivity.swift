public import GongModel

/// One day of a user's activity: its bounds as Gong writes them and the fifteen lists of call ids.
public struct GongDayActivity: Sendable, Hashable {
    /// The day's start, ISO-8601 in the company's offset (`2024-03-04T00:00:00-08:00`).
    public let fromDate: String
    /// The next day's start, in the offset in force then.
    public let toDate: String
    /// The call ids of every list (all fifteen keys present; empty lists are `[]`).
    public let calls: [GongActivityList: [String]]

    /// A day from its parts.
    public init(fromDate: String, toDate: String, calls: [GongActivityList: [String]]) {
        self.fromDate = fromDate
        self.toDate = toDate
        self.calls = calls
    }

    /// Whether any list holds a call.
    public var hasActivity: Bool { calls.values.contains { !$0.isEmpty } }
}
