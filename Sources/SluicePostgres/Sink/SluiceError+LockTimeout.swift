import SluiceCore

extension SluiceError {
    /// This error as a ``SluiceError/Code/lockTimeout`` naming `table` when the server gave up
    /// waiting for a lock (SQLSTATE 55P03); any other error unchanged.
    func namingLockedTable(_ table: QualifiedName, waited seconds: Int) -> SluiceError {
        guard context("sqlstate") == "55P03" else { return self }
        return SluiceError(
            .lockTimeout, "another session held a lock on \(table) (or one its load needs) for more than \(seconds) s",
            context: [("table", table.description)] + context.filter { $0.label != "table" },
            hint: "find it with SELECT pid, state, query FROM pg_stat_activity WHERE pid = ANY (SELECT unnest(pg_blocking_pids(pid))"
                + " FROM pg_stat_activity WHERE application_name = 'sluice'); or raise the sink's lockTimeout"
        )
    }
}
