public import Foundation
import SluiceCore

/// Opens the named pipe `path` for writing, which waits until a reader has it open, on a thread
/// of its own: a blocking `open(2)` on a thread of Swift's pool can starve every other test of
/// the process on a two-core machine.
/// - Throws: ``SluiceError`` when the pipe cannot be opened.
public func openPipeForWriting(_ path: String) async throws -> FileHandle {
    let handle: FileHandle? = await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: FileHandle(forWritingAtPath: path)) }
    }
    guard let handle else { throw SluiceError(.io, "cannot open the pipe \(path) for writing") }
    return handle
}
