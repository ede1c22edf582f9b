public import GongModel
public import SluiceCore

/// The emulator's company: users and their calls, a pure function of a seed and a user count.
///
/// User ids have 15, 19 and 20 digits (unique up to a million users) (the 20-digit ones exceed `UInt64`), call ids 18 to 20.
/// About a fifth of the users never have activity; the others are active on some days.
public struct GongDataset: Sendable {
    /// One user of the company.
    public struct User: Sendable, Hashable {
        /// The position in paging order.
        public let index: Int
        /// 15, 19 or 20 digits.
        public let id: String
        /// `rep<index>@acme.example`.
        public let emailAddress: String
    }

    /// The seed everything derives from.
    public let seed: UInt64
    /// The company's zone: the offsets of the days' bounds.
    public let zone: CompanyZone
    /// Every user, in the order the API pages through them.
    public let users: [User]
    private let hash: SeededHash
    private static let callsPerDay = 40

    /// The company made from `seed`, with `userCount` users, in `zone`.
    public init(seed: UInt64, userCount: Int, zone: CompanyZone) {
        self.seed = seed
        self.zone = zone
        let hash = SeededHash(seed: seed)
        self.hash = hash
        users = (0..<max(0, userCount)).map { index in
            let (count, leading) = switch index % 3 {
            case 0: (15, 1 + Int(hash.value(index, 1) % 9))
            case 1: (19, 1 + Int(hash.value(index, 1) % 9))
            default: (20, 9)
            }
            let id = SeededHash.digits(leading: leading, count: count - 6, from: hash.value(index, 2))
                + SeededHash.padded(index, width: 6)
            return User(index: index, id: id, emailAddress: "rep\(index)@acme.example")
        }
    }

    /// The records the API returns for `range`: users with some activity in it (only those in
    /// `userIds` when given), each with every day of the range.
    public func records(in range: DateRange, userIds: [String]? = nil) -> [GongUserActivity] {
        records(of: activeUsers(in: range, userIds: userIds), in: range)
    }

    /// The users with some activity in `range` (and in `userIds` when given), in paging order.
    public func activeUsers(in range: DateRange, userIds: [String]? = nil) -> [User] {
        let wanted = userIds.map(Set.init)
        return users.filter { user in
            if let wanted, !wanted.contains(user.id) { return false }
            return (0..<range.dayCount).contains { isActive(user, on: range.from.adding(days: $0)) }
        }
    }

    /// The records of `users` for `range`: every day, active or not.
    public func records(of users: some Sequence<User>, in range: DateRange) -> [GongUserActivity] {
        let bounds = (0...range.dayCount).map { zone.startOfDay(range.from.adding(days: $0)).description }
        return users.map { user in
            let days = (0..<range.dayCount).map { offset in
                GongDayActivity(fromDate: bounds[offset], toDate: bounds[offset + 1],
                                calls: activity(of: user, on: range.from.adding(days: offset)))
            }
            return GongUserActivity(userId: user.id, emailAddress: user.emailAddress, days: days)
        }
    }

    /// Whether `user` has any call on `day`.
    public func isActive(_ user: User, on day: CalendarDate) -> Bool {
        let level = Int(hash.value(user.index, 3) % 5)
        return level > 0 && hash.fraction(user.index, day.daysSinceEpoch, 4) < Double(level) * 0.12
    }

    /// The fifteen lists of `user` on `day` (all keys present).
    public func activity(of user: User, on day: CalendarDate) -> [GongActivityList: [String]] {
        var calls = Dictionary(uniqueKeysWithValues: GongActivityList.allCases.map { ($0, [String]()) })
        guard isActive(user, on: day) else { return calls }
        for (position, list) in GongActivityList.allCases.enumerated() {
            let likely = list == .callsAsHost || list == .callsAttended
            guard hash.fraction(user.index, day.daysSinceEpoch, 5, position) < (likely ? 0.5 : 0.2) else { continue }
            let count = 1 + Int(hash.value(user.index, day.daysSinceEpoch, 6, position) % 3)
            var ids: [String] = []
            for item in 0..<count {
                let call = Int(hash.value(user.index, day.daysSinceEpoch, 7, position, item) % UInt64(Self.callsPerDay))
                let id = callId(day: day, number: call)
                if !ids.contains(id) { ids.append(id) }
            }
            calls[list] = ids
        }
        if !calls.values.contains(where: { !$0.isEmpty }) {
            calls[.callsAttended] = [callId(day: day, number: user.index % Self.callsPerDay)]
        }
        return calls
    }

    /// The id of call `number` of `day`: 18, 19 or 20 digits.
    private func callId(day: CalendarDate, number: Int) -> String {
        let source = hash.value(day.daysSinceEpoch, number, 8)
        switch number % 3 {
        case 0: return SeededHash.digits(leading: 1 + Int(source % 9), count: 18, from: source / 9)
        case 1: return SeededHash.digits(leading: 1 + Int(source % 9), count: 19, from: source / 9)
        default: return SeededHash.digits(leading: 9, count: 20, from: source)
        }
    }
}
