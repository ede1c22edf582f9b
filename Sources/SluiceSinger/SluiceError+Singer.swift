public import SluiceCore

extension SluiceError.Code {
    /// A Singer target could not be started, exited with a failure, or stopped reading its input.
    public static let singerTarget = Self(rawValue: "singer_target")
    /// A Singer target ended without echoing the window's `STATE`: it did not confirm the load.
    public static let singerNoStateEcho = Self(rawValue: "singer_no_state_echo")
    /// A Singer target did not finish loading a window within the sink's `flushTimeout`.
    public static let singerTargetTimeout = Self(rawValue: "singer_target_timeout")
}
