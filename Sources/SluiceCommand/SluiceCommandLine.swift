import ArgumentParser
import Foundation
public import SluiceCore

/// The `sluice` command line as a library, so that another package builds its own `sluice` with
/// the shipped plugins and its own, in a few lines of `main.swift` (the way Redpanda Connect
/// distributions call `service.RunCLI`):
///
/// ```swift
/// import SluiceCommand
/// import SluicePlugins
///
/// await SluiceCommandLine.main {
///     var plugins = try ShippedPlugins.registry()
///     try plugins.register(transform: TeamsByEmail.self)
///     return plugins
/// }
/// ```
///
/// Every subcommand then knows those plugins: `validate`, `plan`, `run`, `backfill`, `state`,
/// `runs`, `plugins` and `schema`.
public enum SluiceCommandLine {
    /// Runs the subcommand of the process's arguments with the plugins `plugins` registers, and
    /// exits with the codes of DESIGN.md: a usage error exits with 2 (invalid arguments), not
    /// ArgumentParser's 64.
    /// - Parameter plugins: makes the registry; its error (a plugin name registered twice) is
    ///   reported like any other, with exit 1.
    public static func main(plugins: () throws -> PluginRegistry) async {
        // A closed stdout is an EPIPE error that the stdout sink turns into a quiet end (exit 141),
        // whatever the plugins loaded; never a SIGPIPE that kills the process before the run is recorded.
        signal(SIGPIPE, SIG_IGN)
        do {
            let registry = try plugins()
            try checkSubcommand(CommandLine.arguments.dropFirst().first)
            var command = try RootCommand.parseAsRoot()
            try await CommandPlugins.$registry.withValue(registry) {
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            }
        } catch {
            let code = RootCommand.exitCode(for: error)
            let message = RootCommand.fullMessage(for: error)
            if !message.isEmpty {
                code == .success ? print(message) : StandardError.write(message + "\n")
            }
            Foundation.exit(code == .validationFailure ? SluiceError.Outcome.invalid.rawValue : code.rawValue)
        }
    }

    /// An unknown subcommand is named, with the closest known one.
    private static func checkSubcommand(_ word: String?) throws {
        guard let word, !word.hasPrefix("-") else { return }
        let names = RootCommand.configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(word) else { return }
        let hint = Suggestion.hint(for: word, among: names).map { ": \($0)" } ?? ""
        throw ValidationError("unknown subcommand '\(word)'\(hint) (one of: \(names.dropLast().joined(separator: ", ")))")
    }
}
