/// Checks a config block against its ``OptionSpec``s and collects every problem.
enum OptionValidator {
    /// Checks `value` (an object) against `specs`; returns every issue, paths starting at `path`.
    static func validate(object value: Value, specs: [OptionSpec], path: String, reservedKeys: Set<String> = [])
        -> [ConfigIssue]
    {
        guard case .object(let object) = value else {
            return [ConfigIssue(.wrongType, at: path, "expected an object, found \(value.kindName)")]
        }
        var issues: [ConfigIssue] = []
        let known = specs.map(\.name)
        for (key, item) in object.members where !reservedKeys.contains(key) {
            let itemPath = JSONPath.join(path, key)
            guard let spec = specs.first(where: { $0.name == key }) else {
                issues.append(ConfigIssue(
                    .unknownKey, at: itemPath, "unknown key '\(key)'",
                    hint: Suggestion.hint(for: key, among: known + reservedKeys)
                ))
                continue
            }
            issues += validate(item, kind: spec.kind, secret: spec.isSecret, path: itemPath)
        }
        for spec in specs where spec.isRequired && object[spec.name] == nil {
            issues.append(ConfigIssue(.missingKey, at: JSONPath.join(path, spec.name), "missing required key '\(spec.name)'"))
        }
        return issues
    }

    static func validate(_ value: Value, kind: OptionKind, secret: Bool, path: String) -> [ConfigIssue] {
        func wrongType(_ expected: String) -> [ConfigIssue] {
            [ConfigIssue(.wrongType, at: path, "expected \(expected), found \(value.kindName)")]
        }
        switch kind {
        case .string:
            guard case .string = value else { return wrongType("a string") }
            return []
        case .integer(let range):
            guard case .int(let number) = value else { return wrongType("an integer") }
            guard range.contains(Int(number)) else {
                return [ConfigIssue(.outOfRange, at: path, "\(number) is out of range (\(kind.displayName))")]
            }
            return []
        case .number(let range):
            let number: Double
            switch value {
            case .int(let integer): number = Double(integer)
            case .double(let double): number = double
            default: return wrongType("a number")
            }
            guard range.contains(number) else {
                return [ConfigIssue(.outOfRange, at: path, "\(number) is out of range (\(range.lowerBound)...\(range.upperBound))")]
            }
            return []
        case .boolean:
            guard case .bool = value else { return wrongType("true or false") }
            return []
        case .date:
            guard case .string(let text) = value else { return wrongType("a date string (YYYY-MM-DD)") }
            guard CalendarDate(text) != nil else {
                return [ConfigIssue(.badDate, at: path, "'\(text)' is not a valid date (YYYY-MM-DD)")]
            }
            return []
        case .choice(let choices):
            guard case .string(let text) = value else { return wrongType("a string") }
            guard choices.contains(text) else {
                let shown = secret ? "the value" : "'\(text)'"
                return [ConfigIssue(
                    .badValue, at: path, "\(shown) is not one of \(kind.displayName)",
                    hint: secret ? nil : Suggestion.hint(for: text, among: choices)
                )]
            }
            return []
        case .list(let element, let minCount):
            guard case .array(let items) = value else { return wrongType("a list") }
            var issues = items.enumerated().flatMap {
                validate($1, kind: element, secret: secret, path: JSONPath.join(path, $0))
            }
            if items.count < minCount {
                issues.append(ConfigIssue(.badValue, at: path, "needs at least \(minCount) item\(minCount == 1 ? "" : "s")"))
            }
            return issues
        case .fields:
            return validate(value, kind: .list(.string, minCount: 1), secret: false, path: path)
        case .object(let specs):
            return validate(object: value, specs: specs, path: path)
        case .oneOf(let shapes):
            guard case .object(let object) = value else { return wrongType("an object") }
            let matching = shapes.filter { shape in
                shape.filter(\.isRequired).contains { object[$0.name] != nil }
            }
            guard matching.count == 1, let shape = matching.first else {
                let names = shapes.map { "{" + $0.filter(\.isRequired).map(\.name).joined(separator: ", ") + "}" }
                return [ConfigIssue(.badValue, at: path, "expected exactly one of \(names.joined(separator: " or "))")]
            }
            return validate(object: value, specs: shape, path: path)
        case .map(let element):
            guard case .object(let object) = value else { return wrongType("an object") }
            return object.members.flatMap { validate($1, kind: element, secret: secret, path: JSONPath.join(path, $0)) }
        case .json:
            return []
        }
    }
}
