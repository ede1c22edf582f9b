import Foundation
import PackagePlugin

/// `swift package lint-pipelines`: validates every file under `pipelines/` with `sluice validate`.
@main
struct LintPipelines: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let folder = context.package.directoryURL.appending(path: "pipelines")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .map(\.path)
            .sorted()
        guard !files.isEmpty else {
            Diagnostics.error("no pipeline files under \(folder.path)")
            return
        }
        let sluice = try context.tool(named: "sluice")
        let process = Process()
        process.executableURL = sluice.url
        process.arguments = ["validate", "--allow-unset-variables"] + arguments + files
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            Diagnostics.error("sluice validate found problems in the pipeline files (exit \(process.terminationStatus))")
        }
    }
}
