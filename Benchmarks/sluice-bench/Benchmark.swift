/// One benchmark: measures, and returns its result line and summary rows.
///
/// Each conforming command's `run()` prints ``BenchmarkResult/line``; `sluice-bench all` collects
/// the results of every benchmark into one table.
protocol Benchmark: Sendable {
    /// Runs the benchmark and its baseline side by side.
    /// - Throws: ``BenchmarkError`` or the error of the run measured.
    func measure() async throws -> BenchmarkResult
}

extension Benchmark {
    /// Measures, prints the result line, and exits with 1 when `strict` and a target is missed.
    func report(strict: Bool) async throws {
        let result = try await measure()
        print(result.line)
        if strict, !result.metTargets { throw BenchmarkError("\(result.rows.first?.name ?? "benchmark") missed its target") }
    }
}
