import CLibPQ
import SluiceCore

/// The synchronous libpq calls on one live connection.
///
/// A link is handed to code running on its connection's queue and must not leave it.
struct PostgresLink {
    let pointer: OpaquePointer
    let settings: PostgresConnectionSettings

    /// Whether libpq considers the connection lost.
    var isBroken: Bool { PQstatus(pointer) == CONNECTION_BAD }

    /// Runs one statement with text parameters (`$1`, `$2`...; `nil` is SQL NULL).
    /// - Throws: ``SluiceError`` with the SQLSTATE, table and column of the failure.
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = []) throws -> PostgresResult {
        let raw = CStringArray.with(parameters) { values in
            PQexecParams(pointer, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        let result = try wrap(raw)
        switch result.status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN: return result
        default: throw failure(result)
        }
    }

    /// Sends `count` bytes of COPY data from `bytes`.
    func putCopyData(_ bytes: UnsafePointer<UInt8>, count: Int) throws {
        guard count > 0 else { return }
        let sent = bytes.withMemoryRebound(to: CChar.self, capacity: count) { PQputCopyData(pointer, $0, Int32(count)) }
        guard sent == 1 else { throw pendingFailure() }
    }

    /// Ends a COPY and drains its results, so that errors in the data surface here.
    /// - Parameter abort: a reason to cancel the COPY with, or `nil` to finish it.
    func endCopy(abort reason: String? = nil) throws {
        guard PQputCopyEnd(pointer, reason) == 1 else { throw pendingFailure() }
        if let error = drainResults(), reason == nil { throw error }
    }

    /// Opens a transaction whose statements wait at most `lockTimeout` seconds for a lock held by
    /// another session (SQLSTATE 55P03 after that); `nil` keeps the server's setting.
    func begin(lockTimeout: Int? = nil) throws {
        try execute("BEGIN")
        guard let lockTimeout else { return }
        do {
            try execute("SELECT set_config('lock_timeout', $1, true)", ["\(lockTimeout)s"])
        } catch {
            rollback()
            throw error
        }
    }

    /// Runs `body` in a transaction (see ``begin(lockTimeout:)``): committed when it returns,
    /// rolled back when it throws.
    func transaction<T>(lockTimeout: Int? = nil, _ body: () throws -> T) throws -> T {
        try begin(lockTimeout: lockTimeout)
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            rollback()
            throw error
        }
    }

    /// Rolls back the open transaction, if any; a lost connection has nothing left to roll back.
    func rollback() {
        guard !isBroken, PQtransactionStatus(pointer) != PQTRANS_IDLE else { return }
        _ = try? execute("ROLLBACK")
    }

    /// Reads every pending result; returns the error of the first failed one.
    private func drainResults() -> SluiceError? {
        var firstError: SluiceError?
        while let raw = PQgetResult(pointer) {
            let result = PostgresResult(raw)
            if result.status != PGRES_COMMAND_OK, firstError == nil { firstError = failure(result) }
        }
        return firstError
    }

    /// The error behind a failed send: the server's, when it already answered (a COPY rejected
    /// mid-stream), else the connection's.
    private func pendingFailure() -> SluiceError {
        if isBroken { return failure(nil) }
        return drainResults() ?? failure(nil)
    }

    private func wrap(_ raw: OpaquePointer?) throws -> PostgresResult {
        guard let raw else { throw failure(nil) }
        return PostgresResult(raw)
    }

    /// The error of a failed call: from `result` when the server sent one, else from the connection.
    func failure(_ result: PostgresResult?) -> SluiceError {
        let sqlstate = result?.errorField("C")
        let primary = result?.errorField("M") ?? libpqErrorMessage(pointer)
        let message = settings.scrub(primary)
        if isBroken || sqlstate.map(Self.isConnectionState) ?? (result == nil) {
            return SluiceError(
                .databaseConnection, "lost the connection to PostgreSQL: \(message)",
                context: [("database", settings.location)] + (sqlstate.map { [("sqlstate", $0)] } ?? []),
                hint: "the window was rolled back; rerun it", transient: true
            )
        }
        let fields: [(String, Unicode.Scalar)] = [
            ("sqlstate", "C"), ("schema", "s"), ("table", "t"), ("column", "c"), ("constraint", "n"),
            ("datatype", "d"), ("detail", "D"), ("where", "W"),
        ]
        let context = fields.compactMap { label, code in
            result?.errorField(code).map { (label, settings.scrub($0)) }
        }
        return SluiceError(.database, "PostgreSQL: \(message)", context: context, hint: result?.errorField("H"))
    }

    /// SQLSTATE class 08 (connection exception) and the server shutting down (57P01-57P03).
    private static func isConnectionState(_ sqlstate: String) -> Bool {
        sqlstate.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlstate)
    }
}
