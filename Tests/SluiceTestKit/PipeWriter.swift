public import Foundation

/// Opens the named pipe `path` for writing once a reader has it open, polling, so that the wait
/// never holds a thread of Swift's pool: a blocking `open(2)` there can starve every other test of
/// the process on a two-core machine.
public func openPipeForWriting(_ path: String, timeout: Duration = .seconds(60)) async throws -> FileHandle {
    var descriptor: Int32 = -1
    try await waitUntil(timeout: timeout, {
        descriptor = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        return descriptor >= 0
    }, else: { "no reader opened the pipe \(path)" })
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
}
