import ArgumentParser
import SluiceCore

/// `sluice`: runs declarative ETL pipelines (run by ``SluiceCommandLine/main(plugins:)``).
struct RootCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Run declarative ETL pipelines: Gong activity into PostgreSQL, NDJSON and stdout.",
        version: SluiceVersion.current,
        subcommands: [
            RunCommand.self, BackfillCommand.self, PlanCommand.self, ValidateCommand.self, StateCommand.self, RunsCommand.self,
            PluginsCommand.self, SchemaCommand.self, EmulateCommand.self,
        ]
    )
}
