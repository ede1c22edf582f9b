import Foundation
import GongModel
import Logging
import SluiceCore

extension GongActivityReader {
    /// Gong's way of saying that nothing matched: an empty window, not an error.
    static let nothingMatched = "found corresponding to the provided filters"

    /// What one call came to.
    private enum Attempt {
        /// The body of a page, or `nil` when nothing matched.
        case answered(GongAnswer?)
        /// Worth another try after `wait` seconds; `failure` is the error if none is left.
        case retry(wait: Double, failure: SluiceError)
    }

    /// One page's answer body, after pacing, budgeting and retries; `nil` when Gong says nothing matched.
    /// - Throws: ``SluiceError`` for answers that retrying cannot fix, or when the retries run out.
    func fetch(_ body: [UInt8]) async throws -> GongAnswer? {
        var attempt = 0
        while true {
            let slot = try await pacer.acquire()
            let reservation = try await budget.reserve()
            if Task.isCancelled {
                // Stopped before anything was sent.
                _ = try? await giveBack(reservation)
                throw CancellationError()
            }
            switch try await call(body, attempt: attempt, reservation: reservation, slot: slot) {
            case .answered(let page):
                return page
            case .retry(let wait, let failure):
                guard attempt < retry.maxRetries else {
                    throw SluiceError(failure.code, failure.message + " after \(attempt + 1) attempts",
                                      context: failure.context, hint: failure.hint)
                }
                attempt += 1
                context.metrics.update { $0.retries += 1 }
                // A 429's wait is the pacer's, for every call (logged with it).
                var metadata: Logger.Metadata = ["reason": "\(failure.message)", "attempt": "\(attempt)"]
                if wait > 0 { metadata["waitSeconds"] = "\(wait)" }
                context.logger.warning("gong.activity: retrying", metadata: metadata)
                try await Task.sleep(for: .seconds(wait))
            }
        }
    }

    private func call(
        _ body: [UInt8], attempt: Int, reservation: DailyCallBudget.Reservation, slot: PacingSchedule<ContinuousClock.Instant>.Slot
    ) async throws -> Attempt {
        let response: GongHTTPResponse
        do {
            response = try await transport.post(body)
        } catch is CancellationError {
            throw CancellationError()
        } catch let refused as GongCertificateRefused {
            // The handshake failed: no request left.
            _ = try? await giveBack(reservation)
            throw SluiceError(
                .gongCertificate, "the TLS certificate of \(transport.endpoint.host) was refused (\(refused.reason))",
                context: [("host", transport.endpoint.host)],
                hint: "verification is always on; if a company proxy or gateway signs the traffic with its own authority,"
                    + " give that authority's PEM file in caBundle, otherwise check baseURL")
        } catch {
            // A call that never reached Gong costs nothing of the day's quota.
            let reached = !(error is GongUnreachable)
            let remaining = reached ? reservation.remaining : try await giveBack(reservation)
            count(reached: reached, remaining: remaining)
            let message = error is GongCallTimedOut || !reached ? "\(error)" : "the connection to Gong failed: \(error)"
            return .retry(wait: retry.backoff(attempt: attempt), failure: SluiceError(
                .gongUnavailable, message, context: [("host", transport.endpoint.host)],
                hint: "check the network and baseURL; connectTimeout, readTimeout and callTimeout bound each call"))
        }
        count(reached: true, remaining: reservation.remaining)
        switch response.status {
        case 200..<300:
            await pacer.answered()
            return .answered(response.body)
        case 429:
            context.metrics.update { $0.throttled += 1 }
            let wait = response.retryAfter ?? retry.backoff(attempt: attempt)
            if wait > retry.maxRetryWait { throw waitTooLong(wait) }
            // Every window waits, not only this call; the pacer holds this one's retry too.
            let rate = await pacer.throttled(slot, pause: .seconds(wait))
            context.logger.notice("gong.activity: Gong answered 429; every call waits, then the pace slows down", metadata: [
                "waitSeconds": "\(wait)", "callsPerSecond": "\((rate * 100).rounded() / 100)",
            ])
            return .retry(wait: 0, failure: gongError(
                .gongRateLimited, response, "Gong kept answering 429 (rate limit exceeded)",
                hint: "another integration may be spending the company's quota; lower rateLimit.perSecond"))
        case 500, 502, 503, 504:
            return .retry(wait: retry.backoff(attempt: attempt), failure: gongError(.gongUnavailable, response, "Gong kept failing"))
        case 404 where GongErrorBody(response.body.head).messages.contains(where: { $0.contains(Self.nothingMatched) }):
            await pacer.answered()
            return .answered(nil)
        default:
            throw definiteError(response)
        }
    }

