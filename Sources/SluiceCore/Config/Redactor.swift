/// Hides secrets in text that leaves the program: messages, logs, plans, the run history.
///
/// Which values are secret: every value substituted for a `${VAR}` that has
/// ``minimumLength`` characters or more, whatever the variable's name, shown as `${VAR}`; and
/// every value of that length written as it is in an option declared `secret` (`auth`), shown as
/// `***`. Names are not a reliable sign of a secret (`GONG_AK`, `DB`), and `${VAR}` in place of a
/// non-secret value (a table name) still tells the reader which variable to look at; shorter
/// values would replace ordinary words in every message, and are too short to be real secrets.
///
/// Whatever their origin, credential-shaped values are hidden too (``hidingCredentials(in:)``):
/// the value of an `Authorization` header, a token after `Basic` or `Bearer`, the password of a
/// URL (`postgres://user:***@host`) and the value after `password=`.
package struct Redactor: Sendable {
    /// The shortest value hidden by value.
    public static let minimumLength = 6

    /// The values hidden, longest first (so that a secret containing another is hidden whole).
    private var secrets: [(value: String, shown: String)] = []

    public init() {}

    /// Hides `value` (when it has at least ``minimumLength`` characters), showing `shown` instead;
    /// also as it is written inside a JSON string (a `--log-format json` line), when that differs.
    public mutating func hide(_ value: String, as shown: String = "***") {
        guard value.count >= Self.minimumLength else { return }
        insert(value, shown)
        let escaped = String(JSONWriter.string(value).dropFirst().dropLast())
        if escaped != value { insert(escaped, shown) }
    }

    /// Hides every secret of `other` too.
    public mutating func merge(_ other: Redactor) {
        for secret in other.secrets { insert(secret.value, secret.shown) }
    }

    private mutating func insert(_ value: String, _ shown: String) {
        guard !secrets.contains(where: { $0.value == value }) else { return }
        let position = secrets.firstIndex { $0.value.count < value.count } ?? secrets.endIndex
        secrets.insert((value, shown), at: position)
    }

    /// `text` with every secret replaced, then every credential-shaped value.
    public func scrub(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret.value) {
            result = result.replacing(secret.value, with: secret.shown)
        }
        return Self.hidingCredentials(in: result)
    }

    /// The issue with its message and hint scrubbed (its path and code stay as they are).
    public func scrub(_ issue: ConfigIssue) -> ConfigIssue {
        ConfigIssue(issue.code, at: issue.path, scrub(issue.message), hint: issue.hint.map(scrub))
    }

}
