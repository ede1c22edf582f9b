/// Finds where JSON values start and end in a document without building them, so that a large
/// document can be read one part at a time: each part is parsed (and fully checked) by
/// ``JSONParser`` only when it is wanted.
///
/// The skimmer checks the structure it walks (balanced brackets, terminated strings, members
/// with a key and a colon); it does not check what ``JSONParser`` checks when a part is parsed.
public struct JSONSkimmer {
    private let bytes: [UInt8]
    private var index: Int
    private var depth = 0
    private static let maxDepth = 512

    /// A skimmer of `bytes`, at `start`.
    public init(_ bytes: [UInt8], at start: Int = 0) {
        self.bytes = bytes
        index = start
    }

    /// The members of the object at `range` (which must hold an object), with each value's bytes.
    /// - Throws: ``JSONSyntaxError`` at `path` when the structure is broken or another value is there.
    public static func members(of bytes: [UInt8], in range: Range<Int>, path: String) throws(JSONSyntaxError)
        -> [(key: String, value: Range<Int>)]
    {
        var skimmer = JSONSkimmer(bytes, at: range.lowerBound)
        return try skimmer.container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), path: path) { skimmer throws(JSONSyntaxError) in
            let key = try skimmer.key(path: path)
            return (key, try skimmer.value(path: path))
        }
    }

    /// The bytes of each element of the array at `range` (which must hold an array).
    /// - Throws: ``JSONSyntaxError`` at `path` when the structure is broken or another value is there.
    public static func elements(of bytes: [UInt8], in range: Range<Int>, path: String) throws(JSONSyntaxError) -> [Range<Int>] {
        var skimmer = JSONSkimmer(bytes, at: range.lowerBound)
        return try skimmer.container(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), path: path) { skimmer throws(JSONSyntaxError) in
            try skimmer.value(path: path)
        }
    }

    /// The bytes of the one value that `bytes` holds, without the whitespace around it.
    /// - Throws: ``JSONSyntaxError`` when anything but whitespace follows it.
    public static func document(_ bytes: [UInt8]) throws(JSONSyntaxError) -> Range<Int> {
        var skimmer = JSONSkimmer(bytes)
        let range = try skimmer.value(path: "$")
        skimmer.skipWhitespace()
        guard skimmer.index == bytes.count else { throw skimmer.error("unexpected text after the JSON value", path: "$") }
        return range
    }

    private mutating func container<Item>(
        open: UInt8, close: UInt8, path: String, _ item: (inout JSONSkimmer) throws(JSONSyntaxError) -> Item
    ) throws(JSONSyntaxError) -> [Item] {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == open else {
            throw error("expected \(open == UInt8(ascii: "{") ? "an object" : "a list")", path: path)
        }
        index += 1
        var items: [Item] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == close { return items }
        while true {
            items.append(try item(&self))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of the document", path: path) }
            index += 1
            if bytes[index - 1] == close { return items }
            guard bytes[index - 1] == UInt8(ascii: ",") else { throw error("expected ',' between items", path: path) }
        }
    }

    private mutating func key(path: String) throws(JSONSyntaxError) -> String {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a member name", path: path) }
        let range = try skipString(path: path)
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after a member name", path: path) }
        index += 1
        guard case .string(let key) = try JSONParser.parse(bytes[range]) else { throw error("expected a member name", path: path) }
        return key
    }

    /// Skips one value; returns its bytes.
    private mutating func value(path: String) throws(JSONSyntaxError) -> Range<Int> {
        skipWhitespace()
        let start = index
        guard index < bytes.count else { throw error("unexpected end of the document", path: path) }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return try skipString(path: path)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipContainer(path: path)
        default:
            while index < bytes.count, !Self.ends(bytes[index]) { index += 1 }
            guard index > start else { throw error("unexpected character", path: path) }
        }
        return start..<index
    }

    /// Skips an object or an array, strings and nesting included.
    private mutating func skipContainer(path: String) throws(JSONSyntaxError) {
        var closers: [UInt8] = []
        repeat {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                _ = try skipString(path: path)
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard closers.count < Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels", path: path) }
                closers.append(byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]"))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard closers.popLast() == byte else { throw error("unbalanced '\(Character(Unicode.Scalar(byte)))'", path: path) }
            default:
                break
            }
            index += 1
        } while !closers.isEmpty && index < bytes.count
        guard closers.isEmpty else { throw error("unexpected end of the document", path: path) }
    }

    /// Skips a string (at its opening quote); returns its bytes, quotes included.
    private mutating func skipString(path: String) throws(JSONSyntaxError) -> Range<Int> {
        let start = index
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return start..<index
            case UInt8(ascii: "\\"):
                index += 2
            default:
                index += 1
            }
        }
        throw error("unterminated string", path: path)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x0A, 0x0D, 0x09: true
        default: false
        }
    }

    /// Whether `byte` ends a number or a literal.
    private static func ends(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"): true
        default: isWhitespace(byte)
        }
    }

    private func error(_ message: String, path: String) -> JSONSyntaxError {
        let prefix = bytes[..<min(index, bytes.count)]
        let line = prefix.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let column = index - (prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        return JSONSyntaxError(message: message, path: path, line: line, column: column)
    }
}
