/// Finds the structure of a JSON document fed to it in chunks, in one pass and without keeping
/// the bytes: where each member of the top-level object lies and, for one member holding an array,
/// where each element lies. The values themselves are parsed later, piece by piece, by
/// ``JSONParser``, which also checks them fully.
///
/// Made for large answers (a page of a year of Gong activity is tens of megabytes): the document
/// can be streamed to a file while the scanner notes its structure, and each element be read back
/// and parsed alone.
package struct JSONPageScanner {
    /// Where the parts of the document are, in bytes from its start.
    public struct Layout: Sendable {
        /// The top-level object's members, in order, with the bytes of each value.
        public var members: [(key: String, value: Range<Int>)] = []
        /// The bytes of each element of the array member named when scanning (none when that
        /// member is missing or not an array).
        public var elements: [Range<Int>] = []
    }

    private enum Phase {
        case beforeDocument, expectKey, inKey, expectColon, expectValue, inValue, afterValue, afterDocument
    }

    /// What begins a value.
    private enum Start {
        case quote, container, scalar
    }

    private let arrayMember: String
    private var layout = Layout()
    private var offset = 0
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var phase = Phase.beforeDocument
    private var key: [UInt8] = []
    private var valueStart = 0
    /// Whether the member being read is the array whose elements are noted.
    private var inArrayMember = false
    private var sawArrayMember = false
    private var elementStart: Int?
    private var problem: String?

    /// A scanner noting the elements of the top-level member `arrayMember`.
    public init(arrayMember: String) {
        self.arrayMember = arrayMember
    }

    /// Reads the next bytes of the document.
    public mutating func feed(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { buffer in
            let raw = UnsafeRawBufferPointer(buffer)
            var index = 0
            while index < buffer.count {
                guard problem == nil else { return }
                if inString, !escaped, phase != .inKey {
                    // Inside a value's string only a quote or a backslash matters: eight bytes at a time.
                    let start = index
                    while index + 8 <= buffer.count {
                        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                        guard !WordScan.holds(UInt8(ascii: "\""), in: word), !WordScan.holds(UInt8(ascii: "\\"), in: word) else { break }
                        index += 8
                    }
                    offset += index - start
                    guard index < buffer.count else { return }
                }
                step(buffer[index])
                offset += 1
                index += 1
            }
        }
    }

    /// The layout, once the whole document was fed.
    /// - Throws: ``JSONSyntaxError`` when the structure is broken or the document is not one object.
    public func finish() throws(JSONSyntaxError) -> Layout {
        if let problem { throw JSONSyntaxError(message: problem, path: "$", line: 0, column: offset) }
        guard phase == .afterDocument else {
            throw JSONSyntaxError(message: "unexpected end of the document", path: "$", line: 0, column: offset)
        }
        return layout
    }

    private mutating func step(_ byte: UInt8) {
        if inString {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
                endString()
                return
            }
            if phase == .inKey { key.append(byte) }
            return
        }
        switch byte {
        case 0x20, 0x0A, 0x0D, 0x09:
            endScalar()
        case UInt8(ascii: "\""):
            startValue(.quote)
            if phase == .expectKey, depth == 1 {
                phase = .inKey
                key = []
            }
            inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            open(byte)
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            endScalar()
            close()
        case UInt8(ascii: ","):
            endScalar()
            comma()
        case UInt8(ascii: ":"):
            guard depth == 1 else { return }
            guard phase == .expectColon else { return fail("expected a member name before ':'") }
            phase = .expectValue
        default:
            startValue(.scalar)
        }
    }

    /// A value (or a key) begins at the current byte, when one is expected here.
    private mutating func startValue(_ start: Start) {
        switch (depth, phase) {
        case (0, .beforeDocument):
            if start != .container { fail("the document is not an object") }
        case (0, _):
            fail("unexpected text after the document")
        case (1, .expectValue):
            valueStart = offset
            phase = .inValue
        case (1, .expectKey):
            if start != .quote { fail("expected a member name") }
        case (1, .inValue), (1, .inKey):
            break
        case (1, _):
            fail("expected ',' between members")
        case (2, _) where inArrayMember && elementStart == nil:
            elementStart = offset
        default:
            break
        }
    }

    private mutating func open(_ byte: UInt8) {
        let opensDocument = depth == 0 && phase == .beforeDocument
        startValue(.container)
        if opensDocument {
            guard byte == UInt8(ascii: "{") else { return fail("the document is not an object") }
            phase = .expectKey
        } else if depth == 1, String(decoding: key, as: UTF8.self) == arrayMember {
            // Read twice, the member would be ambiguous: which list holds the users?
            guard !sawArrayMember else { return fail("the member \(arrayMember) appears twice") }
            sawArrayMember = true
            inArrayMember = byte == UInt8(ascii: "[")
        }
        depth += 1
    }

    private mutating func close() {
        guard depth > 0 else { return fail("unbalanced closing bracket") }
        depth -= 1
        switch depth {
        case 0:
            if phase == .inValue { endMember(at: offset) }
            guard phase == .afterValue || phase == .expectKey else { return fail("expected a value before '}'") }
            phase = .afterDocument
        case 1:
            if inArrayMember, let start = elementStart { layout.elements.append(start..<offset) }
            elementStart = nil
            inArrayMember = false
            endMember(at: offset + 1)
        case 2 where inArrayMember:
            if let start = elementStart { layout.elements.append(start..<offset + 1) }
            elementStart = nil
        default:
            break
        }
    }

    private mutating func comma() {
        switch depth {
        case 1:
            if phase == .inValue { endMember(at: offset) }
            guard phase == .afterValue else { return fail("expected a value before ','") }
            phase = .expectKey
        case 2 where inArrayMember:
            if let start = elementStart { layout.elements.append(start..<offset) }
            elementStart = nil
        default:
            break
        }
    }

    /// A string ended at the current byte: a key, a member's value or an element.
    private mutating func endString() {
        switch (depth, phase) {
        case (1, .inKey): phase = .expectColon
        case (1, .inValue): endMember(at: offset + 1)
        case (2, _) where inArrayMember:
            if let start = elementStart { layout.elements.append(start..<offset + 1) }
            elementStart = nil
        default: break
        }
    }

    /// A number or literal ends before the current byte, when one was being read.
    private mutating func endScalar() {
        if depth == 1, phase == .inValue, valueStart < offset { endMember(at: offset) }
        if depth == 2, inArrayMember, let start = elementStart {
            layout.elements.append(start..<offset)
            elementStart = nil
        }
    }

    private mutating func endMember(at end: Int) {
        layout.members.append((String(decoding: key, as: UTF8.self), valueStart..<end))
        phase = .afterValue
    }

    private mutating func fail(_ message: String) {
        if problem == nil { problem = message }
    }
}
