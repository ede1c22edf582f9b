import ArgumentParser
import Foundation
import SluiceCore

/// Prints what went wrong for a person (or, in `json`, as one JSON log event), and gives the exit
/// code it means (DESIGN.md): 1 the run failed, 2 the file or the arguments are invalid, 3 a quota
/// is spent, 4 skipped because another run holds the pipeline's lock, 130 interrupted, 141 stdout
/// closed by its reader.
enum FailureReport {
    /// The status of a run whose stdout was closed by its reader (`sluice run ... | head -1`): the
    /// shell's status of a process ended by SIGPIPE, which is how `cat` or `seq` end there. The run
    /// stops without a message (in `text`), so that only what `head` prints is seen; unlike exit 0,
    /// it does not tell a scheduler or `set -o pipefail` that every window was read.
    static let stdoutClosedStatus: Int32 = 128 + SIGPIPE

    static func exitCode(for error: any Error, format: OutputFormat = .text) -> ExitCode {
        if let exit = error as? ExitCode { return exit }
        let code = status(of: error)
        switch format {
        case .text where code == stdoutClosedStatus: break
        case .text: StandardError.write("\(text(of: error, status: code))\n")
        case .json: StandardError.write(JSONWriter.string(event(for: error, status: code)) + "\n")
        }
        return ExitCode(code)
    }

    /// The exit status `error` stands for.
    static func status(of error: any Error) -> Int32 {
        switch error {
        case let exit as ExitCode: exit.rawValue
        case is PipelineInvalid: SluiceError.Outcome.invalid.rawValue
        case let failure as SluiceError where failure.code == .interrupted: 130
        case let failure as SluiceError where failure.code == .stdoutClosed: stdoutClosedStatus
        case let failure as SluiceError: failure.outcome.rawValue
        default: 1
        }
    }

    private static func text(of error: any Error, status: Int32) -> String {
        switch error {
        case let invalid as PipelineInvalid: "\(invalid)"
        case let failure as SluiceError where status == SluiceError.Outcome.quotaExhausted.rawValue: "sluice: stopped: \(failure)"
        case let failure as SluiceError where status == SluiceError.Outcome.skipped.rawValue: "sluice: skipped: \(failure)"
        case let failure as SluiceError where status == 130: "sluice: \(failure)"
        default: "sluice: error: \(error)"
        }
    }

    /// The final event of a run in `--log-format json`: the message, the code, the exit status,
    /// the context and the hint as members of their own; an invalid file lists its issues.
    private static func event(for error: any Error, status: Int32) -> Value {
        var event: ValueObject = [
            "time": .string(Date().formatted(.iso8601)), "level": .string("error"),
            "outcome": .string(RunRecord.Outcome(exitCode: status).rawValue), "exit_code": .int(Int64(status)),
        ]
        switch error {
        case let invalid as PipelineInvalid:
            event["message"] = .string("the pipeline file is invalid")
            event["code"] = .string("invalid_pipeline")
            event["file"] = invalid.file.map(Value.string) ?? .null
            event["issues"] = .array(invalid.issues.map(\.json))
        case let failure as SluiceError:
            event["message"] = .string(failure.message)
            event["code"] = .string(failure.code.rawValue)
            for (label, value) in failure.context { event[label] = .string(value) }
            event["hint"] = failure.hint.map(Value.string) ?? .null
        default:
            event["message"] = .string("\(error)")
            event["code"] = .string("error")
        }
        return .object(event)
    }
}

/// Loads pipeline files with the command's plugins and the process's environment.
enum PipelineFile {
    /// Loads the file at `path`, and hides its secrets from everything the process prints.
    static func load(_ path: String) throws(PipelineInvalid) -> Pipeline {
        let pipeline = try loader().load(path: path)
        ProcessSecrets.adopt(pipeline)
        return pipeline
    }

    static func loader() -> PipelineLoader {
        PipelineLoader(registry: CommandPlugins.current, environment: ProcessInfo.processInfo.environment)
    }
}
