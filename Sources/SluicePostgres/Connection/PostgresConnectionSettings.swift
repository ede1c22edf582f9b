import CLibPQ
import Foundation
public import SluiceCore

/// How to reach one PostgreSQL database: a `postgres://` URL, a libpq `key=value` string, or,
/// when neither is given, libpq's own `PG*` environment variables.
///
/// Every connection gets `application_name=sluice` and a `connect_timeout` (one written in
/// `conninfo` wins). The password is a secret: ``location``, the settings' descriptions and every
/// message built from libpq text leave it out.
public struct PostgresConnectionSettings: Sendable, Hashable {
    /// The URL or `key=value` string as configured (with its password); `nil` for libpq's environment.
    let conninfo: String?
    /// Seconds libpq waits for a connection before giving up.
    public let connectTimeout: Int
    /// `postgres://user@host:port/database`, without the password.
    public let location: String
    /// Texts that must never appear in a message (the password, raw and decoded).
    private let secrets: [String]

    /// Settings for `conninfo` (`nil`: libpq's `PG*` environment).
    /// - Throws: ``SluiceError`` when `conninfo` is neither a valid URL nor a valid `key=value` string.
    public init(conninfo: String?, connectTimeout: Int = 10) throws(SluiceError) {
        self.conninfo = conninfo
        self.connectTimeout = connectTimeout
        let options = try Self.parse(conninfo)
        let environment = ProcessInfo.processInfo.environment
        secrets = [options["password"], environment["PGPASSWORD"]].compactMap { $0 } + Self.rawPasswords(in: conninfo ?? "")
        func pick(_ key: String, _ variable: String, _ fallback: String) -> String {
            options[key] ?? environment[variable] ?? fallback
        }
        let user = pick("user", "PGUSER", environment["USER"] ?? "postgres")
        let host = pick("host", "PGHOST", "localhost")
        let port = pick("port", "PGPORT", "5432")
        location = "postgres://\(user)@\(host):\(port)/\(pick("dbname", "PGDATABASE", user))"
    }

    /// Settings are equal when they name the same database the same way (the same `conninfo`).
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.conninfo == rhs.conninfo
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(conninfo)
    }

    /// A message from libpq, trimmed, with every occurrence of the password replaced by `***`.
    func scrub(_ text: String) -> String {
        Self.scrub(text, hiding: secrets)
    }

    private static func scrub(_ text: String, hiding secrets: [String]) -> String {
        secrets.filter { !$0.isEmpty }.reduce(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            $0.replacingOccurrences(of: $1, with: "***")
        }
    }

    /// Opens a new connection (blocking: call it on a connection's own queue).
    /// - Throws: ``SluiceError`` (``SluiceError/Code/databaseConnection``) naming host, port, database and user.
    func connect() throws -> OpaquePointer {
        var keywords = ["connect_timeout"]
        var values = [String(connectTimeout)]
        if let conninfo {
            keywords.append("dbname")
            values.append(conninfo)
        }
        keywords.append("application_name")
        values.append("sluice")
        let pointer = CStringArray.with(keywords) { keywordPointers in
            CStringArray.with(values) { valuePointers in PQconnectdbParams(keywordPointers, valuePointers, 1) }
        }
        guard let pointer else {
            throw SluiceError(.databaseConnection, "cannot allocate a PostgreSQL connection", context: [("database", location)])
        }
        guard PQstatus(pointer) == CONNECTION_OK else {
            let message = scrub(libpqErrorMessage(pointer))
            let context = [
                ("host", String(cString: PQhost(pointer))), ("port", String(cString: PQport(pointer))),
                ("database", String(cString: PQdb(pointer))), ("user", String(cString: PQuser(pointer))),
            ]
            PQfinish(pointer)
            throw SluiceError(
                .databaseConnection, "cannot connect to PostgreSQL: \(message)", context: context,
                hint: "check the sink's url (or the PG* environment) and that the server is running", transient: true
            )
        }
        // Notices ("schema already exists, skipping") would go to stderr; they carry nothing to act on.
        PQsetNoticeReceiver(pointer, { _, _ in }, nil)
        watchClient(of: pointer)
        return pointer
    }

    /// Asks the server (14 and later) to check every two seconds, while a statement runs or waits
    /// for a lock, that this client is still there: the backend of a killed run then ends at once
    /// instead of staying queued behind a lock. Best effort: an older server keeps its ways.
    private func watchClient(of connection: OpaquePointer) {
        guard PQserverVersion(connection) >= 140_000 else { return }
        PQclear(PQexec(connection, "SET client_connection_check_interval = '2s'"))
    }

    /// The options written in `conninfo`, by libpq's own parser.
    private static func parse(_ conninfo: String?) throws(SluiceError) -> [String: String] {
        guard let conninfo else { return [:] }
        var errorPointer: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &errorPointer) else {
            let reason = errorPointer.map { String(cString: $0) } ?? "out of memory"
            PQfreemem(errorPointer)
            throw SluiceError(
                .databaseConnection, "the PostgreSQL url is invalid: \(scrub(reason, hiding: rawPasswords(in: conninfo)))",
                hint: "write postgres://user:password@host:port/database or 'host=... dbname=...'"
            )
        }
        defer { PQconninfoFree(options) }
        var found: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { found[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        return found
    }

    /// The password as written in a URL's user info or a `password=` pair, before any decoding.
    private static func rawPasswords(in conninfo: String) -> [String] {
        var found: [String] = []
        if let scheme = conninfo.range(of: "://") {
            let rest = conninfo[scheme.upperBound...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" }
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                found.append(String(authority[authority.index(after: colon)..<at]))
            }
        }
        for pair in conninfo.split(whereSeparator: { $0 == " " || $0 == "&" || $0 == "?" })
        where pair.hasPrefix("password=") {
            found.append(String(pair.dropFirst("password=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "'")))
        }
        return found.filter { !$0.isEmpty }
    }
}
