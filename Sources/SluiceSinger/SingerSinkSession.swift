import Logging
import SluiceCore

/// One run of the `singer` sink: the target's config file, and a target process per window.
final class SingerSinkSession: SinkSession {
    let sink: SingerSink
    let encoder: SingerEncoder
    private let configFile: SingerConfigFile
    private let logger: Logger

    init(sink: SingerSink, encoder: SingerEncoder, configFile: SingerConfigFile, logger: Logger) {
        self.sink = sink
        self.encoder = encoder
        self.configFile = configFile
        self.logger = logger
    }

    /// Starts the target for `window` and sends it the stream's `SCHEMA`.
    func begin(_ window: Window) async throws -> any WindowWriter {
        let process = try SingerTarget(command: sink.command, configPath: configFile.path, logger: logger, window: window)
        let writer = SingerWindowWriter(session: self, target: process)
        do {
            try await process.send(encoder.schemaMessage)
        } catch {
            process.kill()
            throw error
        }
        return writer
    }

    /// Removes the config file.
    func close() async throws {
        configFile.remove()
    }
}
