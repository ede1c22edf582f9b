import ArgumentParser
import GongEmulator
import GongModel
import SluiceCore

/// `sluice emulate gong`: a local Gong API for tests, demos and benchmarks.
struct EmulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulate", abstract: "Run a local emulator of an API.", subcommands: [Gong.self]
    )

    struct Gong: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A local Gong API (POST /v2/stats/activity/day-by-day) with deterministic data, limits and faults."
        )

        @Option(help: "Port on 127.0.0.1; 0 picks a free one.")
        var port = 8080
        @Option(help: "Users of the company.")
        var users = 50
        @Option(help: "Seed of the data and of the faults.")
        var seed: UInt64 = 1
        @Option(help: "Users per page.")
        var pageSize = 100
        @Option(help: "The company's IANA time zone.")
        var timeZone = "UTC"
        @Option(help: "The accepted access key (Basic auth).")
        var accessKey = "emulator-access-key"
        @Option(help: "The accepted access key secret (Basic auth).")
        var accessKeySecret = "emulator-access-key-secret"
        @Option(help: "The accepted bearer token.")
        var bearerToken = "emulator-bearer-token"
        @Flag(help: "Send ids as bare JSON numbers.")
        var idsAsNumbers = false
        @Flag(help: "Leave out lists without calls.")
        var omitEmptyLists = false
        @Option(help: "Calls allowed per second (429 beyond).")
        var ratePerSecond: Int?
        @Option(help: "Calls allowed per day of the company's zone (429 beyond).")
        var ratePerDay: Int?
        @Flag(help: "Leave out Retry-After on 429 answers.")
        var omitRetryAfter = false
        @Option(help: "Share of calls answered with a 500 (0 to 1).")
        var errorRate = 0.0
        @Option(help: "Delay before every answer, in milliseconds.")
        var latencyMs = 0
        @Option(help: "Share of answers cut off in the middle of the body (0 to 1).")
        var truncateRate = 0.0
        @Option(help: "Share of calls whose connection is closed without an answer (0 to 1).")
        var dropRate = 0.0

        func validate() throws {
            guard CompanyZone(identifier: timeZone) != nil else { throw ValidationError("unknown time zone '\(timeZone)'") }
            try CommandLineLimit.check("--port", port, within: 0...65_535)
            try CommandLineLimit.check("--users", users, within: 0...1_000_000)
            try CommandLineLimit.check("--page-size", pageSize, within: 1...100_000)
            try CommandLineLimit.check("--latency-ms", latencyMs, within: 0...600_000)
            try CommandLineLimit.check("--rate-per-second", ratePerSecond, within: 1...1_000_000)
            try CommandLineLimit.check("--rate-per-day", ratePerDay, within: 1...100_000_000)
            for (name, rate) in [("error-rate", errorRate), ("truncate-rate", truncateRate), ("drop-rate", dropRate)]
            where !(0...1).contains(rate) {
                throw ValidationError("--\(name) must be between 0 and 1")
            }
        }

        func run() async throws {
            let emulator = GongEmulator(configuration: GongEmulatorConfiguration(
                port: port, users: users, seed: seed, pageSize: pageSize, timeZone: CompanyZone(identifier: timeZone) ?? .utc,
                accessKey: accessKey, accessKeySecret: accessKeySecret, bearerToken: bearerToken, idsAsNumbers: idsAsNumbers,
                omitEmptyLists: omitEmptyLists, ratePerSecond: ratePerSecond, ratePerDay: ratePerDay, omitRetryAfter: omitRetryAfter,
                errorRate: errorRate, latencyMilliseconds: latencyMs, truncateRate: truncateRate, dropRate: dropRate
            ))
            try await emulator.start()
            StandardError.write("Gong emulator listening on \(emulator.baseURL) (\(users) users, seed \(seed), zone \(timeZone)); Ctrl-C stops it\n")
            let trap = SignalTrap { _ in Task { try? await emulator.shutdown() } }
            defer { trap.cancel() }
            try await emulator.waitUntilClosed()
        }
    }
}
