/// A malformed JSON document: what was wrong, and where.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// The JSON path of the value being read (`$.records[2].userId`), shortened in the middle when
    /// very deep (see ``JSONPath/abbreviated(_:limit:)``).
    public let path: String
    public let line: Int
    public let column: Int

    public var description: String { "\(message) at \(path) (line \(line), column \(column))" }
}
