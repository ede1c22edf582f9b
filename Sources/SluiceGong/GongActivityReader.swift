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

    /// Reads every page of `window`, emitting one batch per page once it is checked against the
    /// window and the pages before it.
    /// - Throws: ``SluiceError`` naming the window and page (and Gong's requestId when known).
    func read(_ window: Window, emit: @Sendable (RecordBatch) async throws -> Void) async throws {
        guard let days = window.days else {
            throw SluiceError(.gongBadRequest, "gong.activity reads dated windows only", context: [("window", window.key)])
        }
        var cursor: String?
        var paging = PagingGuard()
        var page = 0
        repeat {
            page += 1
            let decoded: GongPage
            do {
                guard let body = try await fetch(requestBody(days, cursor: cursor)) else { return }
                decoded = try GongPage(body: body, days: days)
                try paging.admit(decoded, number: page)
            } catch let error as SluiceError {
                throw error.adding("page", String(page)).adding("window", window.key)
            }
            context.metrics.update { $0.pages += 1 }
            context.logger.debug("gong.activity page", metadata: [
                "window": "\(window.key)", "page": "\(page)", "users": "\(decoded.rows.count)",
            ])
            if !decoded.rows.isEmpty { try await emit(RecordBatch(schema: GongActivitySource.recordSchema, rows: decoded.rows)) }
            cursor = decoded.cursor
        } while cursor != nil
    }

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
