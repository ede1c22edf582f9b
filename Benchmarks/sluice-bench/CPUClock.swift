#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time, of the calling thread or of the whole process, in seconds.
///
/// Thread time measures synchronous work exactly (a block with no `await` runs on one thread);
/// process time includes every thread (the emulator, the HTTP client, the sinks).
enum CPUClock {
    /// CPU seconds the calling thread has used.
    static var thread: Double { read(CLOCK_THREAD_CPUTIME_ID) }

    /// CPU seconds the process has used, over all its threads.
    static var process: Double { read(CLOCK_PROCESS_CPUTIME_ID) }

    /// The CPU seconds the calling thread spends in `body`, and its result: exact for work that
    /// never suspends (awaits that return at once stay on the thread).
    static func measure<T>(_ body: () async throws -> T) async rethrows -> (seconds: Double, value: T) {
        let start = thread
        let value = try await body()
        return (thread - start, value)
    }

    private static func read(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
