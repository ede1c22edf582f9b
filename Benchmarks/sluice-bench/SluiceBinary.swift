import Foundation

/// The `sluice` executable that the benchmarks run as a child process.
enum SluiceBinary {
    /// The one built next to `sluice-bench` (`swift build -c release` builds both).
    static func beside() -> String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appending(path: "sluice").path
    }
}
