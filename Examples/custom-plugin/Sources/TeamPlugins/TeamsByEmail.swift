public import SluiceCore

/// `teams.byEmail`: adds a `team` column, the team of the row's user looked up by email address in
/// a mapping file (CSV `email,team` lines, or a JSON object `{"email": "team"}`).
///
/// The mapping file's path is relative to the pipeline file's folder; it is read once, when the
/// pipeline is loaded, so that `sluice validate` reports a missing or malformed file.
public struct TeamsByEmail: TransformPlugin {
    /// `teams.byEmail`.
    public static let type = "teams.byEmail"
    /// One line for `sluice plugins`.
    public static let summary = "Adds the team of each row's user, looked up by email in a CSV or JSON mapping file."
    /// The block's options.
    public static let options = [
        OptionSpec("mapping", .string, required: true,
                   "The mapping file, relative to the pipeline file's folder: CSV lines `email,team` or a JSON object."),
        OptionSpec("emailField", .string, default: .string("user_email"), "The field holding the email address."),
        OptionSpec("teamField", .string, default: .string("team"), "The column added."),
        OptionSpec("unmapped", .string, "The team of an address the file does not list; null when omitted."),
    ]

    let mapping: TeamMapping
    let emailField: String
    let teamField: String
    let unmapped: String?

    /// A transform from its validated block; reads the mapping file.
    /// - Throws: ``ConfigIssue`` at `mapping` when the file cannot be read or parsed.
    public init(config: PluginConfig) throws {
        let path = config.filePath("mapping") ?? ""
        do {
            mapping = try TeamMapping(contentsOf: path)
        } catch {
            throw config.issue(.badValue, at: "mapping", "the mapping file \(path) \(error.reason)",
                               hint: "CSV lines `email,team`, or a JSON object {\"email\": \"team\"}")
        }
        emailField = config.string("emailField") ?? "user_email"
        teamField = config.string("teamField") ?? "team"
        unmapped = config.string("unmapped")
    }

    /// The input's fields, then ``teamField`` (text).
    /// - Throws: ``ConfigIssue`` at `emailField` when the input has no such text field, or at
    ///   `teamField` when the input already has that field.
    public func outputSchema(for input: Schema) throws -> Schema {
        guard let email = input.index(of: emailField), input.fields[email].type == .text else {
            throw ConfigIssue(.unknownColumn, at: "emailField", "the input has no text field '\(emailField)' (it has \(input))")
        }
        guard input.index(of: teamField) == nil else {
            throw ConfigIssue(.badValue, at: "teamField", "the input already has a field '\(teamField)'",
                              hint: "name the added column otherwise with teamField")
        }
        return Schema(input.fields + [Field(teamField, .text)], naturalKey: input.naturalKey)
    }

    /// A processor that appends each row with its team.
    public func makeProcessor(input: Schema) throws -> any BatchProcessor {
        guard let email = input.index(of: emailField) else { throw ConfigIssue(.unknownColumn, at: "emailField", "no field '\(emailField)'") }
        return TeamsByEmailProcessor(mapping: mapping, emailColumn: email, unmapped: unmapped.map(Value.string) ?? .null)
    }
}
