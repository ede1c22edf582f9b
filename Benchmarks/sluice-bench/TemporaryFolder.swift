import Foundation

/// A new folder under the system's temporary directory, removed by ``remove()``.
struct TemporaryFolder: Sendable {
    let path: String

    /// Creates `sluice-bench-<prefix>-<random>`.
    /// - Throws: when the folder cannot be created.
    init(_ prefix: String) throws {
        let name = "sluice-bench-\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
        path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// `path/name`.
    func file(_ name: String) -> String {
        path + "/" + name
    }

    /// Removes the folder and everything in it; errors are ignored (it is temporary).
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
