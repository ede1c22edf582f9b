import Foundation
import SluiceCore
import SluiceTestKit

/// A PostgreSQL server of one test's own, which the test may restart or stop without disturbing
/// the other tests: started by `scripts/start-postgres` like the suite's server, driven with
/// `scripts/pg-ctl`, removed by `scripts/stop-postgres`.
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

    /// Restarts the server ("fast": its sessions are cut off and their open transactions rolled back).
    func restart() async throws {
        _ = try await Self.script("pg-ctl", "-D", folder + "/data", "-l", folder + "/server.log", "-m", "fast", "-w", "-t", "60", "restart")
    }

    /// Shuts the server down ("fast"), keeping its data for ``startAgain()``.
    func shutDown() async throws {
        _ = try await Self.script("pg-ctl", "-D", folder + "/data", "-m", "fast", "-w", "-t", "60", "stop")
    }

    /// Starts the server again after ``shutDown()``, on the same port.
    func startAgain() async throws {
        _ = try await Self.script("pg-ctl", "-D", folder + "/data", "-l", folder + "/server.log", "-w", "-t", "60", "start")
    }

    /// Stops the server and removes its folder.
    func remove() async {
        _ = try? await Self.script("stop-postgres", folder)
    }

    /// Runs `body` with a new server, which is removed afterwards whatever happens.
    static func with(_ body: (ScratchServer) async throws -> Void) async throws {
        let server = try await start()
        do {
            try await body(server)
        } catch {
            await server.remove()
            throw error
        }
        await server.remove()
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
