import Foundation
import SluiceCore

/// A PostgreSQL server of one test's own, which the test may restart without disturbing the
/// other tests: started by `scripts/start-postgres` like the suite's server, restarted by
/// `scripts/restart-postgres`, removed by `scripts/stop-postgres`.
struct ScratchServer: Sendable {
    /// The server's temporary folder (data, socket, log).
    let folder: String
    /// PGHOST, PGPORT, PGUSER and PGDATABASE of the server, for `sluice` processes and `psql`.
    let environment: [String: String]

    /// Starts a server on a free port.
    static func start() async throws -> ScratchServer {
        let exports = try await script("start-postgres")
        // Lines such as `export PGHOST=127.0.0.1 PGPORT=5433 ...`.
        var variables: [String: String] = [:]
        for word in exports.split(whereSeparator: \.isWhitespace) {
            let parts = word.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { variables[String(parts[0])] = String(parts[1]) }
        }
        guard let folder = variables["SLUICE_TEST_PG_DIR"] else {
            throw SluiceError(.io, "scripts/start-postgres printed no SLUICE_TEST_PG_DIR: \(exports)")
        }
        return ScratchServer(folder: folder, environment: variables.filter { $0.key.hasPrefix("PG") })
    }

    /// Restarts the server: its sessions are cut off and their open transactions rolled back.
    func restart() async throws {
        _ = try await Self.script("restart-postgres", folder)
    }

    /// Stops the server and removes its folder.
    func stop() async {
        _ = try? await Self.script("stop-postgres", folder)
    }

    /// The repository's `scripts` folder, found from this file's place in `Tests/`.
    private static let scripts = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "scripts")

    /// Runs `scripts/name arguments...` and returns what it printed on stdout.
    private static func script(_ name: String, _ arguments: String...) async throws -> String {
        try await ChildProcess.run(scripts.appending(path: name), arguments)
    }
}
