import Foundation
import SluiceCore
import Synchronization

/// An exclusive `flock` on a lock file, held until ``release()`` or the process's end; waits while
/// another process holds it, or fails at once when not `blocking`.
///
/// The holder removes the file as it lets go, so no lock file is left behind. A process that
/// opened the file before it was removed may then get a lock on a file no longer at the path,
/// which keeps no one out: it checks, and locks the file now at the path instead. Letting go
/// twice does nothing the second time (it would remove another holder's file).
final class FileLock: RunLock {
    private let path: String
    private let descriptor: Int32
    private let held = Mutex(true)

    init(path: String, blocking: Bool = true) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw SluiceError(.state, "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
            }
            guard flock(descriptor, LOCK_EX | (blocking ? 0 : LOCK_NB)) == 0 else {
                close(descriptor)
                throw SluiceError(.locked, "\(path) is locked by another process", outcome: .skipped)
            }
            if Self.isAtPath(descriptor, path) {
                self.descriptor = descriptor
                return
            }
            close(descriptor)
        }
    }

    func release() async {
        unlock()
    }

    func unlock() {
        guard held.withLock({ held in defer { held = false }; return held }) else { return }
        unlink(path)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Whether the open file `descriptor` is the file at `path`.
    private static func isAtPath(_ descriptor: Int32, _ path: String) -> Bool {
        var open = stat()
        var named = stat()
        return fstat(descriptor, &open) == 0 && stat(path, &named) == 0 && open.st_ino == named.st_ino && open.st_dev == named.st_dev
    }
}
