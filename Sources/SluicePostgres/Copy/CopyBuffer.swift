/// A growable byte buffer that COPY rows are encoded into and sent from, reused for every chunk.
///
/// A buffer is either being filled by the encoding task or being sent on the connection's queue,
/// never both (``CopyStream`` awaits a buffer's send before filling it again): that is what makes
/// the `@unchecked Sendable` sound, and what lets the hot path skip the runtime's exclusivity checks.
final class CopyBuffer: @unchecked Sendable {
    @exclusivity(unchecked) private(set) var bytes: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        bytes = .allocate(capacity: self.capacity)
    }

    deinit { bytes.deallocate() }

    /// Forgets the contents, keeping the memory.
    func removeAll() {
        count = 0
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        bytes[count] = byte
        count += 1
    }

    @inline(__always)
    func append(_ first: UInt8, _ second: UInt8) {
        if count + 2 > capacity { grow(to: count + 2) }
        bytes[count] = first
        bytes[count + 1] = second
        count += 2
    }

    func append(_ source: UnsafeBufferPointer<UInt8>) {
        guard let base = source.baseAddress, !source.isEmpty else { return }
        if count + source.count > capacity { grow(to: count + source.count) }
        (bytes + count).update(from: base, count: source.count)
        count += source.count
    }

    /// Appends the UTF-8 of `text` unchanged.
    func append(ascii text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        larger.update(from: bytes, count: count)
        bytes.deallocate()
        bytes = larger
        capacity = newCapacity
    }
}
