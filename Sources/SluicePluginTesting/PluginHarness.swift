import Foundation
public import SluiceCore

/// Loads transforms the way a pipeline file names them, for the tests of their authors: each
/// block's options are validated (issues at the block's JSON path, `transforms[0].mapping`), its
/// output schema checked against the stage before it, its relative paths resolved against a folder.
///
/// ```swift
/// let harness = try PluginHarness(input: schema) { try $0.register(transform: TeamsByEmail.self) }
/// let chain = try harness.load(#"[{"type": "teams.byEmail", "mapping": "teams.csv"}]"#, folder: folder)
/// let rows = try await chain.run([[row1, row2]])
/// ```
public struct PluginHarness: Sendable {
    /// The harness's input and output plugins, and the plugins under test.
    public let registry: PluginRegistry
    /// The schema of the batches the first transform receives.
    public let input: Schema

    /// A harness feeding batches of `input`.
    /// - Parameters:
    ///   - input: the schema of the batches the first transform receives.
    ///   - register: registers the plugins under test.
    /// - Throws: what `register` throws (``SluiceError`` for a name registered twice).
    public init(input: Schema, register: (inout PluginRegistry) throws -> Void) throws {
        var registry = PluginRegistry { _, _ in MemoryStateStore() }
        try registry.register(source: HarnessSource.self)
        try registry.register(sink: HarnessSink.self)
        try register(&registry)
        self.registry = registry
        self.input = input
    }

    /// Loads `transforms`, a JSON array of transform blocks, as the `transforms` of a pipeline file
    /// in `folder` whose source emits ``input``.
    /// - Parameters:
    ///   - transforms: the blocks, as written in a pipeline file.
    ///   - folder: the folder relative paths are resolved against (``PluginConfig/filePath(_:)``).
    ///   - environment: the values of `${VAR}` references.
    /// - Throws: ``PipelineInvalid`` with every problem, each at its JSON path.
    public func load(_ transforms: String, folder: String, environment: [String: String] = [:]) throws(PipelineInvalid) -> TransformRun {
        let pipeline = try PipelineLoader(registry: registry, environment: environment)
            .load(Array(document(transforms).utf8), file: URL(fileURLWithPath: folder).appendingPathComponent("plugin-harness.json").path)
        return TransformRun(stages: pipeline.transforms, input: input)
    }

    /// The problems `load` reports for `transforms`, or none.
    public func issues(_ transforms: String, folder: String, environment: [String: String] = [:]) -> [ConfigIssue] {
        do {
            _ = try load(transforms, folder: folder, environment: environment)
            return []
        } catch {
            return error.issues
        }
    }

    /// A pipeline file around `transforms`: the harness's source declares ``input``.
    private func document(_ transforms: String) -> String {
        var fields = ValueObject()
        for field in input.fields { fields[field.name] = .string(field.type.rawValue) }
        let source = JSONWriter.string(.object(["type": .string(HarnessSource.type), "fields": .object(fields)]))
        return """
            {"version": 1, "name": "plugin-harness", "source": \(source), "transforms": \(transforms),
             "sinks": [{"type": "\(HarnessSink.type)"}]}
            """
    }
}
