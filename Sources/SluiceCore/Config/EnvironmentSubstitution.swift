import Foundation

/// Replaces `${VAR}` and `${VAR:-default}` in every string of a pipeline document.
///
/// A default may itself hold references (`${A:-${B:-x}}`: A, else B, else `x`). `$$` writes a
/// literal `$`, and a `$` not followed by `{` stays as written. A variable that is unset (and has
/// no default) stays as written and is an issue naming it; a reference that is not well formed
/// (no closing `}`, a name with other characters than letters, digits and `_`, a shell operator
/// other than `:-`) is a `bad_substitution` issue, never a literal value. A variable's value
/// never appears in any message.
package struct EnvironmentSubstitution: Sendable {
    public let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// The document with every string substituted, the problems found, and the variables whose
    /// values were used, with those values (for ``Redactor``).
    public func apply(to value: Value, path: String = "") -> (value: Value, issues: [ConfigIssue], used: [String: String]) {
        var issues: [ConfigIssue] = []
        var used: [String: String] = [:]
        let result = apply(to: value, path: path, issues: &issues, used: &used)
        return (result, issues, used)
    }

    private func apply(to value: Value, path: String, issues: inout [ConfigIssue], used: inout [String: String]) -> Value {
        switch value {
        case .string(let text):
            guard text.contains("$") else { return value }
            var rest = Substring(text)
            var expansion = Expansion(environment: environment, path: path)
            let result = expansion.text(&rest, closed: false)
            if let problem = expansion.problem {
                issues.append(problem)
                return value
            }
            issues += expansion.missing
            used.merge(expansion.used) { $1 }
            return .string(result ?? text)
        case .array(let items):
            return .array(items.enumerated().map { position, item in
                apply(to: item, path: JSONPath.join(path, position), issues: &issues, used: &used)
            })
        case .object(let object):
            var result = ValueObject()
            for (key, item) in object.members {
                result.appendUnchecked(key, apply(to: item, path: JSONPath.join(path, key), issues: &issues, used: &used))
            }
            return .object(result)
        default:
            return value
        }
    }
}

/// One string being expanded: a small recursive-descent reader of text, `$$` and references.
private struct Expansion {
    let environment: [String: String]
    let path: String
    var missing: [ConfigIssue] = []
    var used: [String: String] = [:]
    /// The first malformed reference; the string then stays as written.
    var problem: ConfigIssue?

    init(environment: [String: String], path: String) {
        self.environment = environment
        self.path = path
    }

    /// Text up to the end of `rest`, or, when `closed`, up to the `}` that ends a default (consumed).
    /// - Returns: `nil` after a problem, or when `closed` and no `}` comes.
    mutating func text(_ rest: inout Substring, closed: Bool) -> String? {
        var output = ""
        while let character = rest.first {
            rest.removeFirst()
            if closed, character == "}" { return output }
            guard character == "$" else {
                output.append(character)
                continue
            }
            switch rest.first {
            case "$":
                rest.removeFirst()
                output.append("$")
            case "{":
                rest.removeFirst()
                guard let value = reference(&rest) else { return nil }
                output += value
            default:
                output.append("$")
            }
        }
        return closed ? nil : output
    }

    /// The value of the reference whose `${` was just read.
    private mutating func reference(_ rest: inout Substring) -> String? {
        let start = rest
        let name = String(rest.prefix { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
        rest.removeFirst(name.count)
        let fallback: String?
        if rest.hasPrefix(":-") {
            rest.removeFirst(2)
            // The default is read in any case (to find its end), but counts only when the variable is unset.
            let outer = (missing: missing, used: used)
            guard let text = text(&rest, closed: true) else {
                if problem == nil { fail("'${\(start.prefix(80))' has no closing '}'") }
                return nil
            }
            if environment[name] != nil { (missing, used) = outer }
            fallback = text
        } else if rest.first == "}" {
            rest.removeFirst()
            fallback = nil
        } else if rest.isEmpty {
            fail("'${\(start.prefix(80))' has no closing '}'")
            return nil
        } else {
            let written = start.prefix { $0 != "}" }.prefix(80)
            fail("'${\(written)}' is not a valid reference: write ${NAME} or ${NAME:-default}, NAME of letters, digits and '_'")
            return nil
        }
        guard !name.isEmpty else {
            fail("'${}' names no variable: write ${NAME} or ${NAME:-default}")
            return nil
        }
        if let value = environment[name] {
            used[name] = value
            return value
        }
        if let fallback { return fallback }
        missing.append(ConfigIssue(.missingEnvironment, at: path, "environment variable \(name) is not set",
                                   hint: "export \(name), or write ${\(name):-default}"))
        return "${\(name)}"
    }

    private mutating func fail(_ message: String) {
        problem = ConfigIssue(.badSubstitution, at: path, message)
    }
}
