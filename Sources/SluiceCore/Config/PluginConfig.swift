import Foundation

/// A plugin's config block after it passed the checks of its ``OptionSpec``s.
///
/// Accessors return the value written in the file, else the option's default, else `nil`;
/// semantic problems (a reversed date range, say) are thrown as ``ConfigIssue``s made with
/// ``issue(_:at:_:hint:)`` so that their paths point into the file.
public struct PluginConfig: Sendable {
    /// The members as written (after `${VAR}` substitution).
    public let object: ValueObject
    /// Where the block is in the file (`sinks[1]`).
    public let path: String
    /// The folder of the pipeline file, against which relative paths in it are resolved.
    public let folder: String
    let specs: [OptionSpec]

    /// - Parameter folder: the pipeline file's folder (the current directory when omitted).
    public init(object: ValueObject, path: String, specs: [OptionSpec], folder: String? = nil) {
        self.object = object
        self.path = path
        self.specs = specs
        self.folder = folder ?? FileManager.default.currentDirectoryPath
    }

    /// The value written for `key`, else the option's declared default.
    public func value(_ key: String) -> Value? {
        object[key] ?? specs.first { $0.name == key }?.defaultValue
    }

    public func string(_ key: String) -> String? {
        if case .string(let text) = value(key) { return text }
        return nil
    }

    public func int(_ key: String) -> Int? {
        if case .int(let number) = value(key) { return Int(number) }
        return nil
    }

    public func double(_ key: String) -> Double? {
        switch value(key) {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }

    public func bool(_ key: String) -> Bool? {
        if case .bool(let flag) = value(key) { return flag }
        return nil
    }

    /// A file path option, resolved against the pipeline file's folder when relative.
    public func filePath(_ key: String) -> String? {
        string(key).map(resolve)
    }

    /// A list of file paths, each resolved like ``filePath(_:)``.
    public func filePaths(_ key: String) -> [String]? {
        strings(key)?.map(resolve)
    }

    /// `path` when absolute (or empty), else `path` in the pipeline file's folder.
    public func resolve(_ path: String) -> String {
        guard !path.isEmpty, !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: folder, isDirectory: true)).standardizedFileURL.path
    }

    public func date(_ key: String) -> CalendarDate? {
        string(key).flatMap { CalendarDate($0) }
    }

    /// A list of strings (also a `.fields` option).
    public func strings(_ key: String) -> [String]? {
        guard case .array(let items) = value(key) else { return nil }
        return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }

    /// A map of strings, in the order written.
    public func stringMap(_ key: String) -> [(String, String)]? {
        guard case .object(let map) = value(key) else { return nil }
        return map.members.compactMap { key, value in
            if case .string(let text) = value { (key, text) } else { nil }
        }
    }

    /// A nested object option as a config of its own (for `.object` and `.oneOf` options).
    public func object(_ key: String) -> PluginConfig? {
        guard case .object(let nested) = value(key) else { return nil }
        let nestedSpecs: [OptionSpec]
        switch specs.first(where: { $0.name == key })?.kind {
        case .object(let shape): nestedSpecs = shape
        case .oneOf(let shapes):
            nestedSpecs = shapes.first { $0.filter(\.isRequired).contains { nested[$0.name] != nil } } ?? []
        default: nestedSpecs = []
        }
        return PluginConfig(object: nested, path: JSONPath.join(path, key), specs: nestedSpecs, folder: folder)
    }

    /// An issue located at option `key` of this block.
    public func issue(_ code: ConfigIssue.Code, at key: String, _ message: String, hint: String? = nil) -> ConfigIssue {
        ConfigIssue(code, at: JSONPath.join(path, key), message, hint: hint)
    }
}

/// Several config problems at once, thrown by a plugin's initialiser or a schema check.
public struct ConfigIssues: Error, Sendable {
    public let issues: [ConfigIssue]
    public init(_ issues: [ConfigIssue]) { self.issues = issues }
}

extension ConfigIssue: Error {}
