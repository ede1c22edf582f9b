import SluiceCore

/// The parts of Gong's error body `{"requestId": "...", "errors": ["...", ...]}` that can be read.
struct GongErrorBody: Sendable {
    let requestId: String?
    let messages: [String]

    /// Reads what it can; a body that is not Gong's shape yields its first 200 characters as the message.
    init(_ body: [UInt8]) {
        guard let document = try? JSONParser.parse(body), case .object(let object) = document else {
            let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingWhitespace
            requestId = nil
            messages = text.isEmpty ? [] : [text]
            return
        }
        requestId = object["requestId"]?.digitsOrText
        messages = (object["errors"]?.arrayOrEmpty ?? []).compactMap { $0.digitsOrText ?? ($0 == .null ? nil : JSONWriter.string($0)) }
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
