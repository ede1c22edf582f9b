import Foundation

/// Reads pipeline files: parses, substitutes `${VAR}`, validates every block against its
/// plugin's options, builds the plugins and checks the schema flowing into every stage.
///
/// It reports every problem at once, each with its JSON path.
public struct PipelineLoader: Sendable {
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
        var builder = Builder(registry: registry, folder: folder ?? FileManager.default.currentDirectoryPath)
        builder.issues = duplicates.map {
            ConfigIssue(.duplicateKey, at: $0, "this key is written twice in its object, and JSON would keep the last value silently",
                        hint: "keep one of them")
        }
        let pipeline = builder.build(document, substitution: EnvironmentSubstitution(environment: environment))
        return (pipeline, Self.withoutConsequences(builder.issues))
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

/// One pass over a document, collecting issues as it goes.
private struct Builder {
    let registry: PluginRegistry
    /// The pipeline file's folder: relative paths are resolved against it.
    let folder: String
    var issues: [ConfigIssue] = []

    mutating func build(_ document: Value, substitution: EnvironmentSubstitution) -> Pipeline? {
        let (substituted, found, _) = substitution.apply(to: document)
        issues += found
        guard case .object(let root) = substituted else {
            issues.append(ConfigIssue(.wrongType, at: "", "a pipeline file holds one JSON object, found \(substituted.kindName)"))
            return nil
        }
        checkTopLevel(root)
        let name = validName(root)
        let source = root["source"].flatMap { plugin(.source, $0, path: "source") }
        var transforms: [Pipeline.TransformStage]?
        if let source = source as? any Source {
            transforms = chain(root["transforms"], path: "transforms", input: source.schema)
        }
        let sinks = buildSinks(root["sinks"], input: transforms?.last?.output ?? (source as? any Source)?.schema)
        let explicitState = root["state"].flatMap { plugin(.state, $0, path: "state") as? any StateStore }
        guard let name, let source = source as? any Source, let transforms, let sinks, let sourceType = root["source"]?["type"]
        else { return nil }
        let state = explicitState
            ?? sinks.lazy.compactMap { $0.sink.defaultStateStore(pipeline: name) }.first
            ?? registry.defaultStateStore(name, folder)
        guard case .string(let sourceTypeName) = sourceType else { return nil }
        return Pipeline(name: name, sourceType: sourceTypeName, source: source, transforms: transforms, sinks: sinks, state: state)
    }

    private mutating func checkTopLevel(_ root: ValueObject) {
        let specs = PipelineLoader.topLevelOptions
        let plugins: Set<String> = ["source", "transforms", "sinks", "state"]
        // Plugin blocks are checked by their plugins; here only their outer shape.
        let outer = specs.map { spec in
            plugins.contains(spec.name) ? OptionSpec(spec.name, shape(of: spec.kind), required: spec.isRequired, spec.summary) : spec
        }
        var shallow = ValueObject()
        for (key, value) in root.members { shallow.appendUnchecked(key, plugins.contains(key) ? hollow(value) : value) }
        issues += OptionValidator.validate(object: .object(shallow), specs: outer, path: "")
        if case .array(let sinks)? = root["sinks"], sinks.isEmpty {
            issues.removeAll { $0.path == "sinks" && $0.code == .badValue }
            issues.append(ConfigIssue(.emptySinks, at: "sinks", "a pipeline needs at least one sink"))
        }
    }

    /// Objects become empty objects, so that only the outer shape is validated.
    private func hollow(_ value: Value) -> Value {
        switch value {
        case .object: .object(ValueObject())
        case .array(let items): .array(items.map(hollow))
        default: value
        }
    }

    private func shape(of kind: OptionKind) -> OptionKind {
        if case .list(_, let minCount) = kind { return .list(.object([]), minCount: minCount) }
        return .object([])
    }

    private mutating func validName(_ root: ValueObject) -> String? {
        guard case .string(let name)? = root["name"] else { return nil }
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
        guard allowed, !name.isEmpty, name.count <= 100 else {
            issues.append(ConfigIssue(.badValue, at: "name", "'\(name)' is not a valid pipeline name",
                                      hint: "use 1 to 100 letters, digits, '.', '_' or '-'"))
            return nil
        }
        return name
    }

