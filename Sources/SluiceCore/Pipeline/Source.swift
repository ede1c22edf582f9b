/// Where records come from. A source is configured once and opened for each run.
public protocol Source: Sendable {
    /// The schema of every batch the source emits.
    var schema: Schema { get }

    /// How runs are cut into windows; `nil` for a source read in one piece (one ``Window/whole``).
    var windowing: Windowing? { get }

    /// Up to how many windows the runner may read at once.
    var maxConcurrentWindows: Int { get }

    /// The rows the source limits itself to beyond dates; `nil` when it reads everything.
    var scope: ScopeFilter? { get }

    /// The daily API budget the source spends, for plans and progress; `nil` when it has none.
    var dailyBudget: DailyBudget? { get }

    /// Makes the resources of a run (an HTTP client, say); the runner closes the reader at the end.
    func open(context: RunContext) async throws -> any SourceReader
}

extension Source {
    public var windowing: Windowing? { nil }
    public var maxConcurrentWindows: Int { 1 }
    public var scope: ScopeFilter? { nil }
    public var dailyBudget: DailyBudget? { nil }
}

/// A quota of calls per day, counted in the state store under `name` (shared across runs).
public struct DailyBudget: Sendable {
    /// The budget's name in the state store (`gong:api.gong.io`).
    public let name: String
    public let perDay: Int
    /// The current day in the zone the quota is counted in.
    public let today: @Sendable () -> CalendarDate
    /// The least number of calls a window costs (one, plus one per further page of users when
    /// their number is known).
    public let minimumCallsPerWindow: Int

    public init(name: String, perDay: Int, minimumCallsPerWindow: Int = 1, today: @escaping @Sendable () -> CalendarDate) {
        self.name = name
        self.perDay = perDay
        self.minimumCallsPerWindow = minimumCallsPerWindow
        self.today = today
    }
}

/// A source opened for one run.
public protocol SourceReader: Sendable {
    /// Reads one window, handing each batch to `emit`; `emit` suspends while downstream is busy.
    /// - Throws: ``SluiceError`` naming the window (and page, request id...) on failure.
    func read(_ window: Window, emit: @Sendable (RecordBatch) async throws -> Void) async throws

    /// Releases the run's resources.
    func close() async throws
}

extension SourceReader {
    public func close() async throws {}
}
