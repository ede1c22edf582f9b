import GongModel
import SluiceCore

extension GongActivitySchema {
    /// The columns every flattened row starts with: who and which day.
    static let dayColumns = [
        Field("user_id", .text), Field("user_email", .text), Field("day", .date),
        Field("day_start", .timestamptz), Field("day_end", .timestamptz),
    ]

    /// The positions of the raw Gong fields that `transform` reads in `input`.
    /// - Throws: an ``ConfigIssue/Code/incompatible`` issue at the transform's block when one is
    ///   absent or the days are not json.
    static func rawPositions(in input: Schema, transform: String) throws(ConfigIssue)
        -> (userId: Int, email: Int, days: Int)
    {
        var problems: [String] = []
        let missing = [userIdField, emailField, daysField].filter { input.index(of: $0) == nil }
        if !missing.isEmpty { problems.append("it lacks " + missing.joined(separator: ", ")) }
        if let position = input.index(of: daysField), input.fields[position].type != .json {
            problems.append("its field \(daysField) is \(input.fields[position].type.rawValue), not json")
        }
        if problems.isEmpty, let userId = input.index(of: userIdField), let email = input.index(of: emailField),
           let days = input.index(of: daysField)
        {
            return (userId, email, days)
        }
        throw ConfigIssue(
            .incompatible, at: "",
            "\(transform) reads raw Gong activity records, but the input (\(input)) is not one: \(problems.joined(separator: "; "))",
            hint: "put \(transform) first, on the records of the gong.activity source or of an ndjson file of them"
        )
    }
}
