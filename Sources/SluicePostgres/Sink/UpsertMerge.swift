import SluiceCore

/// The end of an upsert window: moving the staged rows into the table.
///
/// The first load of a window (every key new and staged once: the bulk of a backfill) needs no
/// conflict handling, and a plain `INSERT ... SELECT` does it at about the speed of a `COPY`.
/// When a key is already in the table, or staged twice, that insert fails with a unique
/// violation; it is undone to a savepoint and the rows are merged instead: the last staged row
/// of each key, sorted by key, through `INSERT ... ON CONFLICT`, so no key is reached twice.
struct UpsertMerge: Sendable {
    /// The insert of every staged row as it is.
    let insertAll: String
    /// The statements that insert or update with the last staged row of each key; the last one
    /// answers the number of keys.
    let mergeLastPerKey: [String]

    /// SQLSTATE `unique_violation`.
    private static let uniqueViolation = "23505"

    /// Runs the merge inside the window's open transaction.
    /// - Parameter insertFirst: whether to try the plain insert first. A plain insert that fails
    ///   late in the window has cost its writes for nothing, so a session stops trying once a
    ///   window needed the merge: its next windows most likely overlap the table too (a rerun).
    /// - Returns: the number of distinct keys staged when the window needed the merge, `nil` when
    ///   the plain insert did it (every staged row then has a key of its own).
    /// - Throws: ``SluiceError`` from the server.
    func run(on link: PostgresLink, insertFirst: Bool) throws -> Int? {
        if insertFirst {
            try link.execute("SAVEPOINT sluice_merge")
            do {
                try link.execute(insertAll)
                try link.execute("RELEASE SAVEPOINT sluice_merge")
                return nil
            } catch let error as SluiceError where error.context("sqlstate") == Self.uniqueViolation {
                try link.execute("ROLLBACK TO SAVEPOINT sluice_merge")
            }
        }
        var keys = 0
        for statement in mergeLastPerKey {
            let result = try link.execute(statement)
            keys = result.rowCount == 1 ? Int(result.value(row: 0, column: 0) ?? "") ?? 0 : keys
        }
        return keys
    }
}
