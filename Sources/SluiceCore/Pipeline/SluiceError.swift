/// A failure of a run, with a code, a message a person can act on, and where it happened.
public struct SluiceError: Error, Sendable, CustomStringConvertible {
    /// Stable codes; tests compare these, never the text.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    /// How the process should end because of this error.
    public enum Outcome: Int32, Sendable {
        /// The run failed (exit 1).
        case failed = 1
        /// The pipeline file or the arguments are invalid (exit 2).
        case invalid = 2
        /// Stopped cleanly because a quota is spent; a later run resumes (exit 3).
        case quotaExhausted = 3
        /// Skipped: another run of the pipeline holds its lock (exit 4), which a scheduler
        /// should not count as a failure.
        case skipped = 4
    }

    public let code: Code
    public let message: String
    /// Ordered context such as `("window", "2024-01-01..2024-01-31")`, `("requestId", "...")`.
    public let context: [(label: String, value: String)]
    /// What to do about it.
    public let hint: String?
    public let outcome: Outcome
    /// Whether running the window again may succeed (a lost database connection): the runner then
    /// retries the window a bounded number of times.
    public let isTransient: Bool

    public init(
        _ code: Code, _ message: String, context: [(label: String, value: String)] = [], hint: String? = nil,
        outcome: Outcome = .failed, transient: Bool = false
    ) {
        self.code = code
        self.message = message
        self.context = context
        self.hint = hint
        self.outcome = outcome
        isTransient = transient
    }

    /// The same error with more context in front (for example the window it happened in).
    public func adding(_ label: String, _ value: String) -> SluiceError {
        guard !context.contains(where: { $0.label == label }) else { return self }
        return SluiceError(code, message, context: [(label, value)] + context, hint: hint, outcome: outcome, transient: isTransient)
    }

    /// The value of context `label`, if any.
    public func context(_ label: String) -> String? {
        context.first { $0.label == label }?.value
    }

    /// `message (label value, ...). hint [code]`.
    public var description: String {
        var text = message
        if !context.isEmpty { text += " (" + context.map { "\($0.label) \($0.value)" }.joined(separator: ", ") + ")" }
        if let hint { text += ". " + hint }
        return text + " [\(code)]"
    }
}

extension SluiceError.Code {
    public static let interrupted = Self(rawValue: "interrupted")
    public static let io = Self(rawValue: "io")
    public static let badRecord = Self(rawValue: "bad_record")
    public static let state = Self(rawValue: "state")
    /// A plugin registered under a name that a plugin of its kind already has.
    public static let duplicatePlugin = Self(rawValue: "duplicate_plugin")
}
