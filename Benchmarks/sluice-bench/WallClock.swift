import SluiceCore

/// Wall-clock time of async work, in seconds.
enum WallClock {
    /// The seconds `body` took, and its result.
    static func measure<T>(_ body: () async throws -> T) async rethrows -> (seconds: Double, value: T) {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try await body()
        return ((clock.now - start).seconds, value)
    }
}
