import CLibPQ

/// Owns one `PGresult` and clears it exactly once.
final class PostgresResult {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { PQclear(pointer) }

    var status: ExecStatusType { PQresultStatus(pointer) }

    /// The number of rows returned.
    var rowCount: Int { Int(PQntuples(pointer)) }

    /// The number of columns returned.
    var columnCount: Int { Int(PQnfields(pointer)) }

    /// The text of a cell; `nil` for SQL NULL.
    func value(row: Int, column: Int) -> String? {
        guard PQgetisnull(pointer, Int32(row), Int32(column)) == 0 else { return nil }
        return String(cString: PQgetvalue(pointer, Int32(row), Int32(column)))
    }

    /// An error field by its libpq code (`"C"` SQLSTATE, `"t"` table, `"c"` column...); `nil` when absent.
    func errorField(_ code: Unicode.Scalar) -> String? {
        PQresultErrorField(pointer, Int32(code.value)).map { String(cString: $0) }
    }
}
