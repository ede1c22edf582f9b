import ArgumentParser
import Foundation
import SluiceCore
import SluicePlugins

/// Prints what went wrong for a person, and gives the exit code it means (DESIGN.md): 1 the run
/// failed, 2 the file or the arguments are invalid, 3 a quota is spent, 4 skipped because another
/// run holds the pipeline's lock, 130 interrupted.
enum FailureReport {
    static func exitCode(for error: any Error) -> ExitCode {
        switch error {
        case let exit as ExitCode:
            return exit
        case let invalid as PipelineInvalid:
            StandardError.write("\(invalid)\n")
            return ExitCode(SluiceError.Outcome.invalid.rawValue)
        case let failure as SluiceError where failure.code == .interrupted:
            StandardError.write("sluice: \(failure)\n")
            return ExitCode(130)
        case let failure as SluiceError:
            let label = switch failure.outcome {
            case .quotaExhausted: "stopped"
            case .skipped: "skipped"
            default: "error"
            }
            StandardError.write("sluice: \(label): \(failure)\n")
            return ExitCode(failure.outcome.rawValue)
        default:
            StandardError.write("sluice: error: \(error)\n")
            return ExitCode.failure
        }
    }
}

/// Loads pipeline files with every shipped plugin and the process's environment.
enum PipelineFile {
    static func load(_ path: String) throws(PipelineInvalid) -> Pipeline {
        try loader().load(path: path)
    }

    static func loader() -> PipelineLoader {
        PipelineLoader(registry: ShippedPlugins.registry(), environment: ProcessInfo.processInfo.environment)
    }
}
