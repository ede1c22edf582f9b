public import SluiceCore
import Foundation
import Synchronization

/// The `file` state store: one JSON file holding, per pipeline and sink, the committed windows,
/// and the API calls spent per budget and day (shared by every pipeline using the file).
///
/// Each change reads, modifies and atomically replaces the file (write, fsync, rename) under an
/// exclusive `flock` of `<path>.lock`, so concurrent processes never lose an update.
public struct FileStateStore: StateStorePlugin {
    public static let type = "file"
    public static let summary = "Keeps the state in a local JSON file."
    public static let options: [OptionSpec] = [
        OptionSpec("path", .string, default: .string(defaultPath), "The state file; its folders are created when missing."),
    ]

    /// The state file used when a pipeline names none.
    public static let defaultPath = ".sluice/state.json"
    /// Days of API-call counts kept.
    private static let usageDays = 7
    private static let inProcess = Mutex(())

    public let path: String

    public init(path: String = FileStateStore.defaultPath) {
        self.path = path
    }

    public init(config: PluginConfig) throws {
        self.init(path: config.string("path") ?? Self.defaultPath)
    }

    public var location: String { "file \(path)" }

    public func committedWindows(pipeline: String) async throws -> [String: Set<Window>] {
        let document = try currentDocument()
        guard case .object(let sinks)? = document["pipelines"]?[pipeline] else { return [:] }
        var result: [String: Set<Window>] = [:]
        for (sink, keys) in sinks.members {
            result[sink] = Set((keys.arrayOrEmpty ?? []).compactMap { $0.digitsOrText.flatMap(Window.init(key:)) })
        }
        return result
    }

    public func recordCommit(pipeline: String, sink: String, window: Window) async throws {
        try withDocument { document in
            document.update(["pipelines", pipeline, sink]) { keys in
                var list = keys?.arrayOrEmpty ?? []
                if !list.contains(.string(window.key)) { list.append(.string(window.key)) }
                return .array(list)
            }
        }
    }

    public func reset(pipeline: String, range: DateRange?) async throws {
        try withDocument { document in
            guard let range else {
                document.update(["pipelines", pipeline]) { _ in nil }
                return
            }
            guard case .object(let sinks)? = document["pipelines"]?[pipeline] else { return }
            for sink in sinks.keys {
                document.update(["pipelines", pipeline, sink]) { keys in
                    .array((keys?.arrayOrEmpty ?? []).filter { key in
                        guard let days = key.digitsOrText.flatMap(Window.init(key:))?.days else { return true }
                        return !days.overlaps(range)
                    })
                }
            }
        }
    }

    public func usage(budget: String, day: CalendarDate) async throws -> Int {
        let document = try currentDocument()
        if case .int(let calls)? = document["usage"]?[budget]?[day.description] { return Int(calls) }
        return 0
    }

    public func addUsage(budget: String, day: CalendarDate, calls: Int) async throws -> Int {
        var total = 0
        try withDocument { document in
            document.update(["usage", budget]) { days in
                var kept = ValueObject()
                for (key, value) in days.flatMap({ if case .object(let o) = $0 { o } else { nil } })?.members ?? ValueObject().members {
                    if let other = CalendarDate(key), other.days(to: day) < Self.usageDays { kept[key] = value }
                }
                if case .int(let earlier)? = kept[day.description] { total = Int(earlier) }
                total += calls
                kept[day.description] = .int(Int64(total))
                return .object(kept)
            }
        }
        return total
    }

    public func lockRun(pipeline: String) async throws -> any RunLock {
        do {
            return try FileLock(path: "\(path).\(pipeline).run.lock", blocking: false)
        } catch let error as SluiceError where error.code == .locked {
            throw SluiceError(
                .locked, "another run of pipeline \(pipeline) is in progress", context: [("lock", "\(path).\(pipeline).run.lock")],
                hint: "wait for it to finish; a run that was killed releases the lock by itself"
            )
        }
    }

    /// The document as it is, without creating anything (a plan writes nothing): the lock file
    /// exists once any change was made, so without it there is no state yet.
    private func currentDocument() throws -> Value {
        guard FileManager.default.fileExists(atPath: path + ".lock") else { return try read() }
        return try withDocument { _ in }
    }

    /// Reads the document, lets `change` modify it, and writes it back when it changed.
    @discardableResult
    private func withDocument(_ change: (inout Value) throws -> Void) throws -> Value {
        try Self.inProcess.withLock { _ in
            let lock = try FileLock(path: path + ".lock")
            defer { lock.unlock() }
            let original = try read()
            var document = original
            try change(&document)
            if document != original { try write(document) }
            return document
        }
    }

    private func read() throws -> Value {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .object(ValueObject(["version": .int(1)]))
        }
        do {
            return try JSONParser.parse(data)
        } catch {
            throw SluiceError(.state, "the state file \(path) is damaged: \(error)", hint: "restore it from a backup or delete it to start over")
        }
    }

    private func write(_ document: Value) throws {
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(JSONWriter.string(document).utf8)),
              let handle = FileHandle(forWritingAtPath: temporary)
        else { throw SluiceError(.state, "cannot write the state file \(temporary)") }
        try handle.synchronize()
        try handle.close()
        guard rename(temporary, path) == 0 else {
            throw SluiceError(.state, "cannot replace the state file \(path): \(String(cString: strerror(errno)))")
        }
    }
}

extension Value {
    /// Replaces the value at `keys` (creating objects on the way) with `change(old)`; `nil` removes it.
    mutating func update(_ keys: ArraySlice<String>, _ change: (Value?) -> Value?) {
        guard let key = keys.first else { return }
        var object: ValueObject
        if case .object(let existing) = self { object = existing } else { object = ValueObject() }
        if keys.count == 1 {
            object[key] = change(object[key])
        } else {
            var child = object[key] ?? .object(ValueObject())
            child.update(keys.dropFirst(), change)
            object[key] = child
        }
        self = .object(object)
    }

    mutating func update(_ keys: [String], _ change: (Value?) -> Value?) {
        update(keys[...], change)
    }
}
