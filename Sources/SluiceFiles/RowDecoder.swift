public import SluiceCore

/// Turns JSON objects into rows of a ``Schema``, coercing each member to its field's type.
///
/// Ids that arrive as bare numbers become text digit for digit; a missing member is `null`.
public struct RowDecoder: Sendable {
    public let schema: Schema

    /// The UTF-8 bytes of each field's name, to match member names without making strings.
    private let fieldNames: [[UInt8]]

    public init(schema: Schema) {
        self.schema = schema
        fieldNames = schema.fields.map { Array($0.name.utf8) }
    }

    /// The row of `object`.
    /// - Throws: ``SluiceError`` (`bad_record`) naming the field whose value does not fit its type.
    public func row(of object: ValueObject) throws(SluiceError) -> [Value] {
        var row: [Value] = []
        row.reserveCapacity(schema.fields.count)
        for field in schema.fields { row.append(try coerced(object[field.name] ?? .null, to: field)) }
        return row
    }

    /// `value` as a value of `field`.
    /// - Throws: ``SluiceError`` (`bad_record`) when it does not fit the field's type, or is text holding NUL.
    private func coerced(_ value: Value, to field: Field) throws(SluiceError) -> Value {
        guard let coerced = Self.coerce(value, to: field.type) else {
            throw SluiceError(
                .badRecord, "field '\(field.name)' holds a \(value.kindName), which is not \(field.type.rawValue)",
                context: [("field", field.name)]
            )
        }
        if field.type == .text || field.type == .textArray, Self.holdsNUL(coerced) { throw Self.holdsNUL(field) }
        return coerced
    }

    private static func holdsNUL(_ field: Field) -> SluiceError {
        SluiceError(
            .badRecord, "field '\(field.name)' holds a NUL character, which a text column cannot store",
            context: [("field", field.name)], hint: "remove it at the source, or declare the field json"
        )
    }

    /// Appends the row of one NDJSON line to `batch` (of ``schema``); `false` for a blank line
    /// (spaces, tabs and a carriage return only), which adds nothing.
    ///
    /// The line is read in place: a text field's string is copied into its column as bytes, a json
    /// field's text as it is written (checked, not parsed); only other types make a ``Value``.
    /// - Throws: ``SluiceError`` (`bad_record`) for a line that is not one JSON object, or whose
    ///   members do not fit their fields.
    public func appendRow(ofLine line: ArraySlice<UInt8>, to batch: inout RecordBatch) throws(SluiceError) -> Bool {
        guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return false }
        let result: Result<Void, SluiceError> = line.withUnsafeBufferPointer { bytes in
            withUnsafeTemporaryAllocation(of: Range<Int>?.self, capacity: fieldNames.count) { found in
                found.initialize(repeating: nil)
                do throws(SluiceError) {
                    try locateFields(in: bytes, found: found)
                    try batch.appendRow { (row: inout RowWriter) throws(SluiceError) in
                        for (position, field) in schema.fields.enumerated() {
                            try write(field, at: found[position], of: bytes, into: &row)
                        }
                    }
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
        }
        try result.get()
        return true
    }

    /// Where the value of each field is in the line's object (the last member of a name wins, as in ``JSONParser``).
    private func locateFields(in bytes: UnsafeBufferPointer<UInt8>, found: UnsafeMutableBufferPointer<Range<Int>?>)
        throws(SluiceError)
    {
        var cursor = JSONCursor(bytes)
        do {
            guard try cursor.peek() == .object else { throw SluiceError(.badRecord, "a line must hold one JSON object") }
            try cursor.beginObject()
            while let key = try cursor.nextKey() {
                let start = cursor.index
                try cursor.skipValue()
                if let position = fieldNames.firstIndex(where: { cursor.token(key, equals: $0) }) {
                    found[position] = start..<cursor.index
                }
            }
            try cursor.end()
        } catch let error as JSONSyntaxError {
            // The parser's message names the path of the fault, which the cursor does not track.
            do {
                _ = try JSONParser.parse(bytes)
            } catch {
                throw SluiceError(.badRecord, "invalid JSON: \(error)")
            }
            throw SluiceError(.badRecord, "invalid JSON: \(error)")
        } catch let error as SluiceError {
            throw error
        } catch {
            throw SluiceError(.badRecord, "invalid JSON: \(error)")
        }
    }

    /// Writes the value at `range` (absent: null) as `field` into `row`: strings of text fields and
    /// json values straight from the line's bytes, anything else through ``coerce(_:to:)``.
    private func write(_ field: Field, at range: Range<Int>?, of bytes: UnsafeBufferPointer<UInt8>, into row: inout RowWriter)
        throws(SluiceError)
    {
        guard let range else { return row.null() }
        var cursor = JSONCursor(UnsafeBufferPointer(rebasing: bytes[range]))
        let kind = try? cursor.peek()
        switch (field.type, kind) {
        case (_, .null?): row.null()
        case (.json, _): row.bytes(UnsafeBufferPointer(rebasing: bytes[range]))
        case (.text, .string?):
            guard let token = try? cursor.readString() else { fallthrough }
            if !token.isEscaped { return row.bytes(UnsafeBufferPointer(rebasing: cursor.bytes[token.range])) }
            var text: [UInt8] = []
            cursor.unescape(token, into: &text)
            guard !text.contains(0) else { throw Self.holdsNUL(field) }
            text.withUnsafeBufferPointer { row.bytes($0) }
        default:
            let value: Value
            do {
                value = try JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[range]))
            } catch {
                throw SluiceError(.badRecord, "invalid JSON: \(error)")
            }
            row.value(try coerced(value, to: field))
        }
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
