/// The rows a source limits itself to, beyond dates (for example the `userIds` of the Gong source).
///
/// A sink that replaces a window's rows deletes only the rows inside the scope.
public struct ScopeFilter: Sendable, Hashable {
    /// The column that the flattened rows carry the scoped value in (`user_id`).
    public let field: String
    /// The values read; rows with other values are outside the scope.
    public let values: [String]

    public init(field: String, values: [String]) {
        self.field = field
        self.values = values
    }
}
