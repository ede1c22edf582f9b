/// A JSON Schema (draft 2020-12) of pipeline files, every registered plugin included, for editors.
package enum PipelineJSONSchema {
    /// The schema document.
    public static func document(for registry: PluginRegistry) -> Value {
        var properties = ValueObject()
        for spec in PipelineLoader.topLevelOptions {
            switch spec.name {
            case "source": properties[spec.name] = plugins(.source, registry)
            case "transforms": properties[spec.name] = array(of: plugins(.transform, registry))
            case "sinks":
                var sinks = array(of: plugins(.sink, registry, extra: ["transforms": array(of: plugins(.transform, registry))]))
                if case .object(var object) = sinks {
                    object["minItems"] = .int(1)
                    sinks = .object(object)
                }
                properties[spec.name] = sinks
            case "state": properties[spec.name] = plugins(.state, registry)
            default: properties[spec.name] = describe(spec)
            }
        }
        return .object(ValueObject([
            "$schema": .string("https://json-schema.org/draft/2020-12/schema"),
            "title": .string("Sluice pipeline"),
            "type": .string("object"),
            "properties": .object(properties),
            "required": .array(PipelineLoader.topLevelOptions.filter(\.isRequired).map { .string($0.name) }),
            "additionalProperties": .bool(false),
        ]))
    }

    private static func plugins(_ kind: PluginRegistry.Kind, _ registry: PluginRegistry, extra: ValueObject = ValueObject()) -> Value {
        let shapes = registry.entries.filter { $0.kind == kind }.map { entry -> Value in
            var object = objectSchema(entry.options, description: entry.summary)
            if case .object(var properties)? = object["properties"] {
                properties["type"] = .object(ValueObject(["const": .string(entry.type)]))
                for (key, value) in extra.members { properties[key] = value }
                object["properties"] = .object(properties)
            }
            object["required"] = .array([.string("type")] + entry.options.filter(\.isRequired).map { .string($0.name) })
            return .object(object)
        }
        return .object(ValueObject(["oneOf": .array(shapes)]))
    }

    private static func objectSchema(_ specs: [OptionSpec], description: String? = nil) -> ValueObject {
        var properties = ValueObject()
        for spec in specs { properties[spec.name] = describe(spec) }
        var object = ValueObject(["type": .string("object"), "properties": .object(properties), "additionalProperties": .bool(false)])
        if let description { object["description"] = .string(description) }
        let required = specs.filter(\.isRequired).map { Value.string($0.name) }
        if !required.isEmpty { object["required"] = .array(required) }
        return object
    }

    private static func describe(_ spec: OptionSpec) -> Value {
        guard case .object(var schema) = describe(spec.kind) else { return describe(spec.kind) }
        schema["description"] = .string(spec.summary)
        if let value = spec.defaultValue { schema["default"] = value }
        return .object(schema)
    }

    private static func array(of items: Value) -> Value {
        .object(ValueObject(["type": .string("array"), "items": items]))
    }

    private static func describe(_ kind: OptionKind) -> Value {
        switch kind {
        case .string: return .object(ValueObject(["type": .string("string")]))
        case .integer(let range):
            var object = ValueObject(["type": .string("integer"), "minimum": .int(Int64(range.lowerBound))])
            if range.upperBound != .max { object["maximum"] = .int(Int64(range.upperBound)) }
            return .object(object)
        case .number(let range):
            return .object(ValueObject([
                "type": .string("number"), "minimum": .double(range.lowerBound), "maximum": .double(range.upperBound),
            ]))
        case .boolean: return .object(ValueObject(["type": .string("boolean")]))
        case .date:
            return .object(ValueObject(["type": .string("string"), "format": .string("date")]))
        case .choice(let choices): return .object(ValueObject(["enum": .array(choices.map(Value.string))]))
        case .list(let element, let minCount):
            var object = ValueObject(["type": .string("array"), "items": describe(element)])
            if minCount > 0 { object["minItems"] = .int(Int64(minCount)) }
            return .object(object)
        case .fields:
            return .object(ValueObject([
                "type": .string("array"), "items": .object(ValueObject(["type": .string("string")])), "minItems": .int(1),
            ]))
        case .object(let specs): return .object(objectSchema(specs))
        case .oneOf(let shapes): return .object(ValueObject(["oneOf": .array(shapes.map { .object(objectSchema($0)) })]))
        case .map(let element):
            return .object(ValueObject(["type": .string("object"), "additionalProperties": describe(element)]))
        case .json: return .object(ValueObject())
        }
    }
}
