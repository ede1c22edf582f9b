/// Tests on eight bytes at once (one `UInt64`), to pass over plain text quickly: the classic "has a
/// zero byte" and "has a byte less than" tests, exact as to whether such a byte is there, not which.
enum WordScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether one of the bytes of `word` is `byte`.
    static func holds(_ byte: UInt8, in word: UInt64) -> Bool {
        let value = word ^ (UInt64(byte) &* ones)
        return (value &- ones) & ~value & highs != 0
    }

    /// Whether one of the bytes of `word` is below `limit` (at most 128).
    static func holdsByte(below limit: UInt8, in word: UInt64) -> Bool {
        (word &- UInt64(limit) &* ones) & ~word & highs != 0
    }

    /// Whether one of the bytes of `word` is above 0x7F.
    static func holdsNonASCII(_ word: UInt64) -> Bool {
        word & highs != 0
    }
}
