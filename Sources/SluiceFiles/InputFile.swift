import Dispatch
import Foundation
import SluiceCore

/// A regular file or a pipe opened for reading, whose reads never wait without bound.
///
/// Anything else (a directory, a device such as `/dev/zero`, a socket) is refused. A pipe is
/// opened without blocking, so that a named pipe (FIFO) nobody writes to cannot hang the open; a
/// read waits for its data in short slices off Swift's cooperative pool, so that cancelling the
/// task (SIGINT, SIGTERM) ends it at once, and a FIFO that no process opens for writing within
/// `writerTimeout` fails instead of waiting forever.
final class InputFile {
    /// What the path is.
    enum Kind {
        case regular
        /// A named pipe (FIFO) or an anonymous one (`/dev/fd/N` of a shell's `<(...)`).
        case pipe
    }

    let path: String
    let kind: Kind
    private let descriptor: Int32
    /// Whether a writer has been seen at the other end of the pipe (data, or a read that would block).
    private var sawWriter = false
    /// Where the waits for a pipe's data block: a thread of the input's own, never one that other
    /// work needs (Swift's cooperative pool, Dispatch's shared queues).
    private let waiting = DispatchQueue(label: "sluice.input-file")
    /// How long one wait for a pipe's data lasts before cancellation is checked again, in milliseconds.
    private static let waitSlice: Int32 = 100

    /// Opens `path` for reading.
    /// - Throws: ``SluiceError`` `.notAFile` for anything but a regular file or a pipe, `.io` when
    ///   it cannot be opened.
    init(path: String) throws(SluiceError) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SluiceError(.io, "cannot open \(path) for reading: \(String(cString: strerror(errno)))", context: [("file", path)])
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, let kind = Self.kind(of: status.st_mode) else {
            close(descriptor)
            throw Self.refusal(path, mode: status.st_mode)
        }
        self.path = path
        self.kind = kind
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Refuses `path` when it exists and is neither a regular file nor a pipe; never opens it, so
    /// never waits.
    /// - Throws: ``SluiceError`` `.notAFile`.
    static func check(_ path: String) throws(SluiceError) {
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        if kind(of: status.st_mode) == nil { throw refusal(path, mode: status.st_mode) }
    }

    /// Reads up to `buffer.count` bytes; 0 at the end of the input.
    /// - Parameter writerTimeout: how long a named pipe may stay without a writer, in seconds.
    /// - Throws: `CancellationError` when the task is cancelled while waiting, ``SluiceError``
    ///   `.pipeWithoutWriter` or `.io`.
    func read(into buffer: UnsafeMutableRawBufferPointer, writerTimeout: Double) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(writerTimeout)
        while true {
            try Task.checkCancellation()
            let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if count > 0 {
                sawWriter = true
                return count
            }
            if count == 0 {
                // A FIFO reads as empty until a writer opens it: the end only once one was seen.
                guard kind == .pipe, !sawWriter else { return 0 }
                guard ContinuousClock.now < deadline else { throw withoutWriter(writerTimeout) }
                try await Task.sleep(for: .milliseconds(Int(Self.waitSlice)))
                continue
            }
            switch errno {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                sawWriter = true
                await waitForData()
            default:
                throw SluiceError(.io, "cannot read \(path): \(String(cString: strerror(errno)))", context: [("file", path)])
            }
        }
    }

    /// Waits until the pipe has data or its writer left, or one slice has passed (`poll` blocks:
    /// on ``waiting``).
    private func waitForData() async {
        let descriptor = descriptor
        await withCheckedContinuation { continuation in
            waiting.async {
                var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&entry, 1, Self.waitSlice)
                continuation.resume()
            }
        }
    }

    private func withoutWriter(_ seconds: Double) -> SluiceError {
        let shown = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        return SluiceError(
            .pipeWithoutWriter, "no process opened the named pipe \(path) for writing within \(shown) s",
            context: [("file", path)],
            hint: "start the process that writes to it before the run, or raise the source's writerTimeout"
        )
    }

    private static func kind(of mode: mode_t) -> Kind? {
        switch mode & S_IFMT {
        case S_IFREG: .regular
        case S_IFIFO: .pipe
        default: nil
        }
    }

    private static func refusal(_ path: String, mode: mode_t) -> SluiceError {
        let what = switch mode & S_IFMT {
        case S_IFDIR: "a directory"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
        return SluiceError(
            .notAFile, "\(path) is \(what), not a file or a pipe", context: [("file", path)],
            hint: "source.paths lists NDJSON files (or named pipes that a process writes to)"
        )
    }
}
