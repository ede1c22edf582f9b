import SluiceCore

/// The plugins of the command being run: those given to ``SluiceCommandLine/main(plugins:)``,
/// for every subcommand.
enum CommandPlugins {
    /// Set by ``SluiceCommandLine/main(plugins:)`` around the subcommand's run.
    @TaskLocal static var registry: PluginRegistry?

    /// The registry of the running subcommand.
    static var current: PluginRegistry {
        guard let registry else { preconditionFailure("subcommands run inside SluiceCommandLine.main(plugins:)") }
        return registry
    }
}
