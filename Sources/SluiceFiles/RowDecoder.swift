public import SluiceCore

/// Turns JSON objects into rows of a ``Schema``, coercing each member to its field's type.
///
/// Ids that arrive as bare numbers become text digit for digit; a missing member is `null`.
public struct RowDecoder: Sendable {
    public let schema: Schema

    public init(schema: Schema) {
        self.schema = schema
    }

    /// The row of `object`.
    /// - Throws: ``SluiceError`` (`bad_record`) naming the field whose value does not fit its type.
    public func row(of object: ValueObject) throws(SluiceError) -> [Value] {
        var row: [Value] = []
        row.reserveCapacity(schema.fields.count)
        for field in schema.fields {
            let value = object[field.name] ?? .null
            guard let coerced = Self.coerce(value, to: field.type) else {
                throw SluiceError(
                    .badRecord, "field '\(field.name)' holds a \(value.kindName), which is not \(field.type.rawValue)",
                    context: [("field", field.name)]
                )
            }
            if field.type == .text || field.type == .textArray, Self.holdsNUL(coerced) {
                throw SluiceError(
                    .badRecord, "field '\(field.name)' holds a NUL character, which a text column cannot store",
                    context: [("field", field.name)], hint: "remove it at the source, or declare the field json"
                )
            }
            row.append(coerced)
        }
        return row
    }

    /// The row of one NDJSON line; `nil` for a blank one (spaces, tabs and a carriage return only).
    /// - Throws: ``SluiceError`` (`bad_record`) for a line that is not one JSON object, or whose
    ///   members do not fit their fields.
    public func row(ofLine line: ArraySlice<UInt8>) throws(SluiceError) -> [Value]? {
        guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return nil }
        let document: Value
        do {
            document = try JSONParser.parse(line)
        } catch {
            throw SluiceError(.badRecord, "invalid JSON: \(error)")
        }
        guard case .object(let object) = document else { throw SluiceError(.badRecord, "a line must hold one JSON object") }
        return try row(of: object)
    }

    /// Whether a text value (or an item of a text list) holds U+0000.
    private static func holdsNUL(_ value: Value) -> Bool {
        switch value {
        case .string(let text): text.utf8.contains(0)
        case .array(let items): items.contains(where: holdsNUL)
        default: false
        }
    }

    /// `value` as a value of `type`, or `nil` when it cannot be one without loss.
    public static func coerce(_ value: Value, to type: FieldType) -> Value? {
        if case .null = value { return .null }
        switch (type, value) {
        case (.json, _): return value
        case (.text, .string), (.int, .int), (.float, .double), (.bool, .bool), (.date, .date), (.timestamptz, .timestamp):
            return value
        case (.text, .int), (.text, .number): return value.digitsOrText.map(Value.string)
        case (.float, .int(let number)): return .double(Double(number))
        case (.date, .string(let text)): return CalendarDate(text).map(Value.date)
        case (.timestamptz, .string(let text)): return Timestamp(iso8601: text).map(Value.timestamp)
        case (.textArray, .array(let items)):
            var texts: [Value] = []
            texts.reserveCapacity(items.count)
            for item in items {
                if case .null = item {
                    texts.append(.null)
                } else if let text = item.digitsOrText {
                    texts.append(.string(text))
                } else {
                    return nil
                }
            }
            return .array(texts)
        default: return nil
        }
    }
}
