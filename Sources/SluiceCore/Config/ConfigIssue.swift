/// One problem of a pipeline file, found before any data moves.
public struct ConfigIssue: Sendable, Hashable, CustomStringConvertible {
    /// Stable codes; tests compare these, never the text.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let invalidJSON = Code(rawValue: "invalid_json")
        public static let unknownKey = Code(rawValue: "unknown_key")
        public static let missingKey = Code(rawValue: "missing_key")
        public static let wrongType = Code(rawValue: "wrong_type")
        public static let badValue = Code(rawValue: "bad_value")
        public static let outOfRange = Code(rawValue: "out_of_range")
        public static let badDate = Code(rawValue: "bad_date")
        public static let reversedRange = Code(rawValue: "reversed_range")
        public static let unknownPlugin = Code(rawValue: "unknown_plugin")
        public static let missingEnvironment = Code(rawValue: "missing_env")
        public static let unknownColumn = Code(rawValue: "unknown_column")
        public static let emptySinks = Code(rawValue: "empty_sinks")
        public static let duplicateSink = Code(rawValue: "duplicate_sink")
        public static let unsupportedVersion = Code(rawValue: "unsupported_version")
        public static let incompatible = Code(rawValue: "incompatible")
        /// A sink key that does not cover the natural key of its input: rows would merge or collide.
        public static let keyTooNarrow = Code(rawValue: "key_too_narrow")
        /// A member name written twice in one object of a pipeline file (JSON would keep the last silently).
        public static let duplicateKey = Code(rawValue: "duplicate_key")
        /// A `${...}` that is not a well-formed reference: unterminated, or not a variable name.
        public static let badSubstitution = Code(rawValue: "bad_substitution")
    }

    public let code: Code
    /// Where in the file, as a JSON path (`sinks[1].mode`); empty for the whole file.
    public let path: String
    public let message: String
    /// A suggestion such as "did you mean 'mode'?".
    public let hint: String?

    public init(_ code: Code, at path: String, _ message: String, hint: String? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.hint = hint
    }

    /// The same issue, with `prefix` put in front of its path.
    public func prefixed(by prefix: String) -> ConfigIssue {
        let joined = path.isEmpty ? prefix : (path.hasPrefix("[") ? prefix + path : prefix + "." + path)
        return ConfigIssue(code, at: prefix.isEmpty ? path : joined, message, hint: hint)
    }

    /// `{"path", "code", "message", "hint"}`, for `--format json`; a very long path is shortened.
    public var json: Value {
        .object(["path": .string(JSONPath.abbreviated(path)), "code": .string(code.rawValue), "message": .string(message), "hint": hint.map(Value.string) ?? .null])
    }

    /// `path: message (hint) [code]`; a very long path is shortened.
    public var description: String {
        let location = path.isEmpty ? "" : "\(JSONPath.abbreviated(path)): "
        let suggestion = hint.map { " (\($0))" } ?? ""
        return "\(location)\(message)\(suggestion) [\(code)]"
    }
}

/// A pipeline file that cannot be run, with every problem found in it.
public struct PipelineInvalid: Error, Sendable, CustomStringConvertible {
    /// The file, when the pipeline came from one.
    public let file: String?
    public let issues: [ConfigIssue]

    public init(file: String?, issues: [ConfigIssue]) {
        self.file = file
        self.issues = issues
    }

    public var description: String {
        let header = "\(file ?? "pipeline") is invalid (\(issues.count) problem\(issues.count == 1 ? "" : "s")):"
        return ([header] + issues.map { "  \($0)" }).joined(separator: "\n")
    }
}
