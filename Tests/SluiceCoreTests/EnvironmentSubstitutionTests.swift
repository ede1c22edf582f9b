import Testing
import SluiceCore

@Suite struct EnvironmentSubstitutionTests {
    let substitution = EnvironmentSubstitution(environment: ["KEY": "s3cret", "EMPTY": ""])

    @Test(arguments: [
        ("${KEY}", "s3cret"), ("a-${KEY}-b", "a-s3cret-b"), ("${MISSING:-fallback}", "fallback"),
        ("${EMPTY:-x}", ""), ("$$KEY", "$KEY"), ("cost $5", "cost $5"), ("${KEY}${KEY}", "s3crets3cret"),
        ("${NOPE:-${KEY}}", "s3cret"), ("${NOPE:-${NADA:-deep}}/x", "deep/x"), ("${KEY:-${NOPE}}", "s3cret"),
        ("${NOPE:-a$$b}", "a$b"), ("${NOPE:-}", ""),
    ])
    func substitutes(text: String, expected: String) {
        let (value, issues, _) = substitution.apply(to: .string(text))
        #expect(issues.isEmpty)
        #expect(value == .string(expected))
    }

    @Test func aMissingVariableIsNamedWithItsPath() throws {
        let document = try JSONParser.parse(#"{"source":{"auth":{"accessKey":"${GONG_KEY}"}}}"#)
        let (_, issues, _) = substitution.apply(to: document)
        let issue = try #require(issues.first)
        #expect(issues.count == 1)
        #expect(issue.code == .missingEnvironment)
        #expect(issue.path == "source.auth.accessKey")
        #expect(issue.message.contains("GONG_KEY"))
    }

    @Test(arguments: ["${KEY", "a ${NOPE:-${KEY}", "${KEY:-x", "${}", "${KEY-x}", "${KEY:=x}", "${A B}", "${KEY:-${A B}}"])
    func aMalformedReferenceIsAnIssueNotALiteral(text: String) {
        let (value, issues, _) = substitution.apply(to: .string(text), path: "sinks[0].path")
        #expect(issues.map(\.code) == [.badSubstitution])
        #expect(issues.first?.path == "sinks[0].path")
        #expect(value == .string(text))
        #expect(!issues.description.contains("s3cret"))
    }

    @Test func aDefaultCountsOnlyWhenItsVariableIsUnset() {
        let (_, issues, used) = substitution.apply(to: .string("${KEY:-${NOPE}}"))
        #expect(issues.isEmpty)
        #expect(used == ["KEY": "s3cret"])
    }

    @Test func valuesNeverAppearInIssues() {
        let (_, issues, _) = substitution.apply(to: .string("${KEY} ${NOPE}"))
        #expect(!issues.description.contains("s3cret"))
    }
}
