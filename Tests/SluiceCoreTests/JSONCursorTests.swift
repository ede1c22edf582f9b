import Foundation
import SluiceCore
import SluiceTestKit
import Testing

/// `JSONCursor` accepts exactly what `JSONParser` accepts, and reads strings as the parser does:
/// the NDJSON source keeps json fields as the text the cursor checked, so a gap between the two
/// would let invalid JSON reach a json column.
@Suite struct JSONCursorTests {
    static let cases: [String] = [
        #"{"a":1,"b":[true,false,null],"c":"x"}"#, #"{"a":1,}"#, #"[1,]"#, #"[,1]"#, #"{,"a":1}"#, #"{"a"1}"#, #"{"a":}"#,
        #"[01]"#, #"[-]"#, #"[1.]"#, #"[1e]"#, #"[1E+5]"#, #"[-0.5e-3]"#, #"[.5]"#, #"[tru]"#, #"[nul]"#, #"[true false]"#,
        #""\ud83c\udf89""#, #""\ud83c""#, #""\udf89""#, #""\ud83cx""#, #""\u00e""#, #""\x""#, "\"tab\there\"", #""\/\b\f\n\r\t""#,
        "\"\u{7F}\"", "\"é 日本 🎉\"", "", " ", "{}", "[]", "[[[]]]", "{\"a\":{\"b\":{}}}", "[1] [2]", "[1]  \n", "\u{FEFF}[1]",
        "[\"a\"]x", "{\"a\":1}}", "[\"\u{0}\"]", #"{"a":1,"a":2}"#, "\"unterminated", "[1,2", "{\"a\":[1,{\"b\":2}]}",
    ]

    /// Bytes that are not UTF-8 inside a string: lone continuation, overlong forms, surrogates, past U+10FFFF, truncated.
    static let badUTF8: [[UInt8]] = [[0x80], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                     [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xFF]]

    @Test func acceptsExactlyWhatTheParserAccepts() throws {
        var inputs = Self.cases.map { Array($0.utf8) }
        inputs += Self.badUTF8.map { [UInt8(ascii: "\"")] + $0 + [UInt8(ascii: "\"")] }
        inputs += [Array(repeating: UInt8(ascii: "["), count: 512) + Array(repeating: UInt8(ascii: "]"), count: 512)]
        inputs += [Array(repeating: UInt8(ascii: "["), count: 513) + Array(repeating: UInt8(ascii: "]"), count: 513)]
        inputs += try Self.corpus()
        inputs += Self.mutations(of: Array(Self.cases[0].utf8) + Array(#"{"s":"é\u00e9🎉","n":[-1.5e3,0,12345678901234567890]}"#.utf8))
        var accepted = 0
        for input in inputs {
            let parsed = (try? JSONParser.parse(input)) != nil
            #expect(Self.cursorAccepts(input) == parsed, "\(String(decoding: input.prefix(80), as: UTF8.self))")
            if parsed { accepted += 1 }
        }
        #expect(accepted > 20 && accepted < inputs.count - 20, "the inputs hold both valid and invalid JSON")
    }

    @Test func stringsReadAsTheParserReadsThem() throws {
        for text in [#""plain""#, #""a\"b\\c\/d""#, #""\u00e9\ud83c\udf89 x\n\t""#, "\"日本 🎉\""] {
            let bytes = Array(text.utf8)
            let unescaped = bytes.withUnsafeBufferPointer { buffer -> [UInt8] in
                var cursor = JSONCursor(buffer)
                guard let token = try? cursor.readString() else { return [] }
                var output: [UInt8] = []
                cursor.unescape(token, into: &output)
                return output
            }
            #expect(try JSONParser.parse(bytes) == .string(String(decoding: unescaped, as: UTF8.self)))
        }
    }

    @Test func memberNamesMatchWithOrWithoutEscapes() throws {
        let bytes = Array(#"{"userId":1,"user\u0049d":2,"other":3,"userI":4,"userIdx":5,"日本":6}"#.utf8)
        let names = JSONMemberNames(["日本", "userId"])
        let positions = try bytes.withUnsafeBufferPointer { buffer -> [Int?] in
            var cursor = JSONCursor(buffer)
            var found: [Int?] = []
            try cursor.beginObject()
            while let key = try cursor.nextKey() {
                found.append(names.position(of: key, in: cursor))
                try cursor.skipValue()
            }
            return found
        }
        #expect(positions == [1, 1, nil, nil, nil, 0])
    }

    private static func cursorAccepts(_ input: [UInt8]) -> Bool {
        input.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(buffer)
            do {
                try cursor.skipValue()
                try cursor.end()
                return true
            } catch {
                return false
            }
        }
    }

    /// The saved fuzzing inputs (pages, NDJSON lines, pipeline files), valid and not.
    private static func corpus() throws -> [[UInt8]] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appending(path: "Fuzz/corpus")
        var inputs: [[UInt8]] = []
        for target in ["gong-page", "ndjson", "pipeline"] {
            let folder = root.appending(path: target)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                inputs.append(Array(try Data(contentsOf: folder.appending(path: name))))
            }
        }
        #expect(inputs.count > 100, "the fuzzing corpus is missing")
        return inputs
    }

    /// Seeded single-byte changes, deletions and insertions of `document`.
    private static func mutations(of document: [UInt8]) -> [[UInt8]] {
        var random = SeededGenerator(seed: 42)
        let alphabet = Array(#"{}[]":,\.-+eE0189 tfnu"#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xE2, 0xF0, 0xFF]
        return (0..<3000).map { _ in
            var copy = document
            let position = Int.random(in: 0..<copy.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: copy[position] = alphabet.randomElement(using: &random)!
            case 1: copy.remove(at: position)
            default: copy.insert(alphabet.randomElement(using: &random)!, at: position)
            }
            return copy
        }
    }
}
