/// What a benchmark measured: one line in a stable format, and rows for the summary table.
struct BenchmarkResult: Sendable {
    /// `gong-pacing: 2.86 calls/s sustained vs limit 3.00 (ratio 0.95), 0 x 429, 61 calls in 21.3 s`.
    let line: String
    let rows: [SummaryRow]

    /// Whether every row with a target met it.
    var metTargets: Bool { rows.allSatisfy { $0.met != false } }
}

/// One figure of the summary table.
struct SummaryRow: Sendable {
    /// The benchmark, and the variant when it has several (`postgres-copy append`).
    let name: String
    /// The figure measured (`2.86 calls/s`).
    let measured: String
    /// The baseline it is compared with (`3.00 calls/s limit`).
    let baseline: String
    /// `measured / baseline` (or the share, for a share).
    let ratio: Double
    /// The target, in words (`>= 0.93`); `-` when the figure is reported only.
    let target: String
    /// Whether the target was met; `nil` when there is none.
    let met: Bool?
}
