import Foundation
import Logging
import SluiceCore
import SluicePlugins

/// Pipelines of the benchmarks, loaded from JSON text by the real `PipelineLoader` with every
/// shipped plugin registered (as `sluice` does), and the logger their runs get.
enum BenchPipeline {
    /// Quiet runs: warnings and errors only, on stderr.
    static let logger: Logger = {
        var logger = Logger(label: "sluice-bench")
        logger.logLevel = .warning
        return logger
    }()

    /// Loads `json`, substituting `${VAR}` from `environment` over the process's environment.
    /// - Throws: ``BenchmarkError`` listing every problem of the file.
    static func load(_ json: String, environment: [String: String] = [:]) throws -> Pipeline {
        // Every plugin that ships with Sluice, registered as the `sluice` command registers them.
        let loader = PipelineLoader(
            registry: try ShippedPlugins.registry(), environment: ProcessInfo.processInfo.environment.merging(environment) { $1 }
        )
        do {
            return try loader.load(Array(json.utf8), file: "benchmark pipeline")
        } catch {
            throw BenchmarkError("the benchmark's pipeline is invalid: \(error)")
        }
    }
}
