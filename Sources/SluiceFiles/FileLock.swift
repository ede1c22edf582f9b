import Foundation
import SluiceCore

/// An exclusive `flock` on a lock file, held until ``release()`` or the process's end; waits while
/// another process holds it, or fails at once when not `blocking`.
struct FileLock: RunLock {
    private let descriptor: Int32

    init(path: String, blocking: Bool = true) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SluiceError(.state, "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | (blocking ? 0 : LOCK_NB)) == 0 else {
            close(descriptor)
            throw SluiceError(.locked, "\(path) is locked by another process")
        }
    }

    func release() async {
        unlock()
    }

    func unlock() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
