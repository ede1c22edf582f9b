public import SluiceCore

extension SluiceError.Code {
    /// The server rejected a statement or the data (constraint, type, permission); see the `sqlstate` context.
    public static let database = Self(rawValue: "database")
    /// No connection could be made, or it was lost mid-window; rerunning the window is safe.
    public static let databaseConnection = Self(rawValue: "database_connection")
    /// An existing table does not fit the data (incompatible column type, missing key constraint).
    public static let tableMismatch = Self(rawValue: "table_mismatch")
}

extension SluiceError.Code {
    /// Another session held a lock that a window or the table's setup needed for longer than the
    /// sink's `lockTimeout` (SQLSTATE 55P03, lock_not_available).
    public static let lockTimeout = Self(rawValue: "lock_timeout")
}
