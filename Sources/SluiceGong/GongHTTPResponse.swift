/// One HTTP answer, body read completely.
struct GongHTTPResponse: Sendable {
    let status: Int
    /// `Retry-After` in seconds, when present and numeric.
    let retryAfter: Double?
    let body: [UInt8]
}
