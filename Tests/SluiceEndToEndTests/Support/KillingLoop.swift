import Foundation
import SluiceCore
import SluiceTestKit

/// Runs one `sluice` command again and again, SIGKILLing the first run right after its first
/// commit and each later one at a seeded-random moment, until a run exits 0 by itself: what an
/// operator's retry loop does to a backfill on a machine that keeps dying.
struct KillingLoop {
    /// What the loop did.
    struct Outcome {
        /// Runs started.
        var attempts = 0
        /// Runs ended by SIGKILL.
        var kills = 0
        /// One line per run: when it was to be killed and how it ended.
        var log: [String] = []
        /// The run that ended by itself (exit 0 when the loop succeeded).
        var last: SluiceProcess.Result?
        /// The last run that was killed.
        var lastKilled: SluiceProcess.Result?
        /// Killed runs that had committed some window first: the next run resumed a partial state.
        var killsAfterACommit = 0

        var succeeded: Bool { last?.status == 0 }
        var summary: String {
            log.joined(separator: "\n") + "\n" + ((last ?? lastKilled).map { "last run's stderr:\n\($0.errors)" } ?? "")
        }
    }

    var arguments: [String]
    var folder: String
    /// The seed of the kill moments.
    var seed: UInt64
    /// When each run after the first is killed, in milliseconds after it logged "run started" (it holds the lock
    /// and starts its windows then); stretched by 10% more on each further attempt.
    var killAfter: ClosedRange<Int> = 100...1500
    var maxAttempts = 30
    /// The first run is killed as soon as it logged this many committed windows, so that a later
    /// run resumes a partial state, however fast or slow the machine.
    var firstKillAfterCommits = 1
    /// Runs before each start: waits for the observable end of the previous run (a lock freed).
    var beforeEachRun: () async throws -> Void = {}

    /// Runs until one run exits by itself; a run that exits with a status other than 0 ends the loop.
    func run() async throws -> Outcome {
        var random = SeededGenerator(seed: seed)
        var outcome = Outcome()
        while outcome.attempts < maxAttempts {
            try await beforeEachRun()
            outcome.attempts += 1
            // Later runs get longer before the kill (up to 3.9 times by the 30th), so that the loop
            // ends however slow a busy machine makes the runs.
            let stretch = 1 + Double(outcome.attempts - 1) / 10
            let delay = Int(Double(Int.random(in: killAfter, using: &random)) * stretch)
            let started = ContinuousClock.now
            let process = try SluiceProcess(arguments, in: folder)
            // The moment counts from the start of the work, not of the process, whose start-up
            // takes long on a busy machine: otherwise no run might ever get anything done.
            try await waitUntil { !process.isRunning || process.errorsSoFar.contains("run started") } else: { process.errorsSoFar }
            if outcome.attempts == 1 {
                try await waitUntil { !process.isRunning || Self.commits(in: process.errorsSoFar) >= firstKillAfterCommits }
            } else {
                let deadline = ContinuousClock.now + .milliseconds(delay)
                while process.isRunning, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
            let killed = process.isRunning
            if killed { process.send(SIGKILL) }
            let result = await process.finish()
            let elapsed = Int(((ContinuousClock.now - started).seconds * 1000).rounded())
            if killed, result.status == SIGKILL {
                outcome.kills += 1
                let commits = Self.commits(in: result.errors)
                let moment = outcome.attempts == 1 ? "\(firstKillAfterCommits) commits" : "\(delay) ms"
                outcome.log.append("run \(outcome.attempts): killed after \(moment), \(commits) windows committed")
                outcome.lastKilled = result
                if commits > 0 { outcome.killsAfterACommit += 1 }
                continue
            }
            outcome.log.append("run \(outcome.attempts): exited \(result.status) after \(elapsed) ms (kill planned at \(delay) ms)")
            outcome.last = result
            return outcome
        }
        return outcome
    }

    /// The windows a run's stderr says it committed.
    static func commits(in errors: String) -> Int {
        errors.components(separatedBy: "window committed").count - 1
    }
}

/// How two lists of rows differ, as a multiset: rows missing, rows too many (duplicates included).
struct RowDifference: CustomStringConvertible {
    let missing: [String]
    let unexpected: [String]
    let actualCount: Int
    let expectedCount: Int

    init(actual: [String], expected: [String]) {
        var counts: [String: Int] = [:]
        for row in expected { counts[row, default: 0] += 1 }
        for row in actual { counts[row, default: 0] -= 1 }
        missing = counts.filter { $0.value > 0 }.flatMap { Array(repeating: $0.key, count: $0.value) }.sorted()
        unexpected = counts.filter { $0.value < 0 }.flatMap { Array(repeating: $0.key, count: -$0.value) }.sorted()
        actualCount = actual.count
        expectedCount = expected.count
    }

    var isEmpty: Bool { missing.isEmpty && unexpected.isEmpty }

    var description: String {
        "\(actualCount) rows, \(expectedCount) expected; \(missing.count) missing, e.g. \(missing.prefix(3));"
            + " \(unexpected.count) unexpected or repeated, e.g. \(unexpected.prefix(3))"
    }
}
