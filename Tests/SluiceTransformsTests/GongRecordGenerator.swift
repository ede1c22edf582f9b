import GongModel
import SluiceCore
import SluiceTransforms
import SluiceTestKit

/// Random raw Gong records of every shape the source may emit.
struct GongRecordGenerator {
    var random: SeededGenerator
    private static let offsets: [Int32] = [-8 * 3600, -7 * 3600, 0, 19_800, 14 * 3600, -12 * 3600, 20_700]

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    /// A call or user id: a string, an `Int64` or a 20-digit number literal.
    mutating func id() -> Value {
        switch Int.random(in: 0..<3, using: &random) {
        case 0: .string(String(UInt64.random(in: 1...UInt64(Int64.max), using: &random)))
        case 1: .int(Int64.random(in: 0...Int64.max, using: &random))
        default: .number("9" + String(UInt64.random(in: 1_000_000_000_000_000_000...UInt64.max, using: &random)))
        }
    }

    /// One user's record over `dayCount` days from `first`, in one offset (with a DST-like switch sometimes).
    mutating func record(first: CalendarDate, dayCount: Int) -> [Value] {
        let offset = Self.offsets.randomElement(using: &random) ?? 0
        let days = (0..<dayCount).map { position in
            let start = first.adding(days: position)
            let endOffset = random.chance(0.1) ? offset + 3600 : offset
            return Value.object(day(start: stamp(start, offset), end: stamp(start.adding(days: 1), endOffset)))
        }
        let email: Value = random.chance(0.1) ? .null : .string("rep\(random.next() % 1000)@example.com")
        return [id(), email, .array(days)]
    }

    /// Local midnight of `date` written in `offset`, sometimes with fractional seconds.
    private mutating func stamp(_ date: CalendarDate, _ offset: Int32) -> Value {
        let nanos: Int32 = random.chance(0.2) ? 250_000_000 : 0
        let local = Int64(date.daysSinceEpoch) * 86_400
        return .string(Timestamp(epochSeconds: local - Int64(offset), nanoseconds: nanos, offsetSeconds: offset).description)
    }

    private mutating func day(start: Value, end: Value) -> ValueObject {
        var object = ValueObject()
        for activity in GongActivitySchema.activities.shuffled(using: &random) {
            switch Int.random(in: 0..<10, using: &random) {
            case 0: continue  // missing list
            case 1: object[activity.name] = .null
            case 2...5: object[activity.name] = .array([])
            default: object[activity.name] = .array((0..<Int.random(in: 1...4, using: &random)).map { _ in id() })
            }
        }
        object["fromDate"] = start
        object["toDate"] = end
        if random.chance(0.2) { object["someFutureField"] = .int(1) }
        return object
    }
}
