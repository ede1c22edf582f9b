import Testing
import SluiceCore

@Suite struct EnvironmentSubstitutionTests {
    let substitution = EnvironmentSubstitution(environment: ["KEY": "s3cret", "EMPTY": ""])

    @Test(arguments: [
        ("${KEY}", "s3cret"), ("a-${KEY}-b", "a-s3cret-b"), ("${MISSING:-fallback}", "fallback"),
        ("${EMPTY:-x}", ""), ("$$KEY", "$KEY"), ("cost $5", "cost $5"), ("${KEY}${KEY}", "s3crets3cret"),
    ])
    func substitutes(text: String, expected: String) {
        let (value, issues) = substitution.apply(to: .string(text))
        #expect(issues.isEmpty)
        #expect(value == .string(expected))
    }

    @Test func aMissingVariableIsNamedWithItsPath() throws {
        let document = try JSONParser.parse(#"{"source":{"auth":{"accessKey":"${GONG_KEY}"}}}"#)
        let (_, issues) = substitution.apply(to: document)
        let issue = try #require(issues.first)
        #expect(issues.count == 1)
        #expect(issue.code == .missingEnvironment)
        #expect(issue.path == "source.auth.accessKey")
        #expect(issue.message.contains("GONG_KEY"))
    }

    @Test func valuesNeverAppearInIssues() {
        let (_, issues) = substitution.apply(to: .string("${KEY} ${NOPE}"))
        #expect(!issues.description.contains("s3cret"))
    }
}
