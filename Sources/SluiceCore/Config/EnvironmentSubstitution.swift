import Foundation

/// Replaces `${VAR}` and `${VAR:-default}` in every string of a pipeline document.
///
/// `$$` writes a literal `$`. A variable that is unset (and has no default) stays as written and
/// is an issue naming it; a variable's value never appears in any message.
public struct EnvironmentSubstitution: Sendable {
    public let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// The document with every string substituted, and the problems found.
    public func apply(to value: Value, path: String = "") -> (Value, [ConfigIssue]) {
        switch value {
        case .string(let text):
            guard text.contains("$") else { return (value, []) }
            var issues: [ConfigIssue] = []
            let result = substitute(text, path: path, issues: &issues)
            return (.string(result), issues)
        case .array(let items):
            var issues: [ConfigIssue] = []
            let mapped = items.enumerated().map { position, item in
                let (substituted, found) = apply(to: item, path: JSONPath.join(path, position))
                issues += found
                return substituted
            }
            return (.array(mapped), issues)
        case .object(let object):
            var issues: [ConfigIssue] = []
            var result = ValueObject()
            for (key, item) in object.members {
                let (substituted, found) = apply(to: item, path: JSONPath.join(path, key))
                issues += found
                result.appendUnchecked(key, substituted)
            }
            return (.object(result), issues)
        default:
            return (value, [])
        }
    }

    private func substitute(_ text: String, path: String, issues: inout [ConfigIssue]) -> String {
        var output = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.first == "$" {
                output += "$"
                rest = after.dropFirst()
                continue
            }
            guard after.first == "{", let close = after.firstIndex(of: "}") else {
                output += "$"
                rest = after
                continue
            }
            let body = after[after.index(after: after.startIndex)..<close]
            let name: Substring, fallback: Substring?
            if let separator = body.range(of: ":-") {
                name = body[..<separator.lowerBound]
                fallback = body[separator.upperBound...]
            } else {
                name = body
                fallback = nil
            }
            if name.isEmpty || !name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) {
                issues.append(ConfigIssue(.badValue, at: path, "'${\(body)}' is not a valid variable reference"))
            } else if let found = environment[String(name)] {
                output += found
            } else if let fallback {
                output += fallback
            } else {
                output += "${\(body)}"
                issues.append(ConfigIssue(
                    .missingEnvironment, at: path, "environment variable \(name) is not set",
                    hint: "export \(name), or write ${\(name):-default}"
                ))
            }
            rest = after[after.index(after: close)...]
        }
        return output + rest
    }
}
