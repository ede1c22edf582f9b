import GongModel
import SluiceCore

/// The runtime settings of a `gong.activity` source, validated.
struct GongSettings: Sendable {
    /// Where the API is, and the credentials for it.
    enum Endpoint: Sendable, Hashable {
        /// Gong (or anything speaking its API) under a base URL such as `https://api.gong.io`.
        case remote(GongEndpointURL, GongAuth)
        /// An API started when the reader opens, by the ``EmbeddedGongHost`` of the run; demo credentials unless given.
        case embedded(GongAuth?)
    }

    var endpoint: Endpoint
    var fromDate: CalendarDate
    /// Exclusive; `nil` means today in the company's zone.
    var toDate: CalendarDate?
    /// The company's zone; `nil` when not configured (dates then end at the UTC date minus one day).
    var zone: CompanyZone?
    var userIds: [String]
    var windowDays: Int
    var lookbackDays: Int
    var perSecond: Double
    var perDay: Int
    var concurrency: Int
    var maxRetries: Int
    /// The longest wait, in seconds, the source sleeps for a 429 before stopping with `.quotaExhausted`.
    var maxRetryWait: Double
    /// The first back-off, in seconds; each retry doubles it (with jitter).
    var retryBaseDelay: Double
    var connectTimeout: Double
    var readTimeout: Double
    /// The longest a whole call may take, in seconds, from connecting to the answer's last byte.
    var callTimeout: Double
    /// An extra CA file (PEM) trusted besides the system's roots.
    var caBundle: String?

    /// The newest exclusive end the API accepts now: today in the zone, or the UTC date minus one day.
    func latestEnd() -> CalendarDate {
        zone?.today() ?? CompanyZone.utc.today().adding(days: -1)
    }

    /// The zone whose days the call quota is counted in.
    var quotaZone: CompanyZone { zone ?? .utc }
}
