import Foundation
import SluiceCore

/// Email address -> team, read from a mapping file; addresses compare without regard to case.
struct TeamMapping: Sendable {
    /// Why a mapping file cannot be used.
    struct Problem: Error {
        /// Completes "the mapping file PATH ...".
        let reason: String
    }

    private let teams: [String: String]

    /// Reads `path`: a JSON object `{"email": "team"}` when it starts with `{`, else CSV lines
    /// `email,team` (an optional `email,team` header, blank lines and `#` comments skipped).
    /// - Throws: ``Problem`` when the file cannot be read, or a line or member is not a mapping.
    init(contentsOf path: String) throws(Problem) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist")
        }
        let text = String(decoding: data, as: UTF8.self)
        teams = text.drop { $0.isWhitespace }.hasPrefix("{") ? try Self.json(data) : try Self.csv(text)
    }

    /// The team of `email`, if the file lists it.
    func team(of email: String) -> String? {
        teams[email.lowercased()]
    }

    private static func json(_ data: Data) throws(Problem) -> [String: String] {
        guard case .object(let object)? = try? JSONParser.parse(Array(data)) else {
            throw Problem(reason: "is not a JSON object of email -> team")
        }
        var teams: [String: String] = [:]
        for (email, team) in object.members {
            guard case .string(let name) = team else { throw Problem(reason: "maps \(email) to \(team), not to a team name") }
            teams[email.lowercased()] = name
        }
        return teams
    }

    private static func csv(_ text: String) throws(Problem) -> [String: String] {
        var teams: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if fields.allSatisfy(\.isEmpty) || fields[0].hasPrefix("#") || (number == 0 && fields == ["email", "team"]) { continue }
            guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw Problem(reason: "has a line \(number + 1) that is not `email,team`: \(line)")
            }
            teams[fields[0].lowercased()] = fields[1]
        }
        return teams
    }
}
