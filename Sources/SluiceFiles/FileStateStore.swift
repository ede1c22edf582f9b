public import SluiceCore
import Foundation
import Synchronization

/// The `file` state store: one JSON file holding, per pipeline and sink, the committed windows,
/// the API calls spent per budget and day (shared by every pipeline using the file), and the
/// latest runs of each pipeline.
///
/// Each change reads, modifies and atomically replaces the file (write, fsync, rename) under an
/// exclusive `flock` of `<path>.lock`, so concurrent processes never lose an update.
public struct FileStateStore: StateStorePlugin {
    public static let type = "file"
    public static let summary = "Keeps the state in a local JSON file."
    public static let options: [OptionSpec] = [
        OptionSpec("path", .string, default: .string(defaultPath), "The state file, relative to the pipeline file's folder; its folders are created when missing."),
    ]

    /// The state file used when a pipeline names none.
    public static let defaultPath = ".sluice/state.json"
    /// Days of API-call counts kept.
    private static let usageDays = 7
    /// Runs kept in the history of each pipeline.
    public static let historyLength = 200
    private static let inProcess = Mutex(())

    public let path: String

    public init(path: String = FileStateStore.defaultPath) {
        self.path = path
    }

    public init(config: PluginConfig) throws {
        self.init(path: config.filePath("path") ?? config.resolve(Self.defaultPath))
    }

    public var location: String { "file \(path)" }

    public func committedWindows(pipeline: String) async throws -> [String: Set<Window>] {
        let document = try read()
        guard let sinks = document["pipelines"]?[pipeline] else { return [:] }
        return try windows(of: sinks, pipeline: pipeline)
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

    /// Forgets exactly the days of `range` (every commit when `nil`): a window that reaches past
    /// the range keeps its days outside it.
    public func reset(pipeline: String, range: DateRange?) async throws {
        try withDocument { document in
            guard let range else {
                document.update(["pipelines", pipeline]) { _ in nil }
                return
            }
            guard let sinks = document["pipelines"]?[pipeline] else { return }
            for (sink, windows) in try windows(of: sinks, pipeline: pipeline) {
                let kept = windows.flatMap { $0.removing(range) }.sorted()
                document.update(["pipelines", pipeline, sink]) { _ in .array(kept.map { .string($0.key) }) }
            }
        }
    }

    /// The windows of each sink in a pipeline's entry.
    /// - Throws: ``SluiceError`` `.state` for anything but sink names mapped to lists of window
    ///   keys: a file Sluice did not write is refused rather than read as "nothing done".
    private func windows(of entry: Value, pipeline: String) throws -> [String: Set<Window>] {
        guard case .object(let sinks) = entry else { throw shapeError("pipelines.\(pipeline) is \(entry.kindName), not an object") }
        var result: [String: Set<Window>] = [:]
        for (sink, keys) in sinks.members {
            guard case .array(let items) = keys else { throw shapeError("the windows of sink \(sink) are \(keys.kindName), not a list") }
            result[sink] = try Set(items.map { item in
                guard case .string(let key) = item, let window = Window(key: key) else {
                    throw shapeError("sink \(sink) lists \(JSONWriter.string(item)), not a window such as \"2024-01-01..2024-01-31\"")
                }
                return window
            })
        }
        return result
    }

    private func shapeError(_ detail: String) -> SluiceError {
        SluiceError(.state, "the state file \(path) is not one Sluice can read exactly: \(detail)",
                    hint: "restore it from a backup; Sluice will not guess which days are done")
    }

    public func usage(budget: String, day: CalendarDate) async throws -> Int {
        let document = try read()
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

    /// Keeps the latest ``historyLength`` runs of each pipeline.
    public func recordRun(_ run: RunRecord) async throws {
        try withDocument { document in
            document.update(["runs", run.pipeline]) { runs in
                .array(Array(([run.json] + (runs?.arrayOrEmpty ?? [])).prefix(Self.historyLength)))
            }
        }
    }

    public func runs(pipeline: String, limit: Int) async throws -> [RunRecord] {
        guard let runs = try read()["runs"]?[pipeline] else { return [] }
        guard let list = runs.arrayOrEmpty else { throw shapeError("runs.\(pipeline) is \(runs.kindName), not a list") }
        return try list.prefix(limit).map { item in
            guard let run = RunRecord(json: item) else { throw shapeError("runs.\(pipeline) holds \(JSONWriter.string(item))") }
            return run
        }
    }

    public func lockRun(pipeline: String) async throws -> any RunLock {
        do {
            return try FileLock(path: "\(path).\(pipeline).run.lock", blocking: false)
        } catch let error as SluiceError where error.code == .locked {
            throw SluiceError(
                .locked, "another run of pipeline \(pipeline) is in progress", context: [("lock", "\(path).\(pipeline).run.lock")],
                hint: "wait for it to finish; a run that was killed releases the lock by itself", outcome: .skipped
            )
        }
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

    /// The document as it is, without creating anything (a plan writes nothing). Changes replace
    /// the file by a rename, so a read needs no lock: it sees one whole version.
    private func read() throws -> Value {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .object(ValueObject(["version": .int(1)]))
        }
        let document: Value
        do {
            document = try JSONParser.parse(data)
        } catch {
            throw SluiceError(.state, "the state file \(path) is damaged: \(error)", hint: "restore it from a backup or delete it to start over")
        }
        guard case .object(let root) = document else {
            throw shapeError("it holds \(document.kindName), not an object")
        }
        for key in ["pipelines", "usage", "runs"] {
            if let member = root[key], case .object = member {} else if let member = root[key] {
                throw shapeError("\(key) is \(member.kindName), not an object")
            }
        }
        if case .object(let pipelines)? = root["pipelines"] {
            for (pipeline, entry) in pipelines.members { _ = try windows(of: entry, pipeline: pipeline) }
        }
        return document
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
