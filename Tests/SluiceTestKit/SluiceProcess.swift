public import Foundation
import SluiceCore
import Synchronization

/// Runs the built `sluice` binary as a child process, as a user would.
public final class SluiceProcess: Sendable {
    /// How the process ended and what it printed.
    public struct Result: Sendable {
        /// The exit status, or the number of the signal that ended the process.
        public let status: Int32
        /// What it printed on stdout.
        public let output: String
        /// What it printed on stderr.
        public let errors: String
    }

    /// The `sluice` executable next to the test bundle.
    public static let executable: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundle, bundle.deletingLastPathComponent(), bundle.deletingLastPathComponent().deletingLastPathComponent()]
        return candidates.map { $0.appending(path: "sluice") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? bundle.appending(path: "sluice")
    }()

    private let process = Process()
    private let exit = Latch()
    private let output = Buffer()
    private let errors = Buffer()

    /// Starts `sluice arguments...` in `folder` with `environment` added to the current one; its
    /// stdout goes to `standardOutput` when given (a pipe the test closes, `/dev/full`), else it is collected.
    public convenience init(
        _ arguments: [String], in folder: String, environment: [String: String] = [:], standardOutput: FileHandle? = nil
    ) throws {
        try self.init(executable: Self.executable, arguments, in: folder, environment: environment, standardOutput: standardOutput)
    }

    /// Starts `executable arguments...` (in `folder`, or the current one) with `environment`
    /// added to the current one, stdin from /dev/null.
    init(
        executable: URL, _ arguments: [String], in folder: String? = nil, environment: [String: String] = [:],
        standardOutput: FileHandle? = nil
    ) throws {
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        let (outputPipe, errorPipe) = (Pipe(), Pipe())
        process.standardOutput = standardOutput ?? outputPipe
        process.standardError = errorPipe
        process.terminationHandler = { [exit] _ in exit.open() }
        try process.run()
        if standardOutput == nil {
            output.collect(from: outputPipe.fileHandleForReading)
        } else {
            output.ended.open()
        }
        errors.collect(from: errorPipe.fileHandleForReading)
    }

    public var processIdentifier: Int32 { process.processIdentifier }

    /// What the process printed on stderr so far.
    public var errorsSoFar: String { errors.text }

    /// What the process printed on stdout so far.
    public var outputSoFar: String { output.text }

    /// Whether the process has not ended yet.
    public var isRunning: Bool { process.isRunning }

    /// Sends `signal` to the process (`SIGKILL`, `SIGTERM`...).
    public func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to end and collects what it printed.
    public func finish() async -> Result {
        await exit.wait()
        await output.ended.wait()
        await errors.ended.wait()
        return Result(
            status: process.terminationStatus,
            output: output.text,
            errors: errorsSoFar
        )
    }

    /// Waits for the process to end, which must come within `limit`: past it the process is
    /// killed and the wait fails.
    /// - Throws: ``SluiceError`` saying what the process printed, when it did not end in time.
    public func finish(within limit: Duration) async throws -> Result {
        do {
            try await waitUntil(timeout: limit) { !isRunning } else: { "still running after \(limit): \(errorsSoFar)" }
        } catch {
            send(SIGKILL)
            _ = await finish()
            throw error
        }
        return await finish()
    }

    /// Runs `sluice arguments...` to its end.
    public static func run(_ arguments: [String], in folder: String, environment: [String: String] = [:]) async throws -> Result {
        try await SluiceProcess(arguments, in: folder, environment: environment).finish()
    }

    /// Bytes read from one of the process's outputs.
    private final class Buffer: Sendable {
        private let data = Mutex(Data())
        /// Open once the output reached its end.
        let ended = Latch()

        var text: String { data.withLock { String(decoding: $0, as: UTF8.self) } }

        /// Reads `handle` to its end on a thread of its own, with blocking reads: no dispatch source
        /// watches the descriptor, so none can outlive it (libdispatch crashes on Linux when a
        /// watched descriptor is closed and reused before the source is cancelled).
        func collect(from handle: FileHandle) {
            Thread.detachNewThread { [self] in
                while case let chunk = handle.availableData, !chunk.isEmpty {
                    data.withLock { $0.append(chunk) }
                }
                ended.open()
            }
        }
    }
}

extension SluiceProcess.Result {
    /// The `code` of the final error event of a run made with `--log-format json`; `nil` without one.
    public var errorCode: String? {
        guard let last = errors.split(separator: "\n").last,
              case .string(let code)? = try? JSONParser.parse(String(last))["code"] else { return nil }
        return code
    }
}
