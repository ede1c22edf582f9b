public import SluiceCore

/// `dedupe`: drops rows whose key fields equal those of another row, keeping the first or the last.
public struct DedupeTransform: TransformPlugin {
    /// Which row of a key survives.
    public enum Keep: String, Sendable, CaseIterable {
        case first, last
    }

    /// How far back a key is remembered.
    public enum Scope: String, Sendable, CaseIterable {
        case window, run
    }

    public static let type = "dedupe"
    public static let summary = "Drops rows whose key fields equal another row's, keeping the first or the last."
    public static let options = [
        OptionSpec("key", .fields, required: true, "The fields that identify a row."),
        OptionSpec("keep", .choice(Keep.allCases.map(\.rawValue)), default: .string(Keep.first.rawValue),
                   "Which row of a key survives."),
        OptionSpec("scope", .choice(Scope.allCases.map(\.rawValue)), default: .string(Scope.window.rawValue),
                   "Remember keys within each window, or across the windows of the run."),
    ]
    public static let notes = [
        "Keys compare by value and type (5 and \"5\" differ).",
        "keep first streams: a row passes as soon as its key is new; rows keep their input order.",
        "keep last holds one row per distinct key of the window until the window ends, then emits the last row of each "
            + "key, in the order in which those rows came (the output is a subsequence of the input, as with first).",
        "scope window remembers the keys of one window: memory grows with the distinct keys of a window.",
        "scope run remembers the keys of every window of this run, shared by concurrent windows: memory grows with the "
            + "distinct keys of the run; with concurrent windows, which window's row comes first depends on timing; "
            + "a window that is rolled back gives its keys back, so its rerun passes the same rows; a later run starts afresh.",
        "scope run in the top-level transforms of a pipeline with several sinks is rejected: a window committed in one sink and retried for another would lose or duplicate rows; put it in each sink's transforms.",
        "keep last with scope run is rejected: a window's rows are committed when it ends and cannot be taken back later.",
    ]

    /// The fields that identify a row.
    public let key: [String]
    /// Which row of a key survives.
    public let keep: Keep
    /// How far back keys are remembered.
    public let scope: Scope
    public var remembersAcrossWindows: Bool { scope == .run }
    /// The keys of the whole run (scope run only).
    private let runKeys: SeenKeys?

    /// - Throws: a ``ConfigIssue`` at `scope` (relative to the block) for `keep: last` with `scope: run`.
    public init(key: [String], keep: Keep = .first, scope: Scope = .window) throws(ConfigIssue) {
        if keep == .last, scope == .run {
            throw ConfigIssue(
                .badValue, at: "scope",
                "keep \"last\" cannot span the run: each window's rows are committed when the window ends, "
                    + "so a later window cannot take back a row already written",
                hint: "use \"scope\": \"window\" (an upsert sink then lets later windows update earlier rows), "
                    + "or \"keep\": \"first\""
            )
        }
        self.key = key
        self.keep = keep
        self.scope = scope
        runKeys = scope == .run ? SeenKeys() : nil
    }

    public init(config: PluginConfig) throws {
        do {
            try self.init(
                key: config.strings("key") ?? [],
                keep: config.string("keep").flatMap(Keep.init(rawValue:)) ?? .first,
                scope: config.string("scope").flatMap(Scope.init(rawValue:)) ?? .window
            )
        } catch {
            throw error.prefixed(by: config.path)
        }
    }

    /// The input's fields, unchanged; the rows are now unique by `key`, its natural key.
    /// - Throws: ``ConfigIssues`` with an `unknown_column` issue at `key[i]` for each absent field.
    public func outputSchema(for input: Schema) throws -> Schema {
        _ = try input.positions(of: key, optionPath: "key")
        return input.withNaturalKey(key)
    }

    public func makeProcessor(input: Schema) throws -> any BatchProcessor {
        let positions = try input.positions(of: key, optionPath: "key")
        switch keep {
        case .first:
            return FirstRowDedupeProcessor(keyPositions: positions, seen: runKeys ?? SeenKeys(), sharedWithOtherWindows: runKeys != nil)
        case .last: return LastRowDedupeProcessor(keyPositions: positions)
        }
    }
}
