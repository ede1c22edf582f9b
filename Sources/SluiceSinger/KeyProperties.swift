public import SluiceCore

/// Checks of a `key` option that becomes a Singer stream's `key_properties`.
public enum KeyProperties {
    /// An issue for each field of `key` that `input` lacks, with its path (`key[1]`) and a "did you mean".
    public static func unknownFields(_ key: [String], in input: Schema) -> [ConfigIssue] {
        key.enumerated().compactMap { position, field in
            input.index(of: field) == nil ? ConfigIssue(
                .unknownColumn, at: JSONPath.join("key", position), "the input has no field '\(field)'",
                hint: Suggestion.hint(for: field, among: input.names)
            ) : nil
        }
    }
}
