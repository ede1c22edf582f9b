/// The shape of one option of a plugin's config block.
///
/// Plugins declare their options once; the same declaration validates pipeline files,
/// documents the plugin in `sluice plugins` and produces its part of `sluice schema`.
public struct OptionSpec: Sendable {
    public let name: String
    public let kind: OptionKind
    public let isRequired: Bool
    /// The value used when the option is omitted (shown in `sluice plugins`).
    public let defaultValue: Value?
    public let summary: String
    /// Secret values are never echoed in messages.
    public let isSecret: Bool

    public init(
        _ name: String, _ kind: OptionKind, required: Bool = false, default defaultValue: Value? = nil,
        secret: Bool = false, _ summary: String
    ) {
        self.name = name
        self.kind = kind
        isRequired = required
        self.defaultValue = defaultValue
        self.summary = summary
        isSecret = secret
    }
}

/// What values an option takes.
public indirect enum OptionKind: Sendable {
    case string
    case integer(ClosedRange<Int>)
    case number(ClosedRange<Double>)
    case boolean
    /// A `YYYY-MM-DD` date.
    case date
    /// One of a fixed set of strings.
    case choice([String])
    case list(OptionKind, minCount: Int = 0)
    /// A list of field names of the schema flowing into the stage (checked against it).
    case fields
    /// An object with these options.
    case object([OptionSpec])
    /// Exactly one of several object shapes, told apart by their required keys.
    case oneOf([[OptionSpec]])
    /// An object whose keys are free and whose values are all of one kind.
    case map(OptionKind)
    /// Any JSON value, passed on as it is (a Singer target's settings).
    case json

    /// A short human name, as in `sluice plugins`.
    public var displayName: String {
        switch self {
        case .string: "string"
        case .integer(let range): "integer \(range.lowerBound)...\(range.upperBound == .max ? "" : String(range.upperBound))"
        case .number: "number"
        case .boolean: "boolean"
        case .date: "date (YYYY-MM-DD)"
        case .choice(let choices): choices.map { "\"\($0)\"" }.joined(separator: " | ")
        case .list(let element, _): "[\(element.displayName)]"
        case .fields: "[field name]"
        case .object: "object"
        case .oneOf(let shapes): shapes.map { "{" + $0.filter(\.isRequired).map(\.name).joined(separator: ", ") + "}" }
            .joined(separator: " | ")
        case .map(let value): "{name: \(value.displayName)}"
        case .json: "any JSON"
        }
    }
}
