import Testing
import SluiceCore

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("mdoe", "mode"), ("windowdays", "windowDays"), ("sink", "sinks"), ("flaten.perDay", "flatten.perDay"),
        ("ndjsn", "ndjson"), ("tranforms", "transforms"),
    ])
    func nearMissesAreSuggested(typo: String, expected: String) {
        let candidates = ["mode", "windowDays", "sinks", "flatten.perDay", "flatten.perCall", "ndjson", "transforms", "path"]
        #expect(Suggestion.closest(to: typo, among: candidates) == expected)
    }

    @Test func farWordsAreNotSuggested() {
        #expect(Suggestion.closest(to: "banana", among: ["mode", "path", "table"]) == nil)
    }
}
