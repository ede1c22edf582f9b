public import SluiceCore

extension PostgresConnectionSettings {
    /// The connection options shared by the postgres sink and the postgres state store.
    public static let options: [OptionSpec] = [
        OptionSpec("url", .string, secret: true,
                   "postgres:// URL or libpq key=value string; omitted: libpq's PG* environment variables."),
        OptionSpec("connectTimeout", .integer(1...3600), default: .int(10), "Seconds to wait for a connection."),
    ]

    /// The settings of a config block's `url` and `connectTimeout`.
    /// - Throws: ``ConfigIssue`` at `url` when it is neither a URL nor a `key=value` string (never echoing it).
    public init(config: PluginConfig) throws(ConfigIssue) {
        do {
            try self.init(conninfo: config.string("url"), connectTimeout: config.int("connectTimeout") ?? 10)
        } catch {
            throw config.issue(.badValue, at: "url", error.message, hint: error.hint)
        }
    }
}
