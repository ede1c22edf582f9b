import Foundation
import GongModel
import SluiceCore
import Synchronization

/// The emulator's behaviour, independent of the network: authentication, rate limits, faults,
/// validation and paging. One instance serves every connection of an emulator.
final class GongEmulatorEngine: Sendable {
    static let nothingFound = "No users found corresponding to the provided filters"

    let configuration: GongEmulatorConfiguration
    let dataset: GongDataset
    let hash: SeededHash
    private let state = Mutex(State())

    private struct State {
        var counters = GongEmulatorCounters()
        var faults: [GongEmulatorFault] = []
        var recentCalls: [ContinuousClock.Instant] = []
        var callsPerDay: [CalendarDate: Int] = [:]
    }

    init(configuration: GongEmulatorConfiguration) {
        self.configuration = configuration
        dataset = GongDataset(seed: configuration.seed, userCount: configuration.users, zone: configuration.timeZone)
        hash = SeededHash(seed: configuration.seed)
    }

    var counters: GongEmulatorCounters { state.withLock { $0.counters } }

    func inject(_ faults: [GongEmulatorFault]) {
        state.withLock { $0.faults += faults }
    }

    /// The emulator's whole answer to one request, counted.
    func handle(_ request: EmulatorRequest) -> EmulatorReply {
        let range = request.path == GongDayByDayEndpoint.path ? requestedRange(request.body) : nil
        let number = state.withLock { state in
            state.counters.requests += 1
            state.counters.requestsByPath[request.path, default: 0] += 1
            if let range { state.counters.requestsByRange[range, default: 0] += 1 }
            return state.counters.requests
        }
        var reply = answer(request, number: number)
        reply.delayMilliseconds = configuration.latencyMilliseconds
        state.withLock { state in
            switch reply.delivery {
            case .dropped: state.counters.dropped += 1
            case .truncated: state.counters.truncated += 1
            case .complete, .trickled: break
            }
            if reply.delivery != .dropped { state.counters.responsesByStatus[reply.status, default: 0] += 1 }
            if reply.status == 429 { state.counters.rateLimited += 1 }
        }
        return reply
    }

    private func answer(_ request: EmulatorRequest, number: Int) -> EmulatorReply {
        let requestId = self.requestId(number)
        guard request.path == GongDayByDayEndpoint.path else {
            return errorReply(404, ["No endpoint at \(request.path)"], requestId: requestId)
        }
        guard request.method == "POST" else {
            return errorReply(405, ["Method \(request.method) is not allowed; use POST"], requestId: requestId)
        }
        guard isAuthorized(request.authorization) else {
            return errorReply(401, ["Unauthorized: invalid or missing credentials"], requestId: requestId)
        }
        if let fault = state.withLock({ $0.faults.isEmpty ? nil : $0.faults.removeFirst() }) {
            return reply(for: fault, request: request, number: number, requestId: requestId)
        }
        if let limited = rateLimit(requestId: requestId) { return limited }
        if hash.fraction(number, 101) < configuration.dropRate { return .dropped }
        if hash.fraction(number, 102) < configuration.errorRate {
            return errorReply(500, ["Internal server error"], requestId: requestId)
        }
        var reply = respond(to: request.body, requestId: requestId)
        if hash.fraction(number, 103) < configuration.truncateRate { reply.delivery = .truncated }
        return reply
    }

    private func isAuthorized(_ header: String?) -> Bool {
        guard let header else { return false }
        let basic = Data("\(configuration.accessKey):\(configuration.accessKeySecret)".utf8).base64EncodedString()
        return header == "Basic \(basic)" || header == "Bearer \(configuration.bearerToken)"
    }

    /// A 429 when the call would exceed the per-second or per-day limit; otherwise counts the call.
    private func rateLimit(requestId: String) -> EmulatorReply? {
        let now = ContinuousClock.now
        let today = configuration.currentDay()
        let retryAfter: Int? = state.withLock { state in
            state.recentCalls.removeAll { now - $0 >= .seconds(1) }
            if let perDay = configuration.ratePerDay, state.callsPerDay[today, default: 0] >= perDay {
                return configuration.timeZone.secondsUntilNextDay(from: Date())
            }
            if let perSecond = configuration.ratePerSecond, state.recentCalls.count >= perSecond {
                return 1
            }
            state.recentCalls.append(now)
            state.callsPerDay[today, default: 0] += 1
            return nil
        }
        return retryAfter.map { rateLimitedReply(retryAfter: String($0), requestId: requestId) }
    }

    /// A 429 with `Retry-After: retryAfter` (left out when `nil` or when the configuration omits it).
    func rateLimitedReply(retryAfter: String?, requestId: String) -> EmulatorReply {
        var reply = errorReply(429, ["API request limit exceeded"], requestId: requestId)
        if let retryAfter, !configuration.omitRetryAfter { reply.headers.append(("Retry-After", retryAfter)) }
        return reply
    }

    /// A Gong-style error: `{"requestId": ..., "errors": [...]}`.
    func errorReply(_ status: Int, _ errors: [String], requestId: String) -> EmulatorReply {
        let body = Value.object(ValueObject([
            "requestId": .string(requestId),
            "errors": .array(errors.map(Value.string)),
        ]))
        return jsonReply(status, body)
    }

    func jsonReply(_ status: Int, _ body: Value) -> EmulatorReply {
        var bytes: [UInt8] = []
        JSONWriter.write(body, into: &bytes)
        return EmulatorReply(status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: bytes)
    }

    /// A Gong-looking request id (19 lower-case letters and digits), fixed by the seed and the call's number.
    private func requestId(_ number: Int) -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        return String((0..<19).map { alphabet[Int(hash.value(number, 104, $0) % 36)] })
    }
}
