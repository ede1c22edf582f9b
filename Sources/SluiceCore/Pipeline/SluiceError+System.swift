import Foundation

extension SluiceError.Code {
    /// A file could not be written because its disk (or the user's quota) is full.
    public static let noSpace = Self(rawValue: "no_space")
    /// Standard output was closed by its reader (`sluice run ... | head`): the run ends quietly.
    public static let stdoutClosed = Self(rawValue: "stdout_closed")
}

extension SluiceError {
    /// `action` (`cannot append to /data/a.ndjson`) failed with `error`, said plainly: the system's
    /// reason (`No space left on device`), never Foundation's `Error Domain=...` text; a full disk
    /// gets the code ``Code/noSpace`` and a hint, anything else ``Code/io``.
    public static func io(_ action: String, _ error: any Error) -> SluiceError {
        if let failure = error as? SluiceError { return failure }
        guard let code = posixCode(of: error) else {
            let isFoundationError = type(of: error as Any) is NSError.Type
            return SluiceError(.io, "\(action): \(isFoundationError ? (error as NSError).localizedDescription : "\(error)")")
        }
        let reason = String(cString: strerror(code))
        switch code {
        case ENOSPC, EDQUOT:
            return SluiceError(.noSpace, "\(action): the disk is full (\(reason))",
                               hint: "free some space and run again: the windows in flight were rolled back, the committed ones are kept")
        case EPIPE:
            return SluiceError(.io, "\(action): its reader went away (\(reason))")
        default:
            return SluiceError(.io, "\(action): \(reason)")
        }
    }

    /// The `errno` behind an error of Foundation (a POSIX error, or a Cocoa error that wraps one), if any.
    public static func posixCode(of error: any Error) -> Int32? {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return Int32(truncatingIfNeeded: error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(truncatingIfNeeded: underlying.code)
        }
        guard error.domain == NSCocoaErrorDomain else { return nil }
        switch error.code {
        case CocoaError.fileWriteOutOfSpace.rawValue: return ENOSPC
        case CocoaError.fileWriteVolumeReadOnly.rawValue: return EROFS
        case CocoaError.fileWriteNoPermission.rawValue, CocoaError.fileReadNoPermission.rawValue: return EACCES
        case CocoaError.fileNoSuchFile.rawValue, CocoaError.fileReadNoSuchFile.rawValue: return ENOENT
        default: return nil
        }
    }
}
