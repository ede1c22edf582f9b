import SluiceCore

/// Encodes rows in the text format of `COPY ... FROM STDIN`: tab-separated fields, `\N` for NULL,
/// backslash escapes for backslash, tab, newline and carriage return.
///
/// Values are written by their kind, so the server parses them into the column's type: ids stay
/// digit for digit, timestamps carry their offset, `text[]` fields become quoted array literals
/// (`{}` when empty) and `json` fields are written with ``JSONWriter``.
struct CopyEncoder {
    let types: [FieldType]
    /// Reused for JSON text.
    private var scratch: [UInt8] = []

    /// Where a text lands: a whole field, or an element inside the quotes of an array literal.
    private enum Context {
        case field, arrayElement
    }

    init(schema: Schema) {
        types = schema.fields.map(\.type)
    }

    /// Appends row `row` of `batch`, ending in a newline; text and JSON are escaped straight from
    /// the columns' bytes.
    mutating func encode(row: Int, of batch: RecordBatch, into buffer: CopyBuffer) {
        for (position, column) in batch.columns.enumerated() {
            if position > 0 { buffer.append(UInt8(ascii: "\t")) }
            switch column.storage {
            case .values: encode(column.values[row], as: types[position], into: buffer)
            case _ where column.isNull(row): buffer.append(UInt8(ascii: "\\"), UInt8(ascii: "N"))
            case .text, .json: column.withBytes(row) { Self.appendEscaped($0, in: .field, into: buffer) }
            }
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    private mutating func encode(_ value: Value, as type: FieldType, into buffer: CopyBuffer) {
        switch (value, type) {
        case (.null, _):
            buffer.append(UInt8(ascii: "\\"), UInt8(ascii: "N"))
        case (.array(let items), .textArray):
            buffer.append(UInt8(ascii: "{"))
            for (position, item) in items.enumerated() {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                if case .null = item {
                    buffer.append(ascii: "NULL")
                } else {
                    buffer.append(UInt8(ascii: "\""))
                    appendText(of: item, in: .arrayElement, into: buffer)
                    buffer.append(UInt8(ascii: "\""))
                }
            }
            buffer.append(UInt8(ascii: "}"))
        case (_, .json):
            appendJSON(value, in: .field, into: buffer)
        default:
            appendText(of: value, in: .field, into: buffer)
        }
    }

    /// The value's natural text: strings and number literals as written, dates and timestamps in
    /// ISO-8601, arrays and objects as JSON.
    private mutating func appendText(of value: Value, in context: Context, into buffer: CopyBuffer) {
        switch value {
        case .null: buffer.append(UInt8(ascii: "\\"), UInt8(ascii: "N"))
        case .string(let text), .number(let text): appendEscaped(text, in: context, into: buffer)
        case .int(let number): CopyEncoder.appendDecimal(number, into: buffer)
        case .double(let number): appendEscaped(Self.text(of: number), in: context, into: buffer)
        case .bool(let flag): buffer.append(ascii: flag ? "true" : "false")
        case .date(let date): Self.appendDate(date, into: buffer)
        case .timestamp(let timestamp): Self.appendTimestamp(timestamp, into: buffer)
        case .array, .object: appendJSON(value, in: context, into: buffer)
        }
    }

    private mutating func appendJSON(_ value: Value, in context: Context, into buffer: CopyBuffer) {
        scratch.removeAll(keepingCapacity: true)
        JSONWriter.write(value, into: &scratch)
        scratch.withUnsafeBufferPointer { Self.appendEscaped($0, in: context, into: buffer) }
    }

    private func appendEscaped(_ text: String, in context: Context, into buffer: CopyBuffer) {
        var text = text
        text.withUTF8 { Self.appendEscaped($0, in: context, into: buffer) }
    }

    /// Copies `bytes`, escaping what COPY (and, inside an array element, the array syntax) would misread.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, in context: Context, into buffer: CopyBuffer) {
        var runStart = 0
        for index in bytes.indices {
            let replacement: StaticString
            switch (bytes[index], context) {
            case (UInt8(ascii: "\\"), .field): replacement = "\\\\"
            case (UInt8(ascii: "\\"), .arrayElement): replacement = "\\\\\\\\"
            case (UInt8(ascii: "\""), .arrayElement): replacement = "\\\\\""
            case (0x09, _): replacement = "\\t"
            case (0x0A, _): replacement = "\\n"
            case (0x0D, _): replacement = "\\r"
            default: continue
            }
            buffer.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            buffer.append(ascii: replacement)
            runStart = index + 1
        }
        buffer.append(UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    /// PostgreSQL's spelling of a double: the shortest exact digits, `Infinity`, `-Infinity`, `NaN`.
    private static func text(of number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return "\(number)"
    }
}
