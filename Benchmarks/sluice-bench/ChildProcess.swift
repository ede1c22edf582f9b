import Foundation

/// Runs a program as a child process and reports its peak resident memory, read with `wait4`
/// from the kernel's accounting of that child alone.
enum ChildProcess {
    /// What a child process did.
    struct Outcome {
        let status: Int32
        /// Peak resident set size, in bytes.
        let peakBytes: Int
        let seconds: Double
    }

    /// Runs `path` with `arguments`, its output and errors to `log` (appended).
    static func run(_ path: String, _ arguments: [String], log: String) throws -> Outcome {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = Date()
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchmarkError("cannot start \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchmarkError("cannot wait for \(path): \(String(cString: strerror(errno)))") }
        }
        let exited = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        // Linux reports ru_maxrss in kilobytes.
        return Outcome(status: exited, peakBytes: Int(usage.ru_maxrss) * 1024, seconds: Date().timeIntervalSince(started))
    }
}
