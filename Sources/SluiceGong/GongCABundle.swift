import Foundation
import NIOSSL

/// Checks a `caBundle` file when the pipeline is validated, so that a file that cannot serve as
/// trust roots is a problem of the file, not a TLS failure retried as a network error at run time.
enum GongCABundle {
    /// A bundle of every public authority is about 200 KB; anything far larger is not a CA file.
    static let maximumBytes = 16 << 20

    /// Why the file at `path` cannot be used as extra trust roots; `nil` when it holds PEM certificates.
    static func problem(at path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return "the CA file '\(path)' cannot be read: \(String(cString: strerror(errno)))" }
        guard status.st_mode & S_IFMT == S_IFREG else { return "the CA file '\(path)' is not a regular file" }
        guard status.st_size <= maximumBytes else { return "the CA file '\(path)' is larger than \(maximumBytes >> 20) MB" }
        guard let handle = FileHandle(forReadingAtPath: path),
              let data = try? handle.read(upToCount: maximumBytes + 1)
        else { return "the CA file '\(path)' cannot be read" }
        try? handle.close()
        guard let certificates = try? NIOSSLCertificate.fromPEMBytes(Array(data)), !certificates.isEmpty else {
            return "the CA file '\(path)' holds no PEM certificate"
        }
        return nil
    }
}
