public import SluiceCore

extension SluiceError.Code {
    /// An input path is neither a regular file nor a pipe (a directory, a device such as
    /// `/dev/zero`, a socket): reading it would fail or never end.
    public static let notAFile = Self(rawValue: "not_a_file")
    /// A named pipe (FIFO) that no process opened for writing within the source's `writerTimeout`.
    public static let pipeWithoutWriter = Self(rawValue: "pipe_without_writer")
    /// A line longer than the source's `maxLineBytes` (a file that is not NDJSON, or a line that never ends).
    public static let lineTooLong = Self(rawValue: "line_too_long")
}
