import Foundation

/// Reads pipeline files: parses, substitutes `${VAR}`, then validates every block against its
/// plugin's options, builds the plugins and checks the schema flowing into every stage
/// (``PipelineBuilder``).
///
/// It reports every problem at once, each with its JSON path.
package struct PipelineLoader: Sendable {
    public let registry: PluginRegistry
    public let environment: [String: String]

    /// The top-level keys of a pipeline file (plugin blocks are checked by their plugins).
    public static let topLevelOptions: [OptionSpec] = [
        OptionSpec("version", .integer(1...1), required: true, "The file format's version: 1."),
        OptionSpec("name", .string, required: true,
                   "The pipeline's name: letters, digits, '.', '_' and '-'; state is kept under it."),
        OptionSpec("description", .string, "Free text."),
        OptionSpec("source", .object([]), required: true, "The source block: {\"type\": ..., options}."),
        OptionSpec("transforms", .list(.object([])), "Transforms applied before the fan-out to every sink."),
        OptionSpec("sinks", .list(.object([]), minCount: 1), required: true,
                   "Sink blocks; each may add its own \"transforms\"."),
        OptionSpec("state", .object([]), "Where the state is kept: {\"type\": \"file\" | \"postgres\", ...}."),
    ]

    public init(registry: PluginRegistry, environment: [String: String]) {
        self.registry = registry
        self.environment = environment
    }

    /// Loads the pipeline file at `path`.
    /// - Throws: ``PipelineInvalid`` with every problem found.
    public func load(path: String) throws(PipelineInvalid) -> Pipeline {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw PipelineInvalid(file: path, issues: [ConfigIssue(.badValue, at: "", "the file \(reason)")])
        }
        return try load(data, file: path)
    }

    /// The absolute folder of the file at `path`.
    public static func folder(of path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
    }

    /// Loads a pipeline from the bytes of a file; relative paths in it are resolved against the
    /// folder of `file` (the current directory when `nil`).
    public func load(_ data: some Sequence<UInt8>, file: String? = nil) throws(PipelineInvalid) -> Pipeline {
        let (pipeline, issues) = build(data, folder: file.map(Self.folder(of:)))
        guard issues.isEmpty, let pipeline else { throw PipelineInvalid(file: file, issues: issues) }
        return pipeline
    }

    /// The problems of the file at `path` other than unset `${VAR}`s (whose values are unknown
    /// here): for linting files whose secrets are elsewhere.
    public func lint(path: String) -> [ConfigIssue] {
        guard let data = FileManager.default.contents(atPath: path) else {
            return [ConfigIssue(.badValue, at: "", "the file cannot be read")]
        }
        return build(data, folder: Self.folder(of: path)).issues.filter { $0.code != .missingEnvironment }
    }

    private func build(_ data: some Sequence<UInt8>, folder: String?) -> (pipeline: Pipeline?, issues: [ConfigIssue]) {
        var bytes = Array(data)
        // Some editors start UTF-8 files with a byte order mark; JSON allows a parser to skip it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var duplicates: [String] = []
        let document: Value
        do {
            document = try JSONParser.parse(bytes, duplicateKeys: &duplicates)
        } catch {
            return (nil, [ConfigIssue(
                .invalidJSON, at: "", "not valid JSON: \(error.message) at line \(error.line), column \(error.column)"
            )])
        }
        let (substituted, unresolved, used) = EnvironmentSubstitution(environment: environment).apply(to: document)
        var builder = PipelineBuilder(registry: registry, folder: folder ?? FileManager.default.currentDirectoryPath)
        builder.issues = duplicates.map {
            ConfigIssue(.duplicateKey, at: $0, "this key is written twice in its object, and JSON would keep the last value silently",
                        hint: "keep one of them")
        } + unresolved
        var pipeline = builder.build(substituted)
        var redactor = Redactor()
        for (name, value) in used.sorted(by: { $0.key < $1.key }) { redactor.hide(value, as: "${\(name)}") }
        // A URL's password is hidden by its shape; the rest of a URL is not secret.
        for secret in builder.secrets where !secret.contains("://") { redactor.hide(secret) }
        pipeline?.redactor = redactor
        return (pipeline, Self.withoutConsequences(builder.issues).map(redactor.scrub))
    }

    /// The issues, less those about values that name an unset `${VAR}` or hold a malformed
    /// reference: the reference is the problem there, and the value's own checks say nothing more.
    private static func withoutConsequences(_ issues: [ConfigIssue]) -> [ConfigIssue] {
        let causes: Set<ConfigIssue.Code> = [.missingEnvironment, .badSubstitution]
        let unknown: [String] = issues.filter { causes.contains($0.code) }.map { $0.path }
        return issues.filter { issue in
            causes.contains(issue.code) || !unknown.contains { path in
                issue.path == path || issue.path.hasPrefix(path + ".") || issue.path.hasPrefix(path + "[")
            }
        }
    }
}
