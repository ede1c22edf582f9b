import Foundation
import Synchronization

/// Writes to stderr without buffering, shared by logs, progress and error messages. On a terminal
/// it keeps the progress line last: a log line is written above it, never inside it.
enum StandardError {
    /// The progress line shown, if any.
    private static let status = Mutex<String?>(nil)

    /// Writes `text` with the pipeline's secrets hidden (``ProcessSecrets``).
    static func write(_ text: String) {
        let scrubbed = ProcessSecrets.scrub(text)
        status.withLock { put(frame(scrubbed, above: $0)) }
    }

    /// `text` as written while `status` is the progress line: the line is cleared, `text` takes
    /// its place, and the progress line is drawn again below it.
    static func frame(_ text: String, above status: String?) -> String {
        guard let status else { return text }
        return "\r\u{1B}[K" + text + status
    }

    /// Shows `line` as the progress line, replacing the one shown; `nil` clears it.
    static func show(status line: String?) {
        let line = line.map(ProcessSecrets.scrub)
        status.withLock { status in
            status = line
            put("\r\u{1B}[K" + (line ?? ""))
        }
    }

    /// Whether stderr is a terminal (progress then redraws one line).
    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    private static func put(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
