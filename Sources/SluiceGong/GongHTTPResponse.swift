/// One HTTP answer, body read completely.
struct GongHTTPResponse: Sendable {
    let status: Int
    /// `Retry-After` in seconds from when it was read, when present and readable.
    let retryAfter: Double?
    let body: GongAnswer
}
