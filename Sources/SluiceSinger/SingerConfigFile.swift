import Foundation
import SluiceCore

/// A Singer target's settings in a temporary file only this user can read, passed as `--config`.
///
/// The settings hold secrets (`${DATABASE_PASSWORD}`): the file is created with mode 0600 and
/// removed when the run ends; its contents are never logged.
final class SingerConfigFile: Sendable {
    let path: String

    /// Writes `settings` as JSON to a new file in the temporary folder.
    init(settings: Value) throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("sluice-singer-\(UUID().uuidString).json")
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw SluiceError(.io, "cannot create the Singer target's config file \(path): \(String(cString: strerror(errno)))",
                              hint: "check that the temporary folder (TMPDIR) is writable")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Array(JSONWriter.string(settings).utf8))
            try handle.close()
        } catch {
            unlink(path)
            throw SluiceError.io("cannot write the Singer target's config file \(path)", error)
        }
    }

    /// Deletes the file.
    func remove() {
        unlink(path)
    }
}
