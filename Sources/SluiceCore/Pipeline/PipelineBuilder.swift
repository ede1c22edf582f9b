import Foundation

/// One pass over a substituted pipeline document: validates every block, builds the plugins and
/// checks the schema flowing into every stage, collecting every issue as it goes.
///
/// A block with problems does not hide the others: the stages after an invalid source are checked
/// against the schema its type declares (``SourcePlugin/declaredSchema(config:)``), and after a
/// stage whose output is unknown the remaining blocks are still checked for their types and options.
struct PipelineBuilder {
    let registry: PluginRegistry
    /// The pipeline file's folder: relative paths are resolved against it.
    let folder: String
    var issues: [ConfigIssue] = []
    /// The strings written in options declared `secret` (`auth`), for ``Redactor``.
    var secrets: [String] = []

    /// A transform chain as far as it could be built.
    private struct Chain {
        /// Every stage, or `nil` when a block of the chain has a problem.
        var stages: [Pipeline.TransformStage]?
        /// The schema after the chain, or `nil` when it cannot be known.
        var output: Schema?
    }

    init(registry: PluginRegistry, folder: String) {
        self.registry = registry
        self.folder = folder
    }

    mutating func build(_ document: Value) -> Pipeline? {
        guard case .object(let root) = document else {
            issues.append(ConfigIssue(.wrongType, at: "", "a pipeline file holds one JSON object, found \(document.kindName)"))
            return nil
        }
        checkTopLevel(root)
        let name = validName(root)
        let source = root["source"].flatMap { plugin(.source, $0, path: "source") } as? any Source
        let sourceSchema = source?.schema ?? root["source"].flatMap(declaredSchema)
        let shared = chain(root["transforms"], path: "transforms", input: sourceSchema)
        let sinks = buildSinks(root["sinks"], input: shared.output)
        let explicitState = root["state"].flatMap { plugin(.state, $0, path: "state") as? any StateStore }
        guard let name, let source, let transforms = shared.stages, let sinks, case .string(let sourceType)? = root["source"]?["type"]
        else { return nil }
        let state = explicitState
            ?? sinks.lazy.compactMap { $0.sink.defaultStateStore(pipeline: name) }.first
            ?? registry.defaultStateStore(name, folder)
        checkAppendsAreAtomic(sinks, state: state)
        checkRunStateIsNotShared(transforms, sinkCount: sinks.count)
        return Pipeline(name: name, sourceType: sourceType, source: source, transforms: transforms, sinks: sinks, state: state)
    }

