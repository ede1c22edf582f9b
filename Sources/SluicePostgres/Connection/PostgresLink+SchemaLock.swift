extension PostgresLink {
    /// Takes a transaction-scoped advisory lock shared by every Sluice process before creating
    /// schemas or tables: PostgreSQL's `CREATE ... IF NOT EXISTS` can still fail with a unique
    /// violation when two sessions create the same object at once.
    func serializeSchemaChanges() throws {
        try execute("SELECT pg_advisory_xact_lock(hashtextextended('sluice: schema changes', 0))")
    }
}
