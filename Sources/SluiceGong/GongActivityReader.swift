import GongEmulator
import Logging
import SluiceCore

/// A `gong.activity` source opened for one run: one HTTP client, one pacer and one daily budget
/// shared by every window in flight (a 429 to one window slows them all down).
final class GongActivityReader: SourceReader {
    let settings: GongSettings
    let context: RunContext
    let transport: GongTransport
    let pacer: RequestPacer<ContinuousClock>
    let budget: DailyCallBudget
    let retry: RetryPolicy
    private let emulator: GongEmulator?

    private init(settings: GongSettings, context: RunContext, transport: GongTransport, emulator: GongEmulator?) {
        self.settings = settings
        self.context = context
        self.transport = transport
        self.emulator = emulator
        pacer = RequestPacer(perSecond: settings.perSecond, clock: ContinuousClock())
        budget = DailyCallBudget(store: context.state, name: settings.budgetName, perDay: settings.perDay, zone: settings.quotaZone)
        retry = RetryPolicy(maxRetries: settings.maxRetries, baseDelay: settings.retryBaseDelay, maxRetryWait: settings.maxRetryWait)
    }

    /// Opens the HTTP client, starting the embedded emulator first when configured.
    static func open(settings: GongSettings, context: RunContext) async throws -> GongActivityReader {
        if settings.zone == nil {
            context.logger.notice("gong.activity: no timeZone configured; the newest toDate is the UTC date minus one day",
                                  metadata: ["latestEnd": "\(settings.latestEnd())"])
        }
        switch settings.endpoint {
        case .remote(let endpoint, let auth):
            let transport = try GongTransport(endpoint: endpoint, auth: auth, settings: settings)
            return GongActivityReader(settings: settings, context: context, transport: transport, emulator: nil)
        case .embedded(let configuredAuth):
            let auth = configuredAuth ?? EmbeddedGong.demoAuth
            let emulator = GongEmulator(configuration: EmbeddedGong.configuration(zone: settings.quotaZone, auth: auth))
            try await emulator.start()
            do {
                let endpoint = GongEndpointURL(baseURL: emulator.baseURL, host: "\(emulator.configuration.host):\(emulator.port)")
                let transport = try GongTransport(endpoint: endpoint, auth: auth, settings: settings)
                context.logger.info("gong.activity: embedded Gong emulator with demo data", metadata: ["url": "\(emulator.baseURL)"])
                return GongActivityReader(settings: settings, context: context, transport: transport, emulator: emulator)
            } catch {
                try? await emulator.shutdown()
                throw error
            }
        }
    }

    /// Reads every page of `window`, decoding its users one at a time and emitting them in batches
    /// of at most ``batchBytes`` of Gong's answer (or ``batchRows`` users), each user checked
    /// against the window and the users before it.
    /// - Throws: ``SluiceError`` naming the window and page (and Gong's requestId when known).
    func read(_ window: Window, emit: @Sendable (RecordBatch) async throws -> Void) async throws {
        guard let days = window.days else {
            throw SluiceError(.gongBadRequest, "gong.activity reads dated windows only", context: [("window", window.key)])
        }
        var cursor: String?
        var paging = PagingGuard()
        var number = 0
        repeat {
            number += 1
            do {
                guard let answer = try await fetch(requestBody(days, cursor: cursor)) else {
                    return try paging.finish(afterPage: number, nothingMatched: true)
                }
                let page = try GongPage(answer: answer)
                // The page as a whole first: nothing of a page that cannot be right goes downstream.
                try paging.admit(page, number: number)
                var batch = RecordBatch(schema: GongActivitySource.recordSchema)
                var bytes = 0
                for position in page.users.indices {
                    let row = try page.row(position, days: days)
                    if case .string(let user) = row[0] { try paging.admit(user: user, onPage: number, of: page) }
                    batch.append(row)
                    bytes += page.users[position].count
                    if bytes >= Self.batchBytes || batch.count >= Self.batchRows {
                        try await emit(batch)
                        batch.removeAll()
                        bytes = 0
                    }
                }
                if batch.count > 0 { try await emit(batch) }
                context.metrics.update { $0.pages += 1 }
                context.logger.debug("gong.activity page", metadata: [
                    "window": "\(window.key)", "page": "\(number)", "users": "\(page.users.count)",
                ])
                cursor = page.cursor
                if cursor == nil { try paging.finish(afterPage: number, nothingMatched: false) }
            } catch let error as SluiceError {
                throw error.adding("page", String(number)).adding("window", window.key)
            }
        } while cursor != nil
    }

    /// The most bytes of Gong's answer decoded into one batch: a 365-day page of a hundred users
    /// (tens of megabytes) becomes many small batches, and memory does not grow with the window.
    static let batchBytes = 256 << 10
    /// The most users in one batch.
    static let batchRows = 500

    /// `{"filter": {"fromDate", "toDate", "userIds"?}, "cursor"?}`: the cursor in the body, never in the URL.
    private func requestBody(_ days: DateRange, cursor: String?) -> [UInt8] {
        var filter = ValueObject(["fromDate": .string(days.from.description), "toDate": .string(days.to.description)])
        if !settings.userIds.isEmpty { filter["userIds"] = .array(settings.userIds.map(Value.string)) }
        var body = ValueObject()
        if let cursor { body["cursor"] = .string(cursor) }
        body["filter"] = .object(filter)
        var bytes: [UInt8] = []
        JSONWriter.write(.object(body), into: &bytes)
        return bytes
    }

    /// Closes the HTTP client and stops the embedded emulator.
    func close() async throws {
        try await transport.shutdown()
        try await emulator?.shutdown()
    }
}
