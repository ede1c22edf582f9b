/// A set of row keys, numbered in the order they were first inserted.
///
/// Open addressing over one ``RowKeys`` buffer: about the key's bytes plus 32 bytes per key,
/// and no allocation per key.
struct RowKeySet {
    private var keys = RowKeys()
    /// Key numbers by hash slot; -1 for an empty slot. Never more than three quarters full.
    private var table = [Int](repeating: -1, count: 64)

    /// Inserts key `index` of `batch` unless an equal key is present.
    /// - Returns: the number of the key in this set, and whether it was new.
    mutating func insert(_ index: Int, of batch: RowKeys) -> (number: Int, inserted: Bool) {
        if 4 * (keys.count + 1) > 3 * table.count { grow() }
        let (slot, found) = probe(index, of: batch)
        if let found { return (found, false) }
        table[slot] = keys.count
        keys.append(index, of: batch)
        return (keys.count - 1, true)
    }

    /// Whether a key equal to key `index` of `batch` is present.
    func contains(_ index: Int, of batch: RowKeys) -> Bool {
        probe(index, of: batch).found != nil
    }

    /// The set without the keys of `removed` (rebuilt: for the rare window that is rolled back).
    func subtracting(_ removed: RowKeys) -> RowKeySet {
        var gone = RowKeySet()
        for index in 0..<removed.count { _ = gone.insert(index, of: removed) }
        var kept = RowKeySet()
        for number in 0..<keys.count where !gone.contains(number, of: keys) { _ = kept.insert(number, of: keys) }
        return kept
    }

    /// The slot holding a key equal to key `index` of `batch` (with its number), or the empty slot
    /// where it would go.
    private func probe(_ index: Int, of batch: RowKeys) -> (slot: Int, found: Int?) {
        let hash = batch.hashes[index]
        let mask = table.count - 1
        var slot = hash & mask
        while table[slot] >= 0 {
            let number = table[slot]
            if keys.hashes[number] == hash, keys[number].elementsEqual(batch[index]) { return (slot, number) }
            slot = (slot + 1) & mask
        }
        return (slot, nil)
    }

    private mutating func grow() {
        table = [Int](repeating: -1, count: 2 * table.count)
        let mask = table.count - 1
        for (number, hash) in keys.hashes.enumerated() {
            var slot = hash & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = number
        }
    }
}
