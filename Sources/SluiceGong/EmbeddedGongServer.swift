/// An API started by an ``EmbeddedGongHost`` for one run.
public struct EmbeddedGongServer: Sendable {
    /// `http://127.0.0.1:<port>`, say.
    public let baseURL: String
    /// `host:port`, for messages and the quota's name.
    public let host: String
    /// The credentials it accepts.
    public let auth: GongAuth
    /// Stops it.
    public let stop: @Sendable () async throws -> Void

    public init(baseURL: String, host: String, auth: GongAuth, stop: @escaping @Sendable () async throws -> Void) {
        self.baseURL = baseURL
        self.host = host
        self.auth = auth
        self.stop = stop
    }
}
