import Foundation
import Logging
import SluiceCore

/// Writes log lines to stderr, as text (`2026-11-27T10:00:00Z info window committed window=...`)
/// or as one JSON object per line.
struct StderrLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let json: Bool

    init(label: String, level: Logger.Level, json: Bool) {
        self.label = label
        logLevel = level
        self.json = json
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let time = Date().formatted(.iso8601)
        let line: String
        if json {
            var object: ValueObject = ["time": .string(time), "level": .string(event.level.rawValue), "message": .string("\(event.message)")]
            for (key, value) in merged.sorted(by: { $0.key < $1.key }) { object[key] = .string("\(value)") }
            line = JSONWriter.string(.object(object))
        } else {
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            line = "\(time) \(event.level) \(event.message)" + (fields.isEmpty ? "" : " " + fields)
        }
        StandardError.write(line + "\n")
    }
}

/// Writes to stderr without buffering, shared by logs, progress and error messages.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether stderr is a terminal (progress then redraws one line).
    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
