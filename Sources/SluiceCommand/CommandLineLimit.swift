import ArgumentParser

/// Checks a number given on the command line against the range its pipeline-file option accepts,
/// so that an argument cannot bypass a limit the file enforces.
enum CommandLineLimit {
    /// - Throws: `ValidationError` (exit 2) naming the argument and its range when `value` is outside `limits`.
    static func check(_ argument: String, _ value: Int?, within limits: ClosedRange<Int>, option: String? = nil) throws {
        guard let value, !limits.contains(value) else { return }
        let same = option.map { ", like \($0) in a pipeline file" } ?? ""
        throw ValidationError("\(argument) \(value) is out of range: it must be between \(limits.lowerBound) and \(limits.upperBound)\(same)")
    }
}
