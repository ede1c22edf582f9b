import Foundation
import GongEmulator
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// The real Singer targets the tests load through, from PyPI, installed by `scripts/install-deps`
/// into `.venv-singer/NAME/` of the repository, and the wrappers that make them fail.
enum SingerTargets {
    /// The repository's folder.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The path of target `name` (`target-jsonl`, `target-postgres`); fails the test, saying how to
    /// install it, when it is missing: CI must never pass without loading through the real targets.
    static func program(_ name: String) throws -> String {
        let path = "\(repository)/.venv-singer/\(name)/bin/\(name)"
        try #require(FileManager.default.isExecutableFile(atPath: path), "\(path) is missing: run scripts/install-deps (it needs PyPI)")
        return path
    }

    /// A script that runs the target given as its arguments, but dies or ends mid-window when told:
    /// with `SINGER_KILL_AFTER=N` it passes the target N lines of its input and then SIGKILLs it;
    /// with `SINGER_CUT_AFTER=N` it passes N lines and then ends the target's input, so that the
    /// target loads those records and exits without a STATE to echo.
    static func failingWrapper(in folder: TemporaryFolder) throws -> String {
        try script("failing-target", in: folder, """
            if [[ -n "${SINGER_CUT_AFTER:-}" ]]; then
              head -n "$SINGER_CUT_AFTER" | "$@"
              exit
            fi
            [[ -z "${SINGER_KILL_AFTER:-}" ]] && exec "$@"
            fifo=$(mktemp -u); mkfifo "$fifo"
            "$@" <"$fifo" &
            target=$!
            exec 3>"$fifo"; rm "$fifo"
            head -n "$SINGER_KILL_AFTER" >&3
            kill -KILL "$target"
            wait "$target"
            """)
    }

    /// A script that prints the mode, path and contents of the `--config` file on stderr (which
    /// Sluice logs), then runs the target given as its arguments.
    static func configPrintingWrapper(in folder: TemporaryFolder) throws -> String {
        try script("print-config", in: folder, """
            config="${@: -1}"
            echo "config file mode $(stat -c %a "$config") at $config: $(cat "$config")" >&2
            exec "$@"
            """)
    }

    /// Writes an executable bash script `name` with `body`.
    static func script(_ name: String, in folder: TemporaryFolder, _ body: String) throws -> String {
        let path = folder.file(name)
        try "#!/usr/bin/env bash\nset -u\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// A `singer` sink of per-day rows keyed by `(user_id, day)`.
    static func perDaySink(command: [String], config: ValueObject, stream: String = "user_daily_activity", flushTimeout: Int? = nil) -> Value {
        var block: ValueObject = [
            "type": .string("singer"), "command": .array(command.map(Value.string)), "config": .object(config),
            "stream": .string(stream), "key": .array([.string("user_id"), .string("day")]),
            "transforms": .array([.object(["type": .string("flatten.perDay")])]),
        ]
        if let flushTimeout { block["flushTimeout"] = .int(Int64(flushTimeout)) }
        return .object(block)
    }

    /// The windows each sink committed, from a file state store's file.
    static func committedWindows(stateFile: String, pipeline: String) throws -> [String: [String]] {
        guard FileManager.default.fileExists(atPath: stateFile) else { return [:] }
        let state = try JSONParser.parse(try String(contentsOfFile: stateFile, encoding: .utf8))
        guard case .object(let sinks)? = state["pipelines"]?[pipeline] else { return [:] }
        var windows: [String: [String]] = [:]
        for (sink, keys) in sinks.members { windows[sink] = keys.arrayOrEmpty?.compactMap(\.digitsOrText).sorted() }
        return windows
    }

    /// The range of ``backfill(command:flushTimeout:)``: three windows of 7 days.
    static let backfillRange = DateRange(from: CalendarDate("2025-01-01")!, to: CalendarDate("2025-01-22")!)

    /// Writes `pipeline.json` in `folder`: ``backfillRange`` in windows of 7 days, 3 at once, through
    /// a `singer` sink with `command`, the state in `state.json`.
    /// - Returns: the arguments of its backfill, with JSON logs.
    static func writeBackfill(in folder: TemporaryFolder, emulator: GongEmulator, command: [String], flushTimeout: Int? = nil) throws -> [String] {
        try GongPipelineFile(
            name: "singer-backfill", emulator: emulator, fromDate: backfillRange.from, toDate: backfillRange.to, windowDays: 7, lookbackDays: 0,
            sinks: [perDaySink(command: command, config: [:], stream: "days", flushTimeout: flushTimeout)],
            state: .object(["type": .string("file"), "path": .string(folder.file("state.json"))])
        ).write(to: folder.file("pipeline.json"))
        let range = backfillRange
        return ["backfill", folder.file("pipeline.json"), "--from", range.from.description, "--to", range.to.description, "--log-format", "json"]
    }

    /// The windows committed by the run of ``writeBackfill(in:emulator:command:flushTimeout:)``.
    static func committedByBackfill(in folder: TemporaryFolder) throws -> [String] {
        try committedWindows(stateFile: folder.file("state.json"), pipeline: "singer-backfill").values.flatMap { $0 }
    }

    /// Runs the backfill of ``writeBackfill(in:emulator:command:flushTimeout:)`` to its end;
    /// returns the result and the windows the sink committed.
    static func backfill(command: [String], flushTimeout: Int? = nil) async throws -> (SluiceProcess.Result, [String]) {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        return try await withEmulator(EmulatorHarness.faulty(seed: 34, ratePerSecond: nil, errorRate: 0)) { emulator in
            let arguments = try writeBackfill(in: folder, emulator: emulator, command: command, flushTimeout: flushTimeout)
            let result = try await SluiceProcess(arguments, in: folder.path).finish(within: .seconds(60))
            return (result, try committedByBackfill(in: folder))
        }
    }
}
