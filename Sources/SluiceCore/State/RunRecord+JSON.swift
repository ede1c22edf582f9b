extension RunRecord {
    /// The record as a JSON object with stable member names; counts are numbers, sinks are keyed
    /// by their identity.
    public var json: Value {
        var object: ValueObject = [
            "pipeline": .string(pipeline), "command": .string(command),
            "started_at": .string(startedAt.description), "ended_at": .string(endedAt.description),
            "outcome": .string(outcome.rawValue), "exit_code": .int(Int64(exitCode)),
            "range_from": range.map { .string($0.from.description) } ?? .null, "range_to": range.map { .string($0.to.description) } ?? .null,
        ]
        for (name, value) in counts { object[name] = .int(Int64(value)) }
        object["rows_written"] = Self.json(rowsWritten)
        object["rows_merged"] = Self.json(rowsMerged)
        object["version"] = .string(version)
        object["peak_memory_bytes"] = peakMemoryBytes.map { .int(Int64($0)) } ?? .null
        object["error"] = error.map(Value.string) ?? .null
        return .object(object)
    }

    /// Reads ``json`` back; `nil` when a member is missing or of another type.
    public init?(json: Value) {
        guard case .string(let pipeline)? = json["pipeline"], case .string(let command)? = json["command"],
              case .string(let started)? = json["started_at"], let startedAt = Timestamp(iso8601: started),
              case .string(let ended)? = json["ended_at"], let endedAt = Timestamp(iso8601: ended),
              case .int(let exitCode)? = json["exit_code"], let exit = Int32(exactly: exitCode),
              case .string(let version)? = json["version"]
        else { return nil }
        var metrics = RunMetrics.Snapshot()
        let count = { (name: String) -> Int in if case .int(let value)? = json[name] { Int(value) } else { 0 } }
        metrics.windowsDone = count("windows_done")
        metrics.windowsSkipped = count("windows_skipped")
        metrics.rowsRead = count("rows_read")
        metrics.apiCalls = count("api_calls")
        metrics.throttled = count("throttled")
        metrics.retries = count("retries")
        metrics.rowsWritten = Self.counts(json["rows_written"])
        metrics.rowsMerged = Self.counts(json["rows_merged"])
        var range: DateRange?
        if case .string(let from)? = json["range_from"], case .string(let to)? = json["range_to"],
           let first = CalendarDate(from), let end = CalendarDate(to), first <= end {
            range = DateRange(from: first, to: end)
        }
        let error: String? = if case .string(let text)? = json["error"] { text } else { nil }
        let peak: Int? = if case .int(let bytes)? = json["peak_memory_bytes"] { Int(bytes) } else { nil }
        self.init(
            pipeline: pipeline, command: command, startedAt: startedAt, endedAt: endedAt, exitCode: exit, range: range,
            metrics: metrics, version: version, peakMemoryBytes: peak, error: error
        )
    }

    private static func json(_ counts: [String: Int]) -> Value {
        var object = ValueObject()
        for (key, value) in counts.sorted(by: { $0.key < $1.key }) { object[key] = .int(Int64(value)) }
        return .object(object)
    }

    private static func counts(_ value: Value?) -> [String: Int] {
        guard case .object(let object)? = value else { return [:] }
        var counts: [String: Int] = [:]
        for (key, member) in object.members { if case .int(let number) = member { counts[key] = Int(number) } }
        return counts
    }
}
