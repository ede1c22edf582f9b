/// A request as the emulator's logic sees it.
struct EmulatorRequest: Sendable {
    var method: String
    /// The path without the query string.
    var path: String
    var authorization: String?
    var body: [UInt8]
}
