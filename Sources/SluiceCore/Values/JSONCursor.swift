/// Reads JSON text in place, value by value, building nothing: strings are ranges of the text,
/// skipped values are checked and passed over.
///
/// It checks what ``JSONParser`` checks (the grammar, strict UTF-8, escapes and surrogate pairs,
/// nesting depth), so text it has read through is valid JSON. Made for hot paths: an NDJSON line
/// split into fields, a JSON column read without a ``Value`` tree.
public struct JSONCursor {
    /// The text.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// Where reading continues.
    public private(set) var index: Int
    private var depth = 0
    /// Whether the last `[` or `{` read has no element or member read yet.
    private var justOpened = false
    private static let maxDepth = 512

    /// The kinds of JSON values.
    public enum Kind: Sendable {
        case object, array, string, number, bool, null
    }

    /// A string of the text: its bytes between the quotes, still escaped when ``isEscaped``.
    public struct StringToken: Sendable {
        public let range: Range<Int>
        public let isEscaped: Bool

        public init(range: Range<Int>, isEscaped: Bool) {
            self.range = range
            self.isEscaped = isEscaped
        }
    }

    /// A cursor at `index` of `bytes`.
    public init(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    /// The kind of the next value (after whitespace).
    public mutating func peek() throws(JSONSyntaxError) -> Kind {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of the document") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw error("unexpected character")
        }
    }

    /// Reads the `{` of an object; then ``nextKey()`` reads its members.
    public mutating func beginObject() throws(JSONSyntaxError) {
        try open(UInt8(ascii: "{"), "an object")
    }

    /// The name of the object's next member, with the cursor at its value; `nil` after the `}`.
    public mutating func nextKey() throws(JSONSyntaxError) -> StringToken? {
        guard try nextItem(closing: UInt8(ascii: "}")) else { return nil }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
        let key = try readString()
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after a member name") }
        index += 1
        return key
    }

    /// Reads the `[` of an array; then ``nextElement()`` steps through it.
    public mutating func beginArray() throws(JSONSyntaxError) {
        try open(UInt8(ascii: "["), "an array")
    }

    /// Whether the array has another element, with the cursor at it; `false` after the `]`.
    public mutating func nextElement() throws(JSONSyntaxError) -> Bool {
        try nextItem(closing: UInt8(ascii: "]"))
    }

