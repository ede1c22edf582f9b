import Synchronization
import SluiceCore
import SluiceTestKit

let numberSchema = Schema([Field("window", .text), Field("n", .int)])

/// Emits `batches` batches of one row per window and counts what it emitted.
struct CountingSource: Source {
    let batches: Int
    let emitted = Counter()
    let windows: Int

    var schema: Schema { numberSchema }
    var windowing: Windowing? {
        let start = CalendarDate("2024-01-01")!
        return Windowing(from: start, to: start.adding(days: windows), windowDays: 1, lookbackDays: 0) { start.adding(days: 365) }
    }
    var maxConcurrentWindows: Int { 2 }

    func open(context: RunContext) async throws -> any SourceReader { Reader(source: self) }

    struct Reader: SourceReader {
        let source: CountingSource
        func read(_ window: Window, emit: @Sendable (RecordBatch) async throws -> Void) async throws {
            for n in 0..<source.batches {
                source.emitted.add(1)
                try await emit(RecordBatch(schema: numberSchema, rows: [[.string(window.key), .int(Int64(n))]]))
            }
        }
    }
}

/// Collects committed rows per window; can be slow, or fail on a chosen window.
final class CollectingSink: Sink, Sendable {
    let identity: String
    let yieldsPerBatch: Int
    let failOn: Window?
    /// Writes that fail with a transient error before the sink starts working.
    let transientFailures: Counter
    let source: CountingSource?
    let written = Counter()
    /// The largest number of batches the source was ahead of this sink.
    let maxLead = Counter()
    let committed = Mutex<[Window: [[Value]]]>([:])
    let rewritesDaysInPlace: Bool

    init(
        identity: String, yieldsPerBatch: Int = 0, failOn: Window? = nil, transientFailures: Int = 0, source: CountingSource? = nil,
        rewritesDaysInPlace: Bool = false
    ) {
        self.identity = identity
        self.rewritesDaysInPlace = rewritesDaysInPlace
        self.yieldsPerBatch = yieldsPerBatch
        self.failOn = failOn
        self.transientFailures = Counter()
        self.transientFailures.add(transientFailures)
        self.source = source
    }

    func open(input: Schema, context: RunContext) async throws -> any SinkSession { Session(sink: self) }

    struct Session: SinkSession {
        let sink: CollectingSink
        func begin(_ window: Window) async throws -> any WindowWriter { Writer(sink: sink, window: window) }
    }

    final class Writer: WindowWriter {
        let sink: CollectingSink
        let window: Window
        var rows: [[Value]] = []

        init(sink: CollectingSink, window: Window) {
            self.sink = sink
            self.window = window
        }

        func write(_ batch: RecordBatch) async throws {
            for _ in 0..<sink.yieldsPerBatch { await Task.yield() }
            if let source = sink.source { sink.maxLead.raise(to: source.emitted.value - sink.written.value) }
            sink.written.add(1)
            if window == sink.failOn { throw SluiceError(.io, "disk full") }
            if sink.transientFailures.takeOne() { throw SluiceError(.io, "connection lost", transient: true) }
            rows += batch.rows
        }

        func commit(_ checkpoint: Checkpoint) async throws {
            sink.committed.withLock { $0[window] = rows }
            try await checkpoint.record()
        }

        func rollback() async {}
    }
}

/// A thread-safe integer.
final class Counter: Sendable {
    private let state = Mutex(0)
    var value: Int { state.withLock { $0 } }
    func add(_ count: Int) { state.withLock { $0 += count } }
    func raise(to candidate: Int) { state.withLock { $0 = max($0, candidate) } }
    /// Takes one from a positive count; `false` when it is zero.
    func takeOne() -> Bool {
        state.withLock { count in
            guard count > 0 else { return false }
            count -= 1
            return true
        }
    }
}

/// Keeps rows until the window ends, then emits them reversed (to test held-back rows).
struct ReverseAtEnd: Transform {
    func outputSchema(for input: Schema) throws -> Schema { input }
    func makeProcessor(input: Schema) throws -> any BatchProcessor { Processor() }

    final class Processor: BatchProcessor {
        var held: [[Value]] = []
        func process(_ batch: RecordBatch, into output: BatchOutput) async throws {
            held += batch.rows
        }
        func finishWindow(into output: BatchOutput) async throws {
            for row in held.reversed() { try await output.append(row) }
        }
    }
}

func makePipeline(source: CountingSource, sinks: [CollectingSink], shared: [any Transform] = [], state: any StateStore) -> Pipeline {
    let stages = shared.map { Pipeline.TransformStage(type: "test", transform: $0, input: numberSchema, output: numberSchema) }
    return Pipeline(
        name: "test", sourceType: "counting", source: source, transforms: stages,
        sinks: sinks.map { Pipeline.SinkStage(type: "collect", sink: $0, transforms: [], input: numberSchema) }, state: state
    )
}
