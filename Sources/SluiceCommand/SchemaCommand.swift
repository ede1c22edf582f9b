import ArgumentParser
import SluiceCore

/// `sluice schema`: a JSON Schema of pipeline files for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print a JSON Schema of pipeline files, every plugin's options included."
    )

    func run() throws {
        print(JSONWriter.string(PipelineJSONSchema.document(for: CommandPlugins.current)))
    }
}
