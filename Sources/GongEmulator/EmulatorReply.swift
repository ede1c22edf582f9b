/// What the emulator does with a request: an answer, possibly cut short, or nothing at all.
struct EmulatorReply: Sendable {
    /// How the answer leaves the server.
    enum Delivery: Sendable, Equatable {
        case complete
        /// Announce the whole body, send half, close.
        case truncated
        /// Send the head at once, then the body one byte every this many milliseconds.
        case trickled(millisecondsPerByte: Int)
        /// Close the connection without answering.
        case dropped
    }

    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8] = []
    var delivery: Delivery = .complete
    var delayMilliseconds = 0

    static let dropped = EmulatorReply(status: 0, delivery: .dropped)
}
