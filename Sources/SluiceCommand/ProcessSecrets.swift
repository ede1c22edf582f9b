import SluiceCore
import Synchronization

/// The secrets of the pipelines this process loaded. Everything it prints or records passes
/// through ``scrub(_:)``: stderr (logs, errors, progress: ``StandardError``), the reports of its
/// commands on stdout (``StandardOutput``) and the error kept in the run history; the rows of the
/// stdout sink are data and are written as they are.
enum ProcessSecrets {
    private static let redactor = Mutex(Redactor())

    /// Hides the secrets of `pipeline` from now on.
    static func adopt(_ pipeline: Pipeline) {
        redactor.withLock { $0.merge(pipeline.redactor) }
    }

    /// `text` with every secret known so far hidden, and every credential-shaped value.
    static func scrub(_ text: String) -> String {
        redactor.withLock { $0 }.scrub(text)
    }
}
