public import SluiceCore

extension Schema {
    /// An ``ConfigIssue/Code/unknownColumn`` issue at `path` when no field is called `name`.
    ///
    /// - Parameters:
    ///   - name: The field an option names.
    ///   - path: Where the name is written, relative to the plugin's block (`key[1]`, `rename.old`).
    public func missingField(_ name: String, at path: String) -> ConfigIssue? {
        guard index(of: name) == nil else { return nil }
        return ConfigIssue(
            .unknownColumn, at: path, "no column '\(name)' in the input (\(names.joined(separator: ", ")))",
            hint: Suggestion.hint(for: name, among: names)
        )
    }

    /// One issue per name of the list option at `optionPath` that is not a field of this schema.
    ///
    /// - Parameters:
    ///   - names: The field names, as listed in the option.
    ///   - optionPath: The option, relative to the plugin's block (`key`); issues point at its items (`key[1]`).
    public func missingFields(_ names: [String], optionPath: String) -> [ConfigIssue] {
        names.enumerated().compactMap { missingField($1, at: JSONPath.join(optionPath, $0)) }
    }

    /// The positions of the fields a list option names, in the order listed.
    /// - Throws: ``ConfigIssues`` with one ``ConfigIssue/Code/unknownColumn`` issue per absent name.
    public func positions(of names: [String], optionPath: String) throws(ConfigIssues) -> [Int] {
        let issues = missingFields(names, optionPath: optionPath)
        guard issues.isEmpty else { throw ConfigIssues(issues) }
        return names.compactMap { index(of: $0) }
    }
}
