import ArgumentParser
import Foundation
import SluiceCore

/// `sluice`: runs declarative ETL pipelines.
@main
struct SluiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Run declarative ETL pipelines: Gong activity into PostgreSQL, NDJSON and stdout.",
        version: SluiceVersion.current,
        subcommands: [
            RunCommand.self, BackfillCommand.self, PlanCommand.self, ValidateCommand.self, StateCommand.self, RunsCommand.self,
            PluginsCommand.self, SchemaCommand.self, EmulateCommand.self,
        ]
    )

    /// Runs the command, with the exit codes of DESIGN.md: a usage error exits with 2 (invalid
    /// arguments), not ArgumentParser's 64.
    static func main() async {
        // A closed stdout is an EPIPE error that the stdout sink turns into a quiet end (exit 141),
        // whatever the plugins loaded; never a SIGPIPE that kills the process before the run is recorded.
        signal(SIGPIPE, SIG_IGN)
        do {
            try checkSubcommand(CommandLine.arguments.dropFirst().first)
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                code == .success ? print(message) : StandardError.write(message + "\n")
            }
            Foundation.exit(code == .validationFailure ? SluiceError.Outcome.invalid.rawValue : code.rawValue)
        }
    }

    /// An unknown subcommand is named, with the closest known one.
    private static func checkSubcommand(_ word: String?) throws {
        guard let word, !word.hasPrefix("-") else { return }
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(word) else { return }
        let hint = Suggestion.hint(for: word, among: names).map { ": \($0)" } ?? ""
        throw ValidationError("unknown subcommand '\(word)'\(hint) (one of: \(names.dropLast().joined(separator: ", ")))")
    }
}
