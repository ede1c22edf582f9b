import ArgumentParser
import SluiceCore

/// `sluice plugins`: every plugin type with its options and defaults.
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plugins", abstract: "List the plugin types and their options.")

    func run() throws {
        let registry = CommandPlugins.current
        for kind in PluginRegistry.Kind.allCases {
            let entries = registry.entries.filter { $0.kind == kind }
            guard !entries.isEmpty else { continue }
            print("\(kind.rawValue.uppercased())S")
            for entry in entries {
                print("  \(entry.type): \(entry.summary)")
                for line in Self.describe(entry.options, indent: "    ") { print(line) }
                for note in entry.notes { print("    note: \(note)") }
            }
            print("")
        }
    }

    private static func describe(_ options: [OptionSpec], indent: String) -> [String] {
        options.flatMap { option -> [String] in
            var line = "\(indent)\(option.name) (\(option.kind.displayName)"
            if option.isRequired { line += ", required" }
            if let value = option.defaultValue { line += ", default \(JSONWriter.string(value))" }
            line += "): \(option.summary)"
            switch option.kind {
            case .object(let nested): return [line] + describe(nested, indent: indent + "  ")
            case .oneOf(let shapes): return [line] + shapes.flatMap { describe($0, indent: indent + "  ") }
            default: return [line]
            }
        }
    }
}
