public import SluiceCore

/// Writes the Singer messages of one stream as JSON lines: `SCHEMA`, `RECORD`, `STATE`.
///
/// The one encoder of the `singer` sink and of the `stdout` sink's `singer` format.
public struct SingerEncoder: Sendable {
    /// The stream's name (the table most targets load).
    public let stream: String
    /// The fields of the records, in order.
    public let schema: Schema
    /// The fields that identify a record (`key_properties`).
    public let keyProperties: [String]
    /// `{"type":"RECORD","stream":"...","record":`, written before each record.
    private let recordPrefix: [UInt8]

    public init(stream: String, schema: Schema, keyProperties: [String]) {
        self.stream = stream
        self.schema = schema
        self.keyProperties = keyProperties
        recordPrefix = Array(#"{"type":"RECORD","stream":\#(JSONWriter.string(stream)),"record":"#.utf8)
    }

    /// The `SCHEMA` message, with its newline.
    public var schemaMessage: [UInt8] {
        line(.object([
            "type": .string("SCHEMA"), "stream": .string(stream),
            "schema": SingerJSONSchema.of(schema, keyProperties: keyProperties),
            "key_properties": .array(keyProperties.map(Value.string)),
        ]))
    }

    /// Appends each row of `batch` as a `RECORD` message and a newline, reading its columns in
    /// place; `rowEnded` runs after each (to write out a full buffer, say).
    public func appendRecords(of batch: RecordBatch, into output: inout [UInt8], rowEnded: (inout [UInt8]) throws -> Void)
        rethrows
    {
        try JSONWriter.writeLines(of: batch, into: &output, prefix: recordPrefix, suffix: [UInt8(ascii: "}")], rowEnded: rowEnded)
    }

    /// A `STATE` message carrying `value`, with its newline.
    public func stateMessage(_ value: Value) -> [UInt8] {
        line(.object(["type": .string("STATE"), "value": value]))
    }

    /// The state value that marks `window` of `sink` committed in `pipeline`: what Sluice sends
    /// at the end of the window and waits to see echoed.
    public static func stateValue(pipeline: String, sink: String, window: Window) -> Value {
        .object(["sluice": .object([
            "pipeline": .string(pipeline), "sink": .string(sink), "window": .string(window.key),
        ])])
    }

    private func line(_ value: Value) -> [UInt8] {
        var output: [UInt8] = []
        JSONWriter.write(value, into: &output)
        output.append(0x0A)
        return output
    }
}
