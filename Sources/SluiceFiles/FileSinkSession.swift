import Foundation
import Synchronization
import SluiceCore
import SluiceSinger

/// One run of the `ndjson` or `stdout` sink: spools windows and publishes them one at a time.
///
/// Appending to a file is journaled: before the window's lines are appended, the file's length
/// and the window are written to `<path>.sluice-journal`; the journal is removed once the state
/// store recorded the window. A run that finds a journal left by a killed run truncates the file
/// back to that length unless the window was recorded, so the file only ever keeps whole windows.
final class FileSinkSession: SinkSession {
    enum Target: Sendable {
        case file(path: String, overwrite: Bool)
        /// Standard output, as JSON objects or, with an encoder, as Singer messages.
        case standardOutput(singer: SingerEncoder?)
    }

    let target: Target
    private let spoolFolder: String
    private let publishing = AsyncLock()
    /// Whether an overwriting run has already replaced the file.
    private let replaced = Mutex(false)
    /// Whether the Singer `SCHEMA` message was printed (once per run, before the first window).
    private let schemaPrinted = Mutex(false)

    init(target: Target, context: RunContext, identity: String) async throws {
        self.target = target
        switch target {
        case .file(let path, _):
            spoolFolder = (path as NSString).deletingLastPathComponent
            try FileSinkSession.prepare(path: path)
            try await FileJournal(targetPath: path).recover(pipeline: context.pipeline, sink: identity, state: context.state, logger: context.logger)
        case .standardOutput:
            spoolFolder = NSTemporaryDirectory()
        }
    }

    func begin(_ window: Window) async throws -> any WindowWriter {
        let name: String
        var singer: SingerEncoder?
        switch target {
        case .file(let path, _): name = FileJournal.spoolPrefix(for: path) + UUID().uuidString
        case .standardOutput(let encoder):
            name = "sluice-stdout-" + UUID().uuidString
            singer = encoder
        }
        return SpoolWriter(session: self, spool: try Spool(path: (spoolFolder as NSString).appendingPathComponent(name), singer: singer))
    }

    /// Makes a finished spool visible and records the checkpoint.
    func publish(_ spool: Spool, checkpoint: Checkpoint) async throws {
        try await publishing.withLock {
            defer { spool.discard() }
            switch target {
            case .standardOutput(let singer):
                do {
                    if let singer, !schemaPrinted.withLock({ $0 }) {
                        try FileHandle.standardOutput.write(contentsOf: singer.schemaMessage)
                        schemaPrinted.withLock { $0 = true }
                    }
                    try FileSinkSession.copy(from: spool.path, to: FileHandle.standardOutput)
                    if let singer {
                        let state = SingerEncoder.stateValue(pipeline: checkpoint.pipeline, sink: checkpoint.sink, window: checkpoint.window)
                        try FileHandle.standardOutput.write(contentsOf: singer.stateMessage(state))
                    }
                } catch where SluiceError.posixCode(of: error) == EPIPE {
                    throw SluiceError(.stdoutClosed, "stdout was closed by its reader")
                } catch {
                    throw SluiceError.io("cannot write to stdout", error)
                }
                try await checkpoint.record()
            case .file(let path, let overwrite):
                if overwrite, !replaced.withLock({ $0 }) {
                    guard rename(spool.path, path) == 0 else {
                        throw SluiceError(.io, "cannot replace \(path): \(String(cString: strerror(errno)))")
                    }
                    replaced.withLock { $0 = true }
                    try await checkpoint.record()
                    return
                }
                let journal = FileJournal(targetPath: path)
                let length = try journal.begin(window: checkpoint.window)
                guard let output = FileHandle(forWritingAtPath: path) else { throw SluiceError(.io, "cannot open \(path) for writing") }
                defer { try? output.close() }
                do {
                    try output.seekToEnd()
                    try FileSinkSession.copy(from: spool.path, to: output)
                    try output.synchronize()
                } catch {
                    // Cut the part of the window already appended at once; the journal does it on the next run otherwise.
                    if truncate(path, off_t(length)) == 0 { try? journal.end() }
                    throw SluiceError.io("cannot append to \(path)", error)
                }
                try await checkpoint.record()
                try journal.end()
            }
        }
    }

    /// Fails early when `path` is a folder or cannot be written; creates the parent folders and the file.
    private static func prepare(path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw SluiceError(.io, "\(path) is a folder", hint: "give the path of a file")
        }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
        } catch {
            throw SluiceError(.io, "cannot create the folder \(folder)", hint: "check the path and its permissions")
        }
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw SluiceError(.io, "cannot create \(path)", hint: "check that the folder is writable")
            }
        }
        guard access(path, W_OK) == 0, access(folder.isEmpty ? "." : folder, W_OK) == 0 else {
            throw SluiceError(.io, "\(path) is not writable", hint: "check its permissions and those of its folder")
        }
    }

    /// Copies the spool at `source` to `output`; an error reading the spool is a ``SluiceError``,
    /// an error writing `output` is thrown as it is, for the caller to name the target.
    private static func copy(from source: String, to output: FileHandle) throws {
        guard let input = FileHandle(forReadingAtPath: source) else { throw SluiceError(.io, "cannot read back \(source)") }
        defer { try? input.close() }
        while true {
            let chunk: Data
            do {
                guard let read = try input.read(upToCount: 1 << 20), !read.isEmpty else { return }
                chunk = read
            } catch {
                throw SluiceError.io("cannot read back \(source)", error)
            }
            try output.write(contentsOf: chunk)
        }
    }
}
