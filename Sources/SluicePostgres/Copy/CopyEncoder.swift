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
    /// The last date or timestamp of each column and its text: flattened rows repeat their day's
    /// values row after row, each written once per run of equal values.
    private var remembered: [(value: Value, text: [UInt8])?]

    /// Where a text lands: a whole field, or an element inside the quotes of an array literal.
    private enum Context {
        case field, arrayElement
    }

    init(schema: Schema) {
        types = schema.fields.map(\.type)
        remembered = Array(repeating: nil, count: types.count)
    }

    /// Appends rows of `batch` from `start`, each ending in a newline, until `buffer` holds
    /// `limit` bytes or the batch ends; returns the row to go on from. Text and JSON are escaped
    /// straight from the columns' bytes.
    mutating func encode(_ batch: RecordBatch, from start: Int, into buffer: CopyBuffer, upTo limit: Int) -> Int {
        batch.withColumnReaders { columns in
            var row = start
            while row < batch.count, buffer.count < limit {
                for (position, column) in columns.enumerated() {
                    if position > 0 { buffer.append(UInt8(ascii: "\t")) }
                    switch column.storage {
                    case .values: encode(column.value(row), at: position, into: buffer)
                    case _ where column.isNull(row): buffer.append(UInt8(ascii: "\\"), UInt8(ascii: "N"))
                    case .text, .json: Self.appendEscaped(column.bytes(row), in: .field, into: buffer)
                    }
                }
                buffer.append(UInt8(ascii: "\n"))
                row += 1
            }
            return row
        }
    }

    /// Writes a value of column `position`, dates and timestamps from the last text when they repeat.
    private mutating func encode(_ value: Value, at position: Int, into buffer: CopyBuffer) {
        switch value {
        case .date, .timestamp:
            if let last = remembered[position], last.value == value {
                last.text.withUnsafeBufferPointer { buffer.append($0) }
                return
            }
            let start = buffer.count
            encode(value, as: types[position], into: buffer)
            remembered[position] = (value, Array(UnsafeBufferPointer(start: buffer.bytes + start, count: buffer.count - start)))
        default:
            encode(value, as: types[position], into: buffer)
        }
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
