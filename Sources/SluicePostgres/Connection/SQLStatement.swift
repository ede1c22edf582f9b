/// One SQL statement with its text parameters (`$1`, `$2`...; `nil` is SQL NULL).
struct SQLStatement: Sendable {
    let sql: String
    let parameters: [String?]

    init(_ sql: String, _ parameters: [String?] = []) {
        self.sql = sql
        self.parameters = parameters
    }
}
