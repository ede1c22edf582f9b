public import SluiceCore
import Foundation

/// The `ndjson` sink: one JSON object per line in a file; a window's lines appear only when the
/// window commits, and a killed run never leaves part of a window behind.
public struct NDJSONSink: SinkPlugin {
    public static let type = "ndjson"
    public static let summary = "Writes one JSON object per line to a file, a whole window at a time."
    public static let options: [OptionSpec] = [
        OptionSpec("path", .string, required: true, "The file, relative to the pipeline file's folder; its folders are created when missing."),
        OptionSpec("mode", .choice(["append", "overwrite"]), default: .string("append"),
                   "append: add each window; overwrite: the file holds what this run writes."),
    ]
    public static let notes = [
        "Windows are spooled next to the file and appended on commit, with a journal that a later run uses to undo a half-appended window.",
        "overwrite replaces the file at the first commit of a run, so every run rewrites every window it reads.",
    ]

    public let path: String
    public let overwrite: Bool

    public init(config: PluginConfig) throws {
        path = config.filePath("path") ?? ""
        overwrite = config.string("mode") == "overwrite"
        if path.isEmpty { throw config.issue(.badValue, at: "path", "the path is empty") }
    }

    public var identity: String { URL(fileURLWithPath: path).standardizedFileURL.path }

    /// An overwritten file holds only what the current run writes, so every window runs again.
    public var resumesCommittedWindows: Bool { !overwrite }

    /// The append journals itself: a later run undoes a window appended but not recorded (``FileJournal``).
    public func commitsAtomically(with store: any StateStore) -> Bool { true }

    public func open(input: Schema, context: RunContext) async throws -> any SinkSession {
        try await FileSinkSession(target: .file(path: path, overwrite: overwrite), context: context, identity: identity)
    }
}
