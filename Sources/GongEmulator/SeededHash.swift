/// Deterministic pseudo-random numbers from a seed and a few integers (SplitMix64 mixing).
///
/// The emulator's data and its faults are functions of these hashes only, so two emulators
/// with the same seed behave the same.
struct SeededHash: Sendable {
    let seed: UInt64

    /// A well-mixed 64-bit value for these inputs.
    func value(_ inputs: Int...) -> UInt64 { combine(inputs) }

    /// A number in `0..<1` for these inputs.
    func fraction(_ inputs: Int...) -> Double { Double(combine(inputs) >> 11) / Double(1 << 53) }

    /// A well-mixed 64-bit value for a text (FNV-1a, then mixed with the seed).
    func value(of text: String) -> UInt64 {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { state = (state ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return Self.mix(seed ^ state)
    }

    private func combine(_ inputs: [Int]) -> UInt64 {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        for input in inputs {
            state = Self.mix(state ^ UInt64(bitPattern: Int64(input)))
        }
        return Self.mix(state)
    }

    /// `count` decimal digits drawn from `value`, the first one `leading`.
    static func digits(leading: Int, count: Int, from value: UInt64) -> String {
        var text = String(leading)
        var rest = value
        for position in 1..<count {
            if position % 18 == 0 { rest = mix(rest) }
            text += String(rest % 10)
            rest /= 10
        }
        return text
    }

    /// `value` in decimal, zero-padded to `width` digits.
    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func mix(_ input: UInt64) -> UInt64 {
        var z = input &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
