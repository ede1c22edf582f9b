/// Writes ``Value``s as compact JSON, numbers digit for digit, object members in order.
///
/// Dates and timestamps are written as ISO-8601 strings.
public enum JSONWriter {
    /// Appends `value` as JSON to `output`.
    public static func write(_ value: Value, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number):
            if number.isFinite {
                if number == number.rounded(), abs(number) < 1e15 {
                    output.append(contentsOf: String(Int64(number)).utf8)
                    output.append(contentsOf: ".0".utf8)
                } else {
                    output.append(contentsOf: "\(number)".utf8)
                }
            } else {
                output.append(contentsOf: "null".utf8)
            }
        case .number(let literal): output.append(contentsOf: literal.utf8)
        case .string(let text): writeString(text, into: &output)
        case .date(let date): writeString(date.description, into: &output)
        case .timestamp(let timestamp): writeString(timestamp.description, into: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                write(item, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (position, (key, item)) in object.members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(item, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// `value` as a compact JSON string.
    public static func string(_ value: Value) -> String {
        var output: [UInt8] = []
        write(value, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// `text` as a quoted JSON string.
    public static func string(_ text: String) -> String {
        var output: [UInt8] = []
        writeString(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { writeString(utf8: $0, into: &output) }
    }

    /// Appends the UTF-8 text `utf8` as a quoted JSON string.
    public static func writeString(utf8: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            runStart = index + 1
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            default:
                output.append(contentsOf: "\\u00".utf8)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0xF)])
            }
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        output.append(UInt8(ascii: "\""))
    }

    /// Appends the rows of `batch` as JSON objects keyed by field name, each between `prefix` and
    /// `suffix` and followed by a newline, reading the columns in place: text is escaped from its
    /// bytes, JSON copied as it is stored. `rowEnded` runs after each row (to write out a full
    /// buffer, say).
    public static func writeLines(
        of batch: RecordBatch, into output: inout [UInt8], prefix: [UInt8] = [], suffix: [UInt8] = [],
        rowEnded: (inout [UInt8]) throws -> Void
    ) rethrows {
        var names: [[UInt8]] = []
        for field in batch.schema.fields {
            var name: [UInt8] = []
            writeString(field.name, into: &name)
            names.append(name + [UInt8(ascii: ":")])
        }
        try batch.withColumnReaders { columns in
            for row in 0..<batch.count {
                output.append(contentsOf: prefix)
                output.append(UInt8(ascii: "{"))
                for (position, column) in columns.enumerated() {
                    if position > 0 { output.append(UInt8(ascii: ",")) }
                    output.append(contentsOf: names[position])
                    switch column.storage {
                    case .values: write(column.value(row), into: &output)
                    case _ where column.isNull(row): output.append(contentsOf: "null".utf8)
                    case .text: writeString(utf8: column.bytes(row), into: &output)
                    case .json: output.append(contentsOf: column.bytes(row))
                    }
                }
                output.append(UInt8(ascii: "}"))
                output.append(contentsOf: suffix)
                output.append(UInt8(ascii: "\n"))
                try rowEnded(&output)
            }
        }
    }
}
