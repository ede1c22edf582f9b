import ArgumentParser

/// `sluice`: runs declarative ETL pipelines.
@main
struct SluiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Run declarative ETL pipelines: Gong activity into PostgreSQL, NDJSON and stdout.",
        version: SluiceVersion.current,
        subcommands: [
            RunCommand.self, BackfillCommand.self, PlanCommand.self, ValidateCommand.self, StateCommand.self,
            PluginsCommand.self, SchemaCommand.self,
        ]
    )
}

/// The version reported by `--version` and in the `User-Agent`.
enum SluiceVersion {
    static let current = "0.1.0"
}
