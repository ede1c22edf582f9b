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

    @OptionGroup var output: FormatOption

    func run() throws {
        let loader = PipelineFile.loader()
        var invalid = 0
        var results: [Value] = []
        for file in files {
            let issues: [ConfigIssue]
            var summary = ""
            if allowUnsetVariables {
                issues = loader.lint(path: file)
            } else {
                do {
                    let pipeline = try loader.load(path: file)
                    ProcessSecrets.adopt(pipeline)
                    summary = " (pipeline \(pipeline.name), \(pipeline.sinks.count) sink\(pipeline.sinks.count == 1 ? "" : "s"))"
                    issues = []
                } catch {
                    issues = error.issues
                }
            }
            switch output.format {
            case .text where issues.isEmpty: StandardOutput.write("ok: \(file)\(summary)")
            case .text: StandardError.write("\(PipelineInvalid(file: file, issues: issues))\n")
            case .json:
                results.append(.object(["file": .string(file), "valid": .bool(issues.isEmpty), "issues": .array(issues.map(\.json))]))
            }
            if !issues.isEmpty { invalid += 1 }
        }
        if output.format == .json { StandardOutput.write(JSONWriter.string(.object(["files": .array(results)]))) }
        if invalid > 0 { throw ExitCode(SluiceError.Outcome.invalid.rawValue) }
    }
}
