import Foundation
import SluiceCore

/// The bytes of one Gong answer: in memory when small, else in an unlinked temporary file, so
/// that a page of a wide window (a year of a hundred users is tens of megabytes) is not held in
/// memory while its users are read one by one.
package final class GongAnswer: Sendable {
    /// Answers up to this size stay in memory.
    static let spillBytes = 2 << 20

    private let memory: [UInt8]
    /// The temporary file's descriptor, for an answer larger than ``spillBytes``.
    private let file: Int32?
    let count: Int

    /// An answer held in memory.
    package init(bytes: [UInt8]) {
        memory = bytes
        file = nil
        count = bytes.count
    }

    fileprivate init(file: Int32, count: Int) {
        memory = []
        self.file = file
        self.count = count
    }

    deinit {
        if let file { close(file) }
    }

    /// Calls `body` with the bytes in `range`: in place for an answer in memory, else read back.
    /// - Throws: ``SluiceError`` `.io` when the temporary file cannot be read.
    func withBytes<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) throws(SluiceError) -> Result {
        guard file != nil else { return memory.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) } }
        return try bytes(range).withUnsafeBufferPointer(body)
    }

    /// The bytes in `range`.
    /// - Throws: ``SluiceError`` `.io` when the temporary file cannot be read.
    func bytes(_ range: Range<Int>) throws(SluiceError) -> [UInt8] {
        guard let file else { return Array(memory[range]) }
        var bytes = [UInt8](repeating: 0, count: range.count)
        var done = 0
        while done < range.count {
            let read = bytes.withUnsafeMutableBytes { pread(file, $0.baseAddress! + done, range.count - done, off_t(range.lowerBound + done)) }
            guard read > 0 else {
                throw SluiceError(.io, "cannot read Gong's answer back from its temporary file: \(String(cString: strerror(errno)))")
            }
            done += read
        }
        return bytes
    }

    /// The first 64 KiB, where an error's message is: empty when the temporary file cannot be read.
    var head: [UInt8] {
        (try? bytes(0..<min(count, 64 << 10))) ?? []
    }

    /// Every byte, in chunks of at most `size`, in order.
    func forEachChunk(of size: Int = 1 << 20, _ body: (ArraySlice<UInt8>) -> Void) throws(SluiceError) {
        guard file != nil else { return body(memory[...]) }
        var start = 0
        while start < count {
            let end = min(count, start + size)
            body(try bytes(start..<end)[...])
            start = end
        }
    }

    /// Collects an answer as it arrives: in memory up to ``spillBytes``, then in a temporary file
    /// that is removed from its folder at once (the descriptor keeps it until the answer is freed,
    /// or the writer when the answer never completes).
    final class Writer {
        private var memory: [UInt8] = []
        private var file: Int32?
        private var count = 0
        private var finished = false

        deinit {
            if let file, !finished { close(file) }
        }

        /// A writer expecting about `expected` bytes (from `Content-Length`), when known.
        init(expected: Int?) {
            if let expected, expected <= spillBytes { memory.reserveCapacity(expected) }
        }

        /// Adds the next bytes.
        /// - Throws: ``SluiceError`` `.io` when the temporary file cannot be made or written.
        func append(_ chunk: some Collection<UInt8>) throws(SluiceError) {
            count += chunk.count
            if file == nil, memory.count + chunk.count <= GongAnswer.spillBytes {
                memory.append(contentsOf: chunk)
                return
            }
            let descriptor: Int32
            if let file {
                descriptor = file
            } else {
                descriptor = try Self.temporaryFile()
                file = descriptor
            }
            if !memory.isEmpty {
                try Self.write(memory, to: descriptor)
                memory = []
            }
            try Self.write(Array(chunk), to: descriptor)
        }

        /// The answer collected.
        func finish() -> GongAnswer {
            finished = true
            guard let file else { return GongAnswer(bytes: memory) }
            return GongAnswer(file: file, count: count)
        }

        private static func temporaryFile() throws(SluiceError) -> Int32 {
            var template = Array((NSTemporaryDirectory() + "/sluice-gong-answer-XXXXXX").utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else {
                throw SluiceError(.io, "cannot make a temporary file for Gong's answer: \(String(cString: strerror(errno)))",
                                  hint: "check that TMPDIR is writable and has room")
            }
            unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
            return descriptor
        }

        private static func write(_ bytes: [UInt8], to descriptor: Int32) throws(SluiceError) {
            var done = 0
            while done < bytes.count {
                let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + done, bytes.count - done) }
                guard written > 0 else {
                    throw SluiceError(.io, "cannot keep Gong's answer in a temporary file: \(String(cString: strerror(errno)))",
                                      hint: "check that TMPDIR has room")
                }
                done += written
            }
        }
    }
}
