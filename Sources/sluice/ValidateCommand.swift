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

    @Flag(help: "Accept unset ${VAR}s and skip the checks of the values naming them (to lint files whose secrets are not here).")
    var allowUnsetVariables = false

    func run() throws {
        let loader = PipelineFile.loader()
        var invalid = 0
        for file in files {
            if allowUnsetVariables {
                let issues = loader.lint(path: file)
                if issues.isEmpty {
                    print("ok: \(file)")
                } else {
                    invalid += 1
                    StandardError.write("\(PipelineInvalid(file: file, issues: issues))\n")
                }
                continue
            }
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
