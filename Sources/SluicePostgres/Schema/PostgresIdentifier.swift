/// What PostgreSQL accepts as a name, checked before any statement: it silently keeps only the
/// first 63 bytes of a longer one, so two names that differ after those bytes would be one table
/// or one column, and it cannot store a NUL at all.
enum PostgresIdentifier {
    /// PostgreSQL's `NAMEDATALEN` less one.
    static let maximumBytes = 63

    /// Why `name` cannot be used as written, or `nil` when it can.
    static func problem(_ name: String) -> String? {
        if name.utf8.contains(0) { return "a name cannot hold a NUL character" }
        let bytes = name.utf8.count
        guard bytes > maximumBytes else { return nil }
        let kept = String(decoding: name.utf8.prefix(maximumBytes), as: UTF8.self)
        return "'\(name)' is \(bytes) bytes long; PostgreSQL keeps \(maximumBytes), so it would become '\(kept)'"
    }
}
