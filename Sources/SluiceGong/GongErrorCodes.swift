public import SluiceCore

extension SluiceError.Code {
    /// Gong rejected the request as malformed (HTTP 400).
    public static let gongBadRequest = Self(rawValue: "gong_bad_request")
    /// Gong refused the credentials (HTTP 401 or 403).
    public static let gongAuth = Self(rawValue: "gong_auth")
    /// Gong answered 404 with something other than "nothing matched".
    public static let gongNotFound = Self(rawValue: "gong_not_found")
    /// Server errors, time-outs or dropped connections outlasted the retries.
    public static let gongUnavailable = Self(rawValue: "gong_unavailable")
    /// 429 answers outlasted the retries.
    public static let gongRateLimited = Self(rawValue: "gong_rate_limited")
    /// The day's call quota is spent, or Gong asked for a wait longer than the run may sleep.
    public static let gongQuota = Self(rawValue: "gong_quota")
    /// The server's TLS certificate is not trusted (or not valid for its host).
    public static let gongCertificate = Self(rawValue: "gong_certificate")
    /// Gong's answer is malformed or oddly typed (a count that is not a count, say).
    public static let gongBadResponse = Self(rawValue: "gong_bad_response")
    /// Gong's answer is well formed but contradicts the request or the window's other pages: a day
    /// outside the window or twice for one user, a user twice, a cursor that repeats, more pages than
    /// `totalRecords` allows. Never retried: reading the window again would load wrong data.
    public static let gongInconsistentAnswer = Self(rawValue: "gong_inconsistent_answer")
}
