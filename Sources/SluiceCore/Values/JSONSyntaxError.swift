/// A malformed JSON document: what was wrong, and where.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// The JSON path of the value being read (`$.records[2].userId`), shortened in the middle when
    /// very deep (see ``JSONPath/abbreviated(_:limit:)``).
    public let path: String
    public let line: Int
    public let column: Int

    public var description: String { "\(message) at \(path) (line \(line), column \(column))" }

    /// The line and column (from 1, counting bytes) of position `index` of `bytes`.
    static func place(of index: Int, in bytes: some Collection<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes.prefix(index) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
