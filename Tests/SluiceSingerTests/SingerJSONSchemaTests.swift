import SluiceCore
import SluiceSinger
import Testing

/// The JSON Schema of a SCHEMA message, field type by field type.
@Suite struct SingerJSONSchemaTests {
    static let nullable: [(FieldType, Value)] = [
        (.text, .object(["type": .array([.string("null"), .string("string")])])),
        (.int, .object(["type": .array([.string("null"), .string("integer")])])),
        (.float, .object(["type": .array([.string("null"), .string("number")])])),
        (.bool, .object(["type": .array([.string("null"), .string("boolean")])])),
        (.date, .object(["type": .array([.string("null"), .string("string")]), "format": .string("date")])),
        (.timestamptz, .object(["type": .array([.string("null"), .string("string")]), "format": .string("date-time")])),
        (.textArray, .object(["type": .array([.string("null"), .string("array")]), "items": .object(["type": .string("string")])])),
        (.json, .object([:])),
    ]

    @Test(arguments: nullable)
    func everyFieldTypeMapsToItsJSONSchema(type: FieldType, expected: Value) {
        let schema = SingerJSONSchema.of(Schema([Field("k", .text), Field("f", type)]), keyProperties: ["k"])
        #expect(schema["properties"]?["f"] == expected)
        #expect(schema["type"] == .string("object"))
    }

    @Test func keyPropertiesAreNotNullable() {
        let schema = SingerJSONSchema.of(Schema([Field("user_id", .text), Field("day", .date)]), keyProperties: ["user_id", "day"])
        #expect(schema["properties"]?["user_id"] == .object(["type": .string("string")]))
        #expect(schema["properties"]?["day"] == .object(["type": .string("string"), "format": .string("date")]))
    }
}
