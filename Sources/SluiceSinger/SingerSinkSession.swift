import Logging
import SluiceCore
import Synchronization

/// One run of the `singer` sink: the target's config file, and a target process per window.
///
/// Windows go to the target one at a time, in the order they begin (several target processes
/// loading one table at once could race to create it); a window read at the same time as
/// another waits for it in ``begin(_:)``.
final class SingerSinkSession: SinkSession {
    let sink: SingerSink
    let encoder: SingerEncoder
    private let configFile: SingerConfigFile
    private let logger: Logger
    /// Opens when the newest window begun so far has ended (committed or rolled back).
    private let newestWindowEnded = Mutex<Latch?>(nil)

    init(sink: SingerSink, encoder: SingerEncoder, configFile: SingerConfigFile, logger: Logger) {
        self.sink = sink
        self.encoder = encoder
        self.configFile = configFile
        self.logger = logger
    }

    /// Waits for the window begun before to end, then starts the target for `window` and sends
    /// it the stream's `SCHEMA`.
    func begin(_ window: Window) async throws -> any WindowWriter {
        let ended = Latch()
        let previous = newestWindowEnded.withLock { newest in
            defer { newest = ended }
            return newest
        }
        await previous?.wait()
        if Task.isCancelled {
            ended.open()
            throw CancellationError()
        }
        let process: SingerTarget
        do {
            process = try SingerTarget(command: sink.command, configPath: configFile.path, logger: logger, window: window)
        } catch {
            ended.open()
            throw error
        }
        do {
            try await process.send(encoder.schemaMessage)
        } catch {
            process.kill()
            ended.open()
            throw error
        }
        return SingerWindowWriter(session: self, target: process, ended: ended)
    }

    /// Removes the config file.
    func close() async throws {
        configFile.remove()
    }
}