    /// Reads a string.
    public mutating func readString() throws(JSONSyntaxError) -> StringToken {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string") }
        index += 1
        let start = index
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return StringToken(range: start..<index - 1, isEscaped: escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index = try Self.escape(at: index, in: bytes).next
            } else if byte < 0x20 {
                throw error("control character in a string")
            } else if byte < 0x80 {
                index += 1
            } else {
                guard let next = Self.utf8Sequence(at: index, in: bytes) else { throw error("a string is not valid UTF-8") }
                index = next
            }
        }
        throw error("unterminated string")
    }

    /// Reads a number; `isInteger` when it has neither fraction nor exponent.
    public mutating func readNumber() throws(JSONSyntaxError) -> (range: Range<Int>, isInteger: Bool) {
        skipWhitespace()
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        guard digits() > 0 else { throw error("invalid number") }
        if bytes[integerStart] == UInt8(ascii: "0"), index - integerStart > 1 { throw error("a number may not start with 0") }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            isInteger = false
            guard digits() > 0 else { throw error("invalid number: no digits after '.'") }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            isInteger = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw error("invalid number: no digits in the exponent") }
        }
        return (start..<index, isInteger)
    }

    /// Reads `null` when it comes next.
    public mutating func readNull() throws(JSONSyntaxError) -> Bool {
        guard try peek() == .null else { return false }
        try literal("null")
        return true
    }

    /// Reads over the next value, whatever it is, checking it.
    public mutating func skipValue() throws(JSONSyntaxError) {
        switch try peek() {
        case .object:
            try beginObject()
            while try nextKey() != nil { try skipValue() }
        case .array:
            try beginArray()
            while try nextElement() { try skipValue() }
        case .string: _ = try readString()
        case .number: _ = try readNumber()
        case .bool: try literal(bytes[index] == UInt8(ascii: "t") ? "true" : "false")
        case .null: try literal("null")
        }
    }

    /// Checks that nothing but whitespace is left.
    public mutating func end() throws(JSONSyntaxError) {
        skipWhitespace()
        guard index == bytes.count else { throw error("unexpected text after the JSON value") }
    }

    /// Appends the unescaped UTF-8 bytes of `token` to `output`.
    public func unescape(_ token: StringToken, into output: inout [UInt8]) {
        var position = token.range.lowerBound
        while position < token.range.upperBound {
            if bytes[position] == UInt8(ascii: "\\"), let (next, scalar) = try? Self.escape(at: position, in: bytes) {
                output.append(contentsOf: String(Character(scalar)).utf8)
                position = next
            } else {
                output.append(bytes[position])
                position += 1
            }
        }
    }

    /// Whether `token`'s bytes, unescaped, are exactly `name` (which holds no character that needs escaping).
    public func token(_ token: StringToken, equals name: [UInt8]) -> Bool {
        if !token.isEscaped {
            return token.range.count == name.count
                && name.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: bytes[token.range]).elementsEqual($0) }
        }
        var text: [UInt8] = []
        unescape(token, into: &text)
        return text == name
    }

    /// An error at the cursor.
    public func error(_ message: String) -> JSONSyntaxError {
        let (line, column) = JSONSyntaxError.place(of: index, in: bytes)
        return JSONSyntaxError(message: message, path: "$", line: line, column: column)
    }

    private mutating func open(_ bracket: UInt8, _ name: String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == bracket else { throw error("expected \(name)") }
        depth += 1
        if depth > Self.maxDepth { throw error("nested deeper than \(Self.maxDepth) levels") }
        index += 1
        justOpened = true
    }

    /// Steps over the `,` before the next item, or the closing bracket after the last.
    private mutating func nextItem(closing: UInt8) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of the document") }
        let first = justOpened
        justOpened = false
        if bytes[index] == closing {
            index += 1
            depth -= 1
            return false
        }
        if !first {
            guard bytes[index] == UInt8(ascii: ",") else {
                throw error(closing == UInt8(ascii: "}") ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array")
            }
            index += 1
            skipWhitespace()
        }
        return true
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
              UnsafeBufferPointer(rebasing: bytes[index..<index + count]).elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: count))
        else { throw error("invalid literal") }
        index += count
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// The escape at `position` (a backslash): where the text goes on, and the character it stands for.
    private static func escape(at position: Int, in bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError)
        -> (next: Int, scalar: Unicode.Scalar)
    {
        func fail(_ message: String) -> JSONSyntaxError { JSONCursor(bytes, at: position).error(message) }
        guard position + 1 < bytes.count else { throw fail("unterminated string") }
        switch bytes[position + 1] {
        case UInt8(ascii: "\""): return (position + 2, "\"")
        case UInt8(ascii: "\\"): return (position + 2, "\\")
        case UInt8(ascii: "/"): return (position + 2, "/")
        case UInt8(ascii: "b"): return (position + 2, "\u{08}")
        case UInt8(ascii: "f"): return (position + 2, "\u{0C}")
        case UInt8(ascii: "n"): return (position + 2, "\n")
        case UInt8(ascii: "r"): return (position + 2, "\r")
        case UInt8(ascii: "t"): return (position + 2, "\t")
        case UInt8(ascii: "u"):
            guard var code = hexQuad(at: position + 2, in: bytes) else { throw fail("invalid \\u escape") }
            var next = position + 6
            if (0xD800..<0xDC00).contains(code) {
                guard next + 1 < bytes.count, bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u"),
                      let low = hexQuad(at: next + 2, in: bytes), (0xDC00..<0xE000).contains(low)
                else { throw fail("unpaired surrogate in a \\u escape") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                next += 6
            } else if (0xDC00..<0xE000).contains(code) {
                throw fail("unpaired surrogate in a \\u escape")
            }
            guard let scalar = Unicode.Scalar(code) else { throw fail("invalid \\u escape") }
            return (next, scalar)
        default: throw fail("invalid escape in a string")
        }
    }

    private static func hexQuad(at position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var code: UInt32 = 0
        for byte in bytes[position..<position + 4] {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): code = code << 4 | UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): code = code << 4 | UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): code = code << 4 | UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        return code
    }

    /// Where the UTF-8 sequence starting at `position` (a byte of 0x80 or more) ends; `nil` when it is not UTF-8.
    private static func utf8Sequence(at position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let lead = bytes[position]
        let length: Int
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; second = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; second = 0x80...0x9F
        case 0xF0: length = 4; second = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; second = 0x80...0x8F
        default: return nil
        }
        guard position + length <= bytes.count, second.contains(bytes[position + 1]) else { return nil }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[position + offset]) { return nil }
        return position + length
    }
}