    /// A sink that appends, resumes, and cannot commit its rows and its checkpoint as one would get
    /// a window twice after a crash between the two: refused.
    private mutating func checkAppendsAreAtomic(_ sinks: [Pipeline.SinkStage], state: any StateStore) {
        for (position, stage) in sinks.enumerated()
        where stage.sink.resumesCommittedWindows && !stage.sink.rewritesDaysInPlace && !stage.sink.commitsAtomically(with: state) {
            issues.append(ConfigIssue(
                .incompatible, at: JSONPath.join("sinks", position),
                "this sink appends, and its checkpoints are kept apart from its data (state in \(state.location)):"
                    + " a crash between the two would load a window twice",
                hint: "keep the state in the sink's own database (leave \"state\" out, or point it there), or use mode upsert or replace"
            ))
        }
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

    /// The schema a source block of a known type declares, for a block that could not be built.
    private func declaredSchema(_ block: Value) -> Schema? {
        guard case .object(let object) = block, case .string(let type)? = object["type"],
              let entry = registry.entry(.source, type)
        else { return nil }
        var options = object
        options["type"] = nil
        return entry.declaredSchema(PluginConfig(object: options, path: "source", specs: entry.options, folder: folder))
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
        secrets += entry.options.filter(\.isSecret).compactMap { object[$0.name] }.flatMap(Self.strings)
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

    /// Checks every block of a transform list; the schema checks stop where the schema becomes unknown.
    private mutating func chain(_ list: Value?, path: String, input: Schema?) -> Chain {
        guard case .array(let blocks)? = list else { return Chain(stages: [], output: input) }
        var chain = Chain(stages: [], output: input)
        for (position, block) in blocks.enumerated() {
            let blockPath = JSONPath.join(path, position)
            guard let transform = plugin(.transform, block, path: blockPath) as? any Transform,
                  case .string(let type)? = block["type"], let schema = chain.output
            else {
                chain = Chain(stages: nil, output: nil)
                continue
            }
            do {
                let output = try transform.outputSchema(for: schema)
                chain.stages?.append(Pipeline.TransformStage(type: type, transform: transform, input: schema, output: output))
                chain.output = output
            } catch {
                issues += Self.issues(from: error, prefix: blockPath)
                chain = Chain(stages: nil, output: nil)
            }
        }
        return chain
    }

    /// A transform that remembers rows across windows may feed one sink only: shared by several, a
    /// window committed in some and retried for the others would lose or duplicate rows.
    private mutating func checkRunStateIsNotShared(_ transforms: [Pipeline.TransformStage], sinkCount: Int) {
        guard sinkCount > 1 else { return }
        for (position, stage) in transforms.enumerated() where stage.transform.remembersAcrossWindows {
            issues.append(ConfigIssue(
                .incompatible, at: JSONPath.join("transforms", position),
                "this transform remembers rows across the windows of a run, and here \(sinkCount) sinks share it: a window that "
                    + "commits in one sink and is retried for another would lose or duplicate rows",
                hint: "move it into each sink's own \"transforms\", or give it \"scope\": \"window\""
            ))
        }
    }

    private mutating func buildSinks(_ list: Value?, input: Schema?) -> [Pipeline.SinkStage]? {
        guard case .array(let blocks)? = list else { return nil }
        var sinks: [Pipeline.SinkStage] = []
        var identities: [String: (path: String, target: String)] = [:]
        var complete = true
        for (position, block) in blocks.enumerated() {
            let path = JSONPath.join("sinks", position)
            if let own = block["transforms"], case .array = own {} else if block["transforms"] != nil {
                issues.append(ConfigIssue(.wrongType, at: JSONPath.join(path, "transforms"), "expected a list of transform blocks"))
            }
            let sink = plugin(.sink, block, path: path, extraKeys: ["transforms"]) as? any Sink
            let own = chain(block["transforms"], path: JSONPath.join(path, "transforms"), input: input)
            guard let sink, case .string(let type)? = block["type"] else {
                complete = false
                continue
            }
            if let (earlier, target) = identities[sink.identity] {
                issues.append(target == sink.target
                    ? ConfigIssue(.duplicateSink, at: path, "writes to \(sink.target) like \(earlier)",
                                  hint: "two sinks writing the same target would corrupt it")
                    : ConfigIssue(.duplicateSink, at: path, "\(sink.target) and \(target) (\(earlier)) are two targets with one name,"
                                      + " \(sink.identity), under which the state records what each committed",
                                  hint: "give the tables different names"))
            }
            identities[sink.identity] = identities[sink.identity] ?? (path, sink.target)
            guard let stages = own.stages, let schema = own.output else {
                complete = false
                continue
            }
            issues += sink.check(input: schema).map { $0.prefixed(by: path) }
            sinks.append(Pipeline.SinkStage(type: type, sink: sink, transforms: stages, input: schema))
        }
        return complete ? sinks : nil
    }

    /// Every string in `value`, however nested.
    private static func strings(in value: Value) -> [String] {
        switch value {
        case .string(let text): [text]
        case .array(let items): items.flatMap(strings)
        case .object(let object): object.members.flatMap { strings(in: $0.1) }
        default: []
        }
    }

    private static func issues(from error: any Error, prefix: String) -> [ConfigIssue] {
        switch error {
        case let issue as ConfigIssue: [prefix.isEmpty ? issue : issue.prefixed(by: prefix)]
        case let many as ConfigIssues: many.issues.map { prefix.isEmpty ? $0 : $0.prefixed(by: prefix) }
        default: [ConfigIssue(.badValue, at: prefix, "\(error)")]
        }
    }
}
