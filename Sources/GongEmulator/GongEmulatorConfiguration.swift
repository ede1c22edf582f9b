public import GongModel
public import SluiceCore

/// How a ``GongEmulator`` behaves. Every property maps to one `sluice emulate gong` option.
public struct GongEmulatorConfiguration: Sendable {
    /// The address to listen on (`127.0.0.1`).
    public var host: String
    /// The port to listen on; 0 picks a free one (`--port`).
    public var port: Int
    /// How many users the company has (`--users`).
    public var users: Int
    /// The seed of the data and of the random faults (`--seed`).
    public var seed: UInt64
    /// Users per page (`--page-size`).
    public var pageSize: Int
    /// The company's IANA zone (`--time-zone`).
    public var timeZone: CompanyZone
    /// The accepted `Basic` credentials.
    public var accessKey: String
    /// The secret that goes with ``accessKey``.
    public var accessKeySecret: String
    /// The accepted `Bearer` token.
    public var bearerToken: String
    /// Send ids as bare JSON numbers instead of strings (`--ids-as-numbers`).
    public var idsAsNumbers: Bool
    /// Leave out lists without calls instead of sending `[]` (`--omit-empty-lists`).
    public var omitEmptyLists: Bool
    /// Calls allowed in any one second; `nil` for no limit (`--rate-per-second`).
    public var ratePerSecond: Int?
    /// Calls allowed per day of the company's zone; `nil` for no limit (`--rate-per-day`).
    public var ratePerDay: Int?
    /// Leave out `Retry-After` on 429 answers.
    public var omitRetryAfter: Bool
    /// Share of calls answered with a 500, 0 to 1 (`--error-rate`).
    public var errorRate: Double
    /// Delay before every answer, in milliseconds (`--latency-ms`).
    public var latencyMilliseconds: Int
    /// Share of answers cut off in the middle of the body (`--truncate-rate`).
    public var truncateRate: Double
    /// Share of calls whose connection is closed without an answer (`--drop-rate`).
    public var dropRate: Double
    /// "Today" in the company's zone; `nil` for the real date (tests pin it).
    public var today: CalendarDate?
    /// Serve HTTPS with this certificate instead of plain HTTP.
    public var tls: GongEmulatorTLS?

    /// A configuration; every parameter has the emulator's default.
    public init(
        host: String = "127.0.0.1", port: Int = 0, users: Int = 50, seed: UInt64 = 1, pageSize: Int = 100,
        timeZone: CompanyZone = .utc, accessKey: String = "emulator-access-key",
        accessKeySecret: String = "emulator-access-key-secret", bearerToken: String = "emulator-bearer-token",
        idsAsNumbers: Bool = false, omitEmptyLists: Bool = false, ratePerSecond: Int? = nil, ratePerDay: Int? = nil,
        omitRetryAfter: Bool = false, errorRate: Double = 0, latencyMilliseconds: Int = 0, truncateRate: Double = 0,
        dropRate: Double = 0, today: CalendarDate? = nil, tls: GongEmulatorTLS? = nil
    ) {
        self.host = host
        self.port = port
        self.users = users
        self.seed = seed
        self.pageSize = max(1, pageSize)
        self.timeZone = timeZone
        self.accessKey = accessKey
        self.accessKeySecret = accessKeySecret
        self.bearerToken = bearerToken
        self.idsAsNumbers = idsAsNumbers
        self.omitEmptyLists = omitEmptyLists
        self.ratePerSecond = ratePerSecond
        self.ratePerDay = ratePerDay
        self.omitRetryAfter = omitRetryAfter
        self.errorRate = errorRate
        self.latencyMilliseconds = latencyMilliseconds
        self.truncateRate = truncateRate
        self.dropRate = dropRate
        self.today = today
        self.tls = tls
    }

    /// The emulator's "today": the pinned date, else the real one in ``timeZone``.
    public func currentDay() -> CalendarDate { today ?? timeZone.today() }
}
