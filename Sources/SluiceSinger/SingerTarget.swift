import Foundation
import Logging
import SluiceCore

/// One run of a Singer target process, fed one window: its stdin takes the messages, its stdout
/// echoes the states it has loaded, its stderr goes to the log line by line.
///
/// A target that ends early makes writes to its stdin fail with `EPIPE`, which needs `SIGPIPE`
/// ignored, as the `sluice` command does from its start.
final class SingerTarget: Sendable {
    private let command: SingerTargetCommand
    private let process = Process()
    private let input: FileHandle
    private let exited = Latch()
    private let output = TargetOutputLines()
    private let errors = TargetOutputLines()
    private let transcript = TargetTranscript()
    /// Writes to stdin happen here, off Swift's cooperative threads: a target busy loading does
    /// not read, and the write then blocks until it does.
    private let writing = DispatchQueue(label: "sluice.singer.stdin")

    /// Starts `command` with `--config configPath`.
    /// - Throws: ``SluiceError`` (`singer_target`) when the program cannot be found or started.
    init(command: SingerTargetCommand, configPath: String, logger: Logger, window: Window) throws {
        self.command = command
        process.executableURL = try command.executable()
        process.arguments = command.arguments + ["--config", configPath]
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        process.terminationHandler = { [exited] _ in exited.open() }
        do {
            try process.run()
        } catch {
            throw SluiceError(.singerTarget, "cannot start the Singer target \(command.program): \(error.localizedDescription)",
                              context: [("target", command.program)], hint: "check \"command\" and the program's permissions")
        }
        input = stdin.fileHandleForWriting
        let metadata: Logger.Metadata = ["target": "\(command.name)", "window": "\(window.key)"]
        errors.start(stderr.fileHandleForReading) { [transcript] line in
            guard !line.isEmpty else { return }
            transcript.printed(error: line)
            logger.info("\(line)", metadata: metadata)
        }
        output.start(stdout.fileHandleForReading) { [transcript] line in
            guard !line.isEmpty else { return }
            if let state = try? JSONParser.parse(line) {
                transcript.echoed(state)
            } else {
                logger.notice("the Singer target printed a line that is not a state: \(line)", metadata: metadata)
            }
        }
    }

    /// Sends `bytes` to the target's stdin. Cancelling the task (SIGINT) kills the target, which
    /// ends a write blocked on a target that stopped reading.
    /// - Throws: ``SluiceError`` (`singer_target`) when the target stopped reading (it ended).
    func send(_ bytes: [UInt8]) async throws {
        let input = input
        do {
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    writing.async {
                        do {
                            try input.write(contentsOf: bytes)
                            continuation.resume()
                        } catch {
                            continuation.resume(throwing: error)
                        }
                    }
                }
            } onCancel: {
                kill()
            }
        } catch {
            if Task.isCancelled { throw CancellationError() }
            // The target ended (or closed its stdin): say how, once it has.
            await waitForEnd(within: .seconds(10))
            throw failure("stopped reading its input" + (SluiceError.posixCode(of: error) == EPIPE ? "" : " (\(error))"))
        }
    }

    /// Ends the target's input, waits up to `timeout` for it to load what it got and exit, and
    /// checks that it exited successfully after echoing `state`.
    /// - Throws: ``SluiceError``: `singer_target` for a failed exit, `singer_no_state_echo`,
    ///   `singer_target_timeout` (the target is then killed).
    func finish(expecting state: Value, timeout: Duration) async throws {
        try? input.close()
        guard await waitForEnd(within: timeout) else {
            kill()
            throw SluiceError(
                .singerTargetTimeout, "the Singer target \(command.program) did not finish loading the window within \(timeout)",
                context: [("target", command.program)],
                hint: "the target was killed and the window is not committed; raise \"flushTimeout\" if loading takes that long"
            )
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else { throw failure("failed") }
        guard transcript.hasEchoed(state) else {
            throw SluiceError(
                .singerNoStateEcho, "the Singer target \(command.program) exited without echoing the window's STATE",
                context: [("target", command.program), ("state", JSONWriter.string(state))],
                hint: "a Singer target prints each STATE it received once it has loaded the records before it;"
                    + " the window is not committed: check that the command is a Singer target"
            )
        }
    }

    /// Kills the target at once (a window rolled back: nothing more of it is loaded) and waits for it to end.
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        try? input.close()
    }

    /// Waits for the process to exit and its stdout to end; `false` when `limit` passed first
    /// (the target is then killed). A child the target left running may hold its stdout open after
    /// it exited: the wait for the end of its stdout is bounded too.
    @discardableResult
    private func waitForEnd(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        guard await Deadline.wait(for: exited, until: deadline) else {
            kill()
            await exited.wait()
            return false
        }
        await Deadline.wait(for: output.ended, until: min(deadline, .now + .seconds(5)))
        return true
    }

    /// The error of a target that `what` (failed, stopped reading), with how it ended and its last stderr line.
    private func failure(_ what: String) -> SluiceError {
        var ended = "is still running"
        if !process.isRunning {
            ended = process.terminationReason == .uncaughtSignal
                ? "was killed by signal \(process.terminationStatus)" : "exited with status \(process.terminationStatus)"
        }
        var context: [(label: String, value: String)] = [("target", command.program)]
        if let last = transcript.lastError { context.append(("last stderr line", last)) }
        return SluiceError(
            .singerTarget, "the Singer target \(command.program) \(what): it \(ended)", context: context,
            hint: "its stderr is in the log; the window is not committed: run again to send it again"
                + " (a target that merges by key_properties overwrites what it loaded of it)"
        )
    }
}