    /// Gives back to the day's budget a call that never reached Gong, from a task of its own: the
    /// run may be stopping, and a cancelled task does not reach a PostgreSQL state store.
    /// - Returns: the calls left on the reservation's day.
    private func giveBack(_ reservation: DailyCallBudget.Reservation) async throws -> Int {
        let budget = budget
        return try await Task { try await budget.refund(reservation) }.value
    }

    /// Counts a call in the run's figures when it reached Gong, and the calls left today.
    private func count(reached: Bool, remaining: Int) {
        context.metrics.update {
            if reached { $0.apiCalls += 1 }
            $0.quotaRemaining = remaining
        }
    }

    /// The error of an answer that retrying cannot fix: 400, 401/403, a 404 other than "nothing matched", others.
    private func definiteError(_ response: GongHTTPResponse) -> SluiceError {
        let host = transport.endpoint.host
        switch response.status {
        case 400:
            return gongError(.gongBadRequest, response, "Gong rejected the request as malformed")
        case 401, 403:
            let auth = transport.authDescription
            let hint = "OAuth tokens only work against the customer's own host (api_base_url_for_customer in the token response,"
                + " e.g. https://company-17.api.gong.io); access keys work against https://api.gong.io or the company's host."
                + (response.status == 403 ? " A 403 may also mean the token lacks the scope api:stats:user-actions:detailed." : "")
            return gongError(.gongAuth, response, "Gong refused the \(auth) for \(host)", hint: hint)
        case 404:
            return gongError(.gongNotFound, response, "Gong answered 404 for \(GongDayByDayEndpoint.path)")
        default:
            return gongError(.gongBadResponse, response, "Gong answered with an unexpected status")
        }
    }

    /// An error carrying Gong's status, messages and requestId.
    private func gongError(_ code: SluiceError.Code, _ response: GongHTTPResponse, _ message: String, hint: String? = nil)
        -> SluiceError
    {
        let details = GongErrorBody(response.body.head)
        var context: [(label: String, value: String)] = [("host", transport.endpoint.host), ("status", String(response.status))]
        if let requestId = details.requestId { context.append(("requestId", requestId)) }
        // A proxy's page may repeat the request's headers: hide the credentials, by value and by shape.
        let said = details.messages.isEmpty ? "" : ": " + transport.redactor.scrub(details.messages.joined(separator: "; "))
        return SluiceError(code, message + " (HTTP \(response.status))" + said, context: context, hint: hint)
    }

    /// A 429 whose `Retry-After` is longer than the run may sleep: stop cleanly, say when to resume.
    /// `seconds` is at most ``RetryAfterHeader/maxSeconds``, so the arithmetic below cannot overflow.
    private func waitTooLong(_ seconds: Double) -> SluiceError {
        let wait = Int64(seconds.rounded(.up))
        let resume = Timestamp(epochSeconds: Int64(Date().timeIntervalSince1970.rounded(.up)) + wait)
        let capped = seconds >= RetryAfterHeader.maxSeconds
            ? " or more (a longer Retry-After is read as \(Int64(RetryAfterHeader.maxSeconds)) s)" : ""
        return SluiceError(
            .gongQuota, "Gong asks to wait \(wait) s\(capped) before the next call (HTTP 429),"
                + " longer than maxRetryWait (\(Int(retry.maxRetryWait)) s)",
            context: [("host", transport.endpoint.host), ("resumeAt", resume.description)],
            hint: "the company's quota is probably spent; rerun after \(resume) to resume", outcome: .quotaExhausted)
    }
}
