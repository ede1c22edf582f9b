import Foundation
import SluiceCore

/// Runs the `sluice` binary as a child process, and reads the peak memory it reports.
///
/// The peak comes from the child itself (`peakMemoryMB` in its `run finished` event, Linux's
/// `VmHWM`): `wait4`'s `ru_maxrss` cannot be used, since after the `vfork` and `exec` of
/// `posix_spawn` Linux counts the parent's peak (this benchmark's, emulator included) in it.
enum ChildProcess {
    /// What a child process did.
    struct Outcome {
        let status: Int32
        let seconds: Double
        /// What it printed.
        let log: String

        /// The last `run finished` event of a `sluice run --log-format json` (or of a program that
        /// prints one the same way, one JSON object a line).
        var finishedEvent: Value? {
            log.split(separator: "\n").reversed().lazy.compactMap { line -> Value? in
                guard let event = try? JSONParser.parse(String(line)), event["message"] == .string("run finished") else { return nil }
                return event
            }.first
        }

        /// The peak memory of a `sluice run --log-format json`, in MB, from its `run finished` event.
        var peakMegabytes: Double? {
            switch finishedEvent?["peakMemoryMB"] {
            case .double(let megabytes)?: return megabytes
            case .int(let megabytes)?: return Double(megabytes)
            default: return nil
            }
        }
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
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BenchmarkError("cannot wait for \(path): \(String(cString: strerror(errno)))") }
        }
        let exited = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let printed = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return Outcome(status: exited, seconds: Date().timeIntervalSince(started), log: printed)
    }

    /// Runs a program that ends with a `run finished` JSON event holding its peak memory, such as
    /// `sluice run --log-format json`.
    /// - Returns: what it did, and its peak in MB.
    /// - Throws: ``BenchmarkError`` naming `what` when it exits non-zero or reports no peak.
    static func measure(_ path: String, _ arguments: [String], log: String, what: String) throws -> (outcome: Outcome, peakMegabytes: Double) {
        let outcome = try run(path, arguments, log: log)
        guard outcome.status == 0, let peak = outcome.peakMegabytes else {
            throw BenchmarkError("\(what) failed (exit \(outcome.status)): \(outcome.log.suffix(3000))")
        }
        return (outcome, peak)
    }

    /// ``measure(_:_:log:what:)`` of `sluice run pipeline` with JSON logs at level notice.
    static func measureRun(_ sluice: String, pipeline: String, log: String, what: String) throws -> (outcome: Outcome, peakMegabytes: Double) {
        try measure(sluice, ["run", pipeline, "--log-level", "notice", "--log-format", "json"], log: log, what: what)
    }
}
