import Testing
import SluiceCore

@Suite struct JSONRoundTripTests {
    @Test(arguments: [
        #"{"a":1,"b":[true,false,null],"c":"x"}"#,
        #"{"id":98765432109876543210,"big":123456789012345678901234567890}"#,
        #"{"neg":-9223372036854775808,"over":9223372036854775808}"#,
        #"{"pi":3.5,"tiny":1e-05,"exact":0.1000000000000000055511151231257827}"#,
        #"{"text":"tab\there \"quoted\" back\\slash\nnew line é 日本 🎉"}"#,
        #"[[],{},[{}],""]"#,
        #"{"z":1,"a":2,"m":3}"#,
    ])
    func roundTripKeepsTextExactly(json: String) throws {
        let value = try JSONParser.parse(json)
        #expect(JSONWriter.string(value) == json)
    }

    @Test func longIdsStayDigitForDigit() throws {
        let value = try JSONParser.parse(#"{"a":12345678901234567890,"b":"12345678901234567890","c":1234567890123456789}"#)
        #expect(value["a"] == .number("12345678901234567890"))
        #expect(value["a"]?.digitsOrText == "12345678901234567890")
        #expect(value["b"]?.digitsOrText == "12345678901234567890")
        #expect(value["c"] == .int(1_234_567_890_123_456_789))
    }

    @Test func escapesDecode() throws {
        let value = try JSONParser.parse(#""\u00e9\ud83c\udf89\/\b\f\r""#)
        #expect(value == .string("é🎉/\u{08}\u{0C}\r"))
        #expect(JSONWriter.string(.string("\u{01}")) == #""\u0001""#)
    }

    @Test func duplicateKeysKeepTheLastValueInTheFirstPlace() throws {
        let value = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(JSONWriter.string(value) == #"{"a":3,"b":2}"#)
    }

    @Test(arguments: [
        (#"{"a":1,}"#, "$"),
        (#"{"records":[1,2,{"userId":tru}]}"#, "$.records[2].userId"),
        (#"{"a":"unterminated"#, "$.a"),
        (#"[01]"#, "$[0]"),
        (#"{"a":1} x"#, "$"),
        (#"{"odd key":[nul]}"#, #"$["odd key"][0]"#),
    ])
    func malformedJSONNamesThePath(json: String, path: String) {
        #expect {
            try JSONParser.parse(json)
        } throws: { error in
            (error as? JSONSyntaxError)?.path == path
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let json = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(json) }
    }
}
