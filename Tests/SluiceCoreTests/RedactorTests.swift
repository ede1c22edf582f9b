import Testing
import SluiceCore

@Suite struct RedactorTests {
    @Test(arguments: [
        ("Authorization: Basic a2V5OnNlY3JldA==", "Authorization: ***"),
        (#"{"authorization":"Bearer eyJhbGciOiJIUzI1NiJ9.x"}"#, #"{"authorization":"***"}"#),
        ("sent Bearer AbCdEf123456 twice", "sent Bearer *** twice"),
        ("postgresql://loader:pa55word@db.example:5432/dw", "postgresql://loader:***@db.example:5432/dw"),
        ("host=db password=pa55word user=x", "host=db password=*** user=x"),
        (#"{"accessKeySecret": "s3cr3t-value"}"#, #"{"accessKeySecret": "***"}"#),
    ])
    func credentialShapedValuesAreHidden(text: String, expected: String) {
        #expect(Redactor.hidingCredentials(in: text) == expected)
    }

    @Test(arguments: [
        "a basic error in the bearer token setup", "password authentication failed for user loader",
        "https://api.gong.io/v2/stats", "the range 2024-01-01..2024-02-01 is reversed",
    ])
    func ordinaryTextIsLeftAsItIs(text: String) {
        #expect(Redactor().scrub(text) == text)
    }

    @Test func substitutedValuesAreShownAsTheirVariableLongestFirst() {
        var redactor = Redactor()
        redactor.hide("hunter2", as: "${PART}")
        redactor.hide("hunter2-and-more", as: "${WHOLE}")
        redactor.hide("short", as: "${SHORT}")
        #expect(redactor.scrub("a hunter2-and-more b hunter2 c short") == "a ${WHOLE} b ${PART} c short")
        redactor.hide(#"quo"ted"#, as: "${Q}")
        #expect(redactor.scrub(#"{"m":"quo\"ted"}"#) == #"{"m":"${Q}"}"#)
    }
}
