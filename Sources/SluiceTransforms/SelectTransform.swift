public import SluiceCore

/// `select`: keeps, orders, drops and renames fields.
///
/// Applied in this order: `fields` picks and orders (all fields when omitted), `drop` removes,
/// `rename` renames what is left.
public struct SelectTransform: TransformPlugin {
    public static let type = "select"
    public static let summary = "Keeps, orders, drops and renames fields."
    public static let options = [
        OptionSpec("fields", .fields, "The fields to keep, in this order (default: all, in input order)."),
        OptionSpec("drop", .fields, "Fields to remove."),
        OptionSpec("rename", .map(.string), "New names: {\"old\": \"new\"}, applied after fields and drop."),
    ]
    public static let notes = [
        "Applied in this order: fields picks and orders, drop removes, rename renames what is left.",
        "Streams: holds nothing between batches; values pass unchanged.",
    ]

    /// The fields to keep, in order; `nil` keeps all.
    public let fields: [String]?
    /// The fields to remove.
    public let drop: [String]
    /// Old name to new name, in the order written.
    public let rename: [(old: String, new: String)]

    /// - Parameters:
    ///   - fields: The fields to keep, in order; `nil` keeps all.
    ///   - drop: The fields to remove.
    ///   - rename: Old name to new name.
    public init(fields: [String]? = nil, drop: [String] = [], rename: [(old: String, new: String)] = []) {
        self.fields = fields
        self.drop = drop
        self.rename = rename
    }

    public init(config: PluginConfig) {
        self.init(
            fields: config.strings("fields"), drop: config.strings("drop") ?? [],
            rename: (config.stringMap("rename") ?? []).map { (old: $0, new: $1) }
        )
    }

    /// - Throws: ``ConfigIssues``: `unknown_column` at `fields[i]`, `drop[i]` or `rename.old` for
    ///   names absent from `input`; `bad_value` for a field listed twice, a rename of a field not
    ///   kept, a rename onto an existing name, or nothing left.
    public func outputSchema(for input: Schema) throws -> Schema {
        try plan(for: input).schema
    }

    public func makeProcessor(input: Schema) throws -> any BatchProcessor {
        let plan = try plan(for: input)
        let isIdentity = plan.sources == Array(input.fields.indices)
        return SelectProcessor(sources: plan.sources, isIdentity: isIdentity)
    }

    /// The output schema and, for each of its fields, the position of its input field.
    private func plan(for input: Schema) throws(ConfigIssues) -> (schema: Schema, sources: [Int]) {
        var issues = input.missingFields(fields ?? [], optionPath: "fields") + input.missingFields(drop, optionPath: "drop")
        var kept = fields ?? input.names
        for (position, name) in kept.enumerated() where kept[..<position].contains(name) {
            issues.append(ConfigIssue(.badValue, at: JSONPath.join("fields", position), "'\(name)' is listed twice"))
        }
        kept.removeAll { drop.contains($0) }
        var names = kept
        for (old, new) in rename {
            let path = JSONPath.join("rename", old)
            if let issue = input.missingField(old, at: path) {
                issues.append(issue)
            } else if let position = kept.firstIndex(of: old) {
                names[position] = new
            } else {
                issues.append(ConfigIssue(.badValue, at: path, "'\(old)' is not kept", hint: "fields or drop removes it"))
            }
        }
        for (position, name) in names.enumerated() where name.isEmpty || names[..<position].contains(name) {
            // A name not made by a rename is a field listed twice, reported above.
            guard let old = rename.first(where: { $0.old == kept[position] && $0.new == name })?.old
                ?? rename.first(where: { $0.new == name })?.old
            else { continue }
            issues.append(ConfigIssue(.badValue, at: JSONPath.join("rename", old),
                                      name.isEmpty ? "a column needs a name" : "two columns would be called '\(name)'"))
        }
        if kept.isEmpty, issues.isEmpty {
            issues.append(ConfigIssue(.badValue, at: drop.isEmpty ? "fields" : "drop", "no field would be left"))
        }
        guard issues.isEmpty else { throw ConfigIssues(issues) }
        let sources = kept.compactMap { input.index(of: $0) }
        // The natural key follows its renames; once a key field is dropped, rows may repeat.
        let key = input.naturalKey.flatMap { key in
            key.allSatisfy(kept.contains) ? key.map { names[kept.firstIndex(of: $0)!] } : nil
        }
        return (Schema(zip(names, sources).map { Field($0, input.fields[$1].type) }, naturalKey: key), sources)
    }
}
