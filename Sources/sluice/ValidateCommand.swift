import ArgumentParser
import Foundation
import SluiceCore

/// `sluice validate`: checks pipeline files without reading any data.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check pipeline files: exit 0 when all are valid, else every problem with its JSON path."
    )

    @Argument(help: "Pipeline files.")
    var files: [String]

    @Flag(help: "Leave unset ${VAR}s as written instead of reporting them (to lint files whose secrets are not here).")
    var allowUnsetVariables = false

    func run() throws {
        let loader = PipelineFile.loader(requireVariables: !allowUnsetVariables)
        var invalid = 0
        for file in files {
            do {
                let pipeline = try loader.load(path: file)
                print("ok: \(file) (pipeline \(pipeline.name), \(pipeline.sinks.count) sink\(pipeline.sinks.count == 1 ? "" : "s"))")
            } catch {
                invalid += 1
                StandardError.write("\(error)\n")
            }
        }
        if invalid > 0 { throw ExitCode(SluiceError.Outcome.invalid.rawValue) }
    }
}