    /// Validates a plugin block and builds the plugin; `nil` (with issues) when it cannot.
    private mutating func plugin(_ kind: PluginRegistry.Kind, _ block: Value, path: String, extraKeys: Set<String> = [])
        -> (any Sendable)?
    {
        guard case .object(let object) = block else { return nil }  // reported by the outer shape
        guard case .string(let type)? = object["type"] else {
            let found = object["type"].map { "found \($0.kindName)" } ?? "missing"
            issues.append(ConfigIssue(object["type"] == nil ? .missingKey : .wrongType, at: JSONPath.join(path, "type"),
                                      "every \(kind.rawValue) block needs a \"type\" string (\(found))",
                                      hint: "one of: " + registry.types(kind).joined(separator: ", ")))
            return nil
        }
        guard let entry = registry.entry(kind, type) else {
            let otherKind = PluginRegistry.Kind.allCases.first { registry.entry($0, type) != nil }
            let hint = Suggestion.hint(for: type, among: registry.types(kind))
                ?? otherKind.map { "'\(type)' is a \($0.rawValue), not a \(kind.rawValue)" }
                ?? "one of: " + registry.types(kind).joined(separator: ", ")
            issues.append(ConfigIssue(.unknownPlugin, at: JSONPath.join(path, "type"), "unknown \(kind.rawValue) type '\(type)'", hint: hint))
            return nil
        }
        let found = OptionValidator.validate(object: block, specs: entry.options, path: path, reservedKeys: extraKeys.union(["type"]))
        guard found.isEmpty else {
            issues += found
            return nil
        }
        var options = object
        for key in extraKeys.union(["type"]) { options[key] = nil }
        do {
            return try entry.make(PluginConfig(object: options, path: path, specs: entry.options, folder: folder))
        } catch {
            issues += Self.issues(from: error, prefix: "")
            return nil
        }
    }

    private mutating func chain(_ list: Value?, path: String, input: Schema) -> [Pipeline.TransformStage]? {
        guard case .array(let blocks)? = list else { return [] }
        var stages: [Pipeline.TransformStage] = []
        var schema = input
        for (position, block) in blocks.enumerated() {
            let blockPath = JSONPath.join(path, position)
            guard let transform = plugin(.transform, block, path: blockPath) as? any Transform,
                  case .string(let type)? = block["type"]
            else { return nil }
            do {
                let output = try transform.outputSchema(for: schema)
                stages.append(Pipeline.TransformStage(type: type, transform: transform, input: schema, output: output))
                schema = output
            } catch {
                issues += Self.issues(from: error, prefix: blockPath)
                return nil
            }
        }
        return stages
    }

    private mutating func buildSinks(_ list: Value?, input: Schema?) -> [Pipeline.SinkStage]? {
        guard case .array(let blocks)? = list else { return nil }
        var sinks: [Pipeline.SinkStage] = []
        var identities: [String: String] = [:]
        var complete = true
        for (position, block) in blocks.enumerated() {
            let path = JSONPath.join("sinks", position)
            if let own = block["transforms"], case .array = own {} else if block["transforms"] != nil {
                issues.append(ConfigIssue(.wrongType, at: JSONPath.join(path, "transforms"), "expected a list of transform blocks"))
            }
            guard let sink = plugin(.sink, block, path: path, extraKeys: ["transforms"]) as? any Sink,
                  case .string(let type)? = block["type"]
            else {
                complete = false
                continue
            }
            if let earlier = identities[sink.identity] {
                issues.append(ConfigIssue(.duplicateSink, at: path, "writes to \(sink.identity) like \(earlier)",
                                          hint: "two sinks writing the same target would corrupt it"))
            }
            identities[sink.identity] = identities[sink.identity] ?? path
            guard let input, let own = chain(block["transforms"], path: JSONPath.join(path, "transforms"), input: input) else {
                complete = false
                continue
            }
            let schema = own.last?.output ?? input
            let found = sink.check(input: schema).map { $0.prefixed(by: path) }
            issues += found
            sinks.append(Pipeline.SinkStage(type: type, sink: sink, transforms: own, input: schema))
        }
        return complete ? sinks : nil
    }

    private static func issues(from error: any Error, prefix: String) -> [ConfigIssue] {
        switch error {
        case let issue as ConfigIssue: [prefix.isEmpty ? issue : issue.prefixed(by: prefix)]
        case let many as ConfigIssues: many.issues.map { prefix.isEmpty ? $0 : $0.prefixed(by: prefix) }
        default: [ConfigIssue(.badValue, at: prefix, "\(error)")]
        }
    }
}
