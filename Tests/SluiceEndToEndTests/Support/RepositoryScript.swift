import Foundation
import Glibc
import SluiceCore
import SluiceTestKit

/// Runs one of the repository's `scripts/` to its end and returns what it printed on stdout.
///
/// It spawns and waits with `posix_spawn` and `waitpid` rather than Foundation's `Process`: on
/// Linux, `Process.waitUntilExit()` never returned for `scripts/start-postgres`, whose child
/// leaves a server running (the script itself was a zombie nobody reaped).
enum RepositoryScript {
    /// The repository's `scripts` folder, found from this file's place in `Tests/`.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "scripts")

    /// Runs `scripts/name arguments...` with the test's environment.
    /// - Throws: ``SluiceError`` with what the script printed on stderr when it exits with a failure.
    static func run(_ name: String, _ arguments: [String] = []) async throws -> String {
        let outputs = try TemporaryFolder()
        defer { outputs.remove() }
        let command = [folder.appending(path: name).path] + arguments
        let (stdout, stderr) = (outputs.file("stdout"), outputs.file("stderr"))
        let status = try await Task.detached { try spawnAndWait(command, stdout: stdout, stderr: stderr) }.value
        let printed = (try? String(contentsOfFile: stdout, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let problems = (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
            throw SluiceError(.io, "scripts/\(name) failed (status \(status)): \(problems)")
        }
        return printed
    }

    /// Spawns `command` with stdin from /dev/null and its outputs into files, and waits for its end.
    private static func spawnAndWait(_ command: [String], stdout: String, stderr: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let arguments = command.map { strdup($0) } + [nil]
        let variables = environment.map { strdup($0) } + [nil]
        defer { (arguments + variables).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, arguments, variables)
        guard spawned == 0 else { throw SluiceError(.io, "cannot start \(command[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw SluiceError(.io, "waitpid failed for \(command[0]): \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
