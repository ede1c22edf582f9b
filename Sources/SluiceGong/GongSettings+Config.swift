import Foundation
import GongModel
import SluiceCore

extension GongSettings {
    /// Reads and checks a `gong.activity` block (its shape was checked against the option specs).
    /// - Throws: ``ConfigIssues`` with every semantic problem, paths pointing into the file.
    init(config: PluginConfig) throws(ConfigIssues) {
        var issues: [ConfigIssue] = []
        let baseURL = config.string("baseURL") ?? GongActivitySource.defaultBaseURL
        let auth: GongAuth? = config.object("auth").flatMap { auth in
            if let token = auth.string("bearerToken") { return .bearerToken(token) }
            guard let key = auth.string("accessKey"), let secret = auth.string("accessKeySecret") else { return nil }
            return .accessKey(key: key, secret: secret)
        }
        endpoint = .embedded(auth)
        if baseURL != GongActivitySource.embeddedBaseURL {
            switch (GongEndpointURL(baseURL), auth) {
            case let (url?, auth?):
                endpoint = .remote(url, auth)
            case (nil, _):
                issues.append(config.issue(.badValue, at: "baseURL", "'\(baseURL)' is not an http(s) URL with a host",
                                           hint: "for example https://api.gong.io, or \"embedded\""))
            case (_?, nil):
                issues.append(config.issue(.missingKey, at: "auth", "auth is required unless baseURL is \"embedded\"",
                                           hint: "{\"accessKey\": \"${GONG_ACCESS_KEY}\", \"accessKeySecret\": \"${GONG_ACCESS_KEY_SECRET}\"}"))
            }
        }
        zone = nil
        if let identifier = config.string("timeZone") {
            zone = CompanyZone(identifier: identifier)
            if zone == nil {
                issues.append(config.issue(
                    .badValue, at: "timeZone", "'\(identifier)' is not an IANA time zone",
                    hint: Suggestion.hint(for: identifier, among: TimeZone.knownTimeZoneIdentifiers)
                        ?? "for example America/Los_Angeles or Asia/Kolkata"))
            }
        }
        fromDate = config.date("fromDate") ?? CalendarDate(daysSinceEpoch: 0)
        toDate = config.date("toDate")
        userIds = config.strings("userIds") ?? []
        windowDays = config.int("windowDays") ?? 30
        lookbackDays = config.int("lookbackDays") ?? 7
        let rateLimit = config.object("rateLimit")
        perSecond = rateLimit?.double("perSecond") ?? 3
        perDay = rateLimit?.int("perDay") ?? 10_000
        concurrency = config.int("concurrency") ?? 3
        maxRetries = config.int("maxRetries") ?? 5
        maxRetryWait = config.double("maxRetryWait") ?? 300
        retryBaseDelay = config.double("retryBaseDelay") ?? 1
        connectTimeout = config.double("connectTimeout") ?? 10
        readTimeout = config.double("readTimeout") ?? 60
        callTimeout = config.double("callTimeout") ?? 300
        caBundle = config.filePath("caBundle")
        issues += checkDates(config)
        for (position, id) in userIds.enumerated() where !(1...20).contains(id.count) || !id.allSatisfy(\.isASCIIDigit) {
            issues.append(ConfigIssue(.badValue, at: JSONPath.join(JSONPath.join(config.path, "userIds"), position),
                                      "'\(id)' is not a Gong user id (1 to 20 digits)"))
        }
        if let caBundle, let problem = GongCABundle.problem(at: caBundle) {
            issues.append(config.issue(.badValue, at: "caBundle", problem,
                                       hint: "give the authority's certificates in PEM (-----BEGIN CERTIFICATE-----), as issued by the proxy's administrator"))
        }
        guard issues.isEmpty else { throw ConfigIssues(issues) }
    }

    private func checkDates(_ config: PluginConfig) -> [ConfigIssue] {
        let latest = latestEnd()
        let newest = zone.map { "today in \($0.identifier) (\(latest))" } ?? "the UTC date minus one day (\(latest))"
        if let toDate {
            if toDate <= fromDate {
                return [config.issue(.reversedRange, at: "toDate", "toDate \(toDate) is not after fromDate \(fromDate)",
                                     hint: "toDate is exclusive: the range \(fromDate)..\(fromDate.adding(days: 1)) reads one day")]
            }
            if toDate > latest {
                return [config.issue(.badValue, at: "toDate", "toDate \(toDate) is in the future: the newest end is \(newest)",
                                     hint: zone == nil ? "set timeZone to the company's zone, or omit toDate" : "omit toDate to read up to today")]
            }
        } else if fromDate >= latest {
            return [config.issue(.badValue, at: "fromDate", "fromDate \(fromDate) leaves nothing to read: the newest end is \(newest)")]
        }
        return []
    }
}

extension Character {
    /// `0` to `9`.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
