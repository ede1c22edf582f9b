import Foundation
import Logging
import SluiceCore

/// Writes log lines to stderr, as text (`2026-11-27T10:00:00Z info window committed window=...`)
/// or as one JSON object per line, in which numbers are JSON numbers and a dictionary (rows per
/// sink) is an object keyed by its keys.
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
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }.sorted { $0.key < $1.key }
        let time = Date().formatted(.iso8601)
        let line: String
        if json {
            var object: ValueObject = ["time": .string(time), "level": .string(event.level.rawValue), "message": .string("\(event.message)")]
            for (key, value) in merged { object[key] = Self.json(value) }
            line = JSONWriter.string(.object(object))
        } else {
            let fields = merged.flatMap { Self.text($0.key, $0.value) }.joined(separator: " ")
            line = "\(time) \(event.level) \(event.message)" + (fields.isEmpty ? "" : " " + fields)
        }
        StandardError.write(line + "\n")
    }

    private static func json(_ value: Logger.Metadata.Value) -> Value {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let number as any BinaryInteger): .int(Int64(clamping: number))
        case .stringConvertible(let number as Double): number.isFinite ? .double(number) : .string("\(number)")
        case .stringConvertible(let other): .string(other.description)
        case .array(let items): .array(items.map(json))
        case .dictionary(let members):
            .object(members.sorted { $0.key < $1.key }.reduce(into: ValueObject()) { $0[$1.key] = json($1.value) })
        }
    }

    /// `key=value`, and `key[k]=v` for each member of a dictionary.
    private static func text(_ key: String, _ value: Logger.Metadata.Value) -> [String] {
        guard case .dictionary(let members) = value else { return ["\(key)=\(value)"] }
        return members.sorted { $0.key < $1.key }.flatMap { text("\(key)[\($0.key)]", $0.value) }
    }
}
