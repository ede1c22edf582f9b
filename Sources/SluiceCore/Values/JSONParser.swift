/// Parses JSON text into ``Value``s, keeping number literals exactly and object members in order.
public struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0
    private var path: [PathComponent] = []
    private var depth = 0
    private static let maxDepth = 512
    /// The paths of members that repeat a name of their object, when the caller asked for them.
    private var duplicates: [String]?

    private enum PathComponent {
        case key(String)
        case index(Int)
    }

    /// Parses one complete JSON document.
    /// - Throws: ``JSONSyntaxError`` when the text is not exactly one JSON value.
    public static func parse(_ bytes: some Sequence<UInt8>) throws(JSONSyntaxError) -> Value {
        var parser = JSONParser(bytes: Array(bytes))
        return try parser.parseDocument()
    }

    /// Parses one complete JSON document from text.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> Value {
        try parse(text.utf8)
    }

    /// Parses one complete JSON document and lists the members whose name repeats one of the same
    /// object (the last value is kept), as paths without `$` (`sinks[0].mode`), in document order.
    /// - Throws: ``JSONSyntaxError`` when the text is not exactly one JSON value.
    public static func parse(_ bytes: some Sequence<UInt8>, duplicateKeys: inout [String]) throws(JSONSyntaxError) -> Value {
        var parser = JSONParser(bytes: Array(bytes))
        parser.duplicates = []
        let value = try parser.parseDocument()
        duplicateKeys += parser.duplicates ?? []
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// One value and nothing after it but whitespace.
    private mutating func parseDocument() throws(JSONSyntaxError) -> Value {
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw error("unexpected text after the JSON value") }
        return value
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> Value {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of the document") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw unexpectedCharacter()
        }
    }

    /// Names what stands where a value should start: a byte order mark, a character (decoded as
    /// UTF-8, never byte by byte), or a byte that is not UTF-8.
    private func unexpectedCharacter() -> JSONSyntaxError {
        let rest = bytes[index...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) {
            return error("unexpected byte order mark (U+FEFF)")
        }
        var decoder = UTF8()
        var iterator = rest.prefix(4).makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else {
            return error("unexpected byte 0x\(String(bytes[index], radix: 16, uppercase: true)), which is not UTF-8")
        }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let visible = !scalar.properties.isWhitespace && scalar.properties.generalCategory != .control
        return error(visible ? "unexpected character '\(scalar)' (\(code))" : "unexpected character \(code)")
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> Value {
        try enter()
        index += 1
        var object = ValueObject()
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
            let key = try parseString()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw error("expected ':' after member name \"\(key)\"") }
            index += 1
            path.append(.key(key))
            let value = try parseValue()
            if object[key] == nil {
                object.appendUnchecked(key, value)
            } else {
                object[key] = value
                if duplicates != nil {
                    let repeated = pathText()
                    duplicates?.append(repeated)
                }
            }
            path.removeLast()
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return .object(object)
            default: throw error("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> Value {
        try enter()
        index += 1
        var items: [Value] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(items)
        }
        while true {
            path.append(.index(items.count))
            items.append(try parseValue())
            path.removeLast()
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(items)
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }

    /// The text of a string's bytes; invalid UTF-8 is an error, never replaced by U+FFFD.
    private func text(of bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw error("a string is not valid UTF-8") }
        return text
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = try text(of: bytes[start..<index])
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in a string") }
            index += 1
        }
        var scalars = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try text(of: scalars)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"): scalars.append(contentsOf: try parseUnicodeEscape())
                default: throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in a string")
                }
            default:
                if byte < 0x20 { throw error("control character in a string") }
                scalars.append(byte)
            }
        }
        throw error("unterminated string")
    }

    private mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> [UInt8] {
        var code = try hexQuad()
        if (0xD800..<0xDC00).contains(code) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("unpaired surrogate in a \\u escape") }
            index += 2
            let low = try hexQuad()
            guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in a \\u escape") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(code) {
            throw error("unpaired surrogate in a \\u escape")
        }
        guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid hex digit in a \\u escape")
            }
            code = code << 4 | UInt32(digit)
            index += 1
        }
        return code
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> Value {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        guard consumeDigits() > 0 else { throw error("invalid number") }
        if bytes[integerStart] == UInt8(ascii: "0"), index - integerStart > 1 {
            throw error("a number may not start with 0")
        }
        var isInteger = true
        if peek == UInt8(ascii: ".") {
            index += 1
            isInteger = false
            guard consumeDigits() > 0 else { throw error("invalid number: no digits after '.'") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            isInteger = false
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard consumeDigits() > 0 else { throw error("invalid number: no digits in the exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger {
            if let value = Int64(text) { return .int(value) }
            return .number(text)
        }
        let significantDigits = bytes[start..<index].prefix { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }
            .filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            .drop { $0 == UInt8(ascii: "0") }.count
        if significantDigits <= 15, let value = Double(text), value.isFinite { return .double(value) }
        return .number(text)
    }

    private mutating func consumeDigits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }

    private mutating func expectLiteral(_ literal: String) throws(JSONSyntaxError) {
        let count = literal.utf8.count
        guard index + count <= bytes.count, bytes[index..<index + count].elementsEqual(literal.utf8)
        else { throw error("invalid literal") }
        index += count
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maxDepth { throw error("nested deeper than \(Self.maxDepth) levels") }
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private func error(_ message: String) -> JSONSyntaxError {
        let (line, column) = JSONSyntaxError.place(of: index, in: bytes)
        let text = pathText()
        let rooted = text.isEmpty || text.hasPrefix("[") ? "$" + text : "$." + text
        return JSONSyntaxError(message: message, path: JSONPath.abbreviated(rooted), line: line, column: column)
    }

    /// The path of the value being read, without `$` (`records[2].userId`).
    private func pathText() -> String {
        path.reduce(into: "") { text, component in
            switch component {
            case .key(let key): text = JSONPath.join(text, key)
            case .index(let position): text = JSONPath.join(text, position)
            }
        }
    }
}
