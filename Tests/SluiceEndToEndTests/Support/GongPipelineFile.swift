import Foundation
import GongEmulator
import GongModel
import SluiceCore

/// A pipeline file as a test writes it: the `gong.activity` source pointed at an emulator with
/// its credentials, and the sinks under test.
struct GongPipelineFile {
    var name: String
    var emulator: GongEmulator
    var fromDate: CalendarDate
    var toDate: CalendarDate?
    var windowDays = 30
    var lookbackDays = 7
    var concurrency = 3
    /// Calls per second the source allows itself: above the emulator's limit, so some calls get 429s.
    var perSecond = 40
    var sinks: [Value] = []
    var state: Value?
    /// The secret sent to Gong; the emulator's own unless a test wants it refused.
    var accessKeySecret: String?

    /// The file's JSON.
    var document: Value {
        var source = ValueObject([
            "type": .string("gong.activity"),
            "baseURL": .string(emulator.baseURL),
            "auth": .object(ValueObject([
                "accessKey": .string(emulator.configuration.accessKey),
                "accessKeySecret": .string(accessKeySecret ?? emulator.configuration.accessKeySecret),
            ])),
            "timeZone": .string(emulator.configuration.timeZone.identifier),
            "fromDate": .string(fromDate.description),
        ])
        if let toDate { source["toDate"] = .string(toDate.description) }
        source["windowDays"] = .int(Int64(windowDays))
        source["lookbackDays"] = .int(Int64(lookbackDays))
        source["concurrency"] = .int(Int64(concurrency))
        source["rateLimit"] = .object(ValueObject(["perSecond": .int(Int64(perSecond)), "perDay": .int(1_000_000)]))
        source["maxRetries"] = .int(10)
        source["retryBaseDelay"] = .double(0.01)
        var root = ValueObject([
            "version": .int(1), "name": .string(name), "source": .object(source), "sinks": .array(sinks),
        ])
        if let state { root["state"] = state }
        return .object(root)
    }

    /// Writes the file at `path`.
    func write(to path: String) throws {
        try JSONWriter.string(document).write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// The sink blocks the tests use: DESIGN.md's per-day and per-call tables, and NDJSON files.
enum SinkBlock {
    /// The per-day table (`flatten.perDay`), keyed by `(user_id, day)` except in `append` mode,
    /// which has no key so that a window written twice would show as duplicate rows.
    static func perDayTable(_ table: String, mode: String) -> Value {
        postgres(table, mode: mode, key: ["user_id", "day"], transforms: [transform("flatten.perDay")])
    }

    /// The per-call table (`flatten.perCall` then `dedupe`), keyed by `(user_id, day, activity, call_id)`
    /// except in `append` mode.
    static func perCallTable(_ table: String, mode: String) -> Value {
        postgres(table, mode: mode, key: perCallKey, transforms: perCallTransforms)
    }

    /// The per-day table in `upsert` mode keyed by `user_id` alone, which merges a user's days:
    /// invalid unless `allowKeyMerge` says it is meant.
    static func perDayTableKeyedByUser(_ table: String) -> Value {
        guard case .object(var block) = postgres(table, mode: "upsert", key: ["user_id"], transforms: [transform("flatten.perDay")])
        else { return .null }
        block["allowKeyMerge"] = .bool(true)
        return .object(block)
    }

    /// An NDJSON file of per-day rows.
    static func perDayFile(_ path: String) -> Value {
        ndjson(path, transforms: [transform("flatten.perDay")])
    }

    /// An NDJSON file of per-call rows.
    static func perCallFile(_ path: String) -> Value {
        ndjson(path, transforms: perCallTransforms)
    }

    /// An NDJSON file of the raw Gong records.
    static func rawFile(_ path: String) -> Value {
        ndjson(path, transforms: [])
    }

    private static let perCallKey = ["user_id", "day", "activity", "call_id"]
    private static let perCallTransforms = [
        transform("flatten.perCall"),
        .object(ValueObject(["type": .string("dedupe"), "key": .array(perCallKey.map(Value.string))])),
    ]

    private static func postgres(_ table: String, mode: String, key: [String], transforms: [Value]) -> Value {
        var block = ValueObject(["type": .string("postgres"), "table": .string(table), "transforms": .array(transforms)])
        block["mode"] = .string(mode)
        if mode != "append" { block["key"] = .array(key.map(Value.string)) }
        return .object(block)
    }

    private static func ndjson(_ path: String, transforms: [Value]) -> Value {
        var block = ValueObject(["type": .string("ndjson"), "path": .string(path)])
        if !transforms.isEmpty { block["transforms"] = .array(transforms) }
        return .object(block)
    }

    private static func transform(_ type: String) -> Value {
        .object(ValueObject(["type": .string(type)]))
    }
}
