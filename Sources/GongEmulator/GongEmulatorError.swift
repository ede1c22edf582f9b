/// Misuse of a ``GongEmulator``.
public enum GongEmulatorError: Error, Sendable {
    /// ``GongEmulator/start()`` was called twice.
    case alreadyStarted
}
