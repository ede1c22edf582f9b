/// Builds JSON paths as they appear in error messages (`sinks[1].mode`, `$.records["odd key"]`).
public enum JSONPath {
    /// `.key` for plain identifiers, `["key"]` for anything else.
    public static func member(_ key: String) -> String {
        let isPlain = !key.isEmpty && key.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z"))
                || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_")
        }
        return isPlain ? "." + key : "[" + JSONWriter.string(key) + "]"
    }

    /// `base.key` (or `key` when `base` is empty).
    public static func join(_ base: String, _ key: String) -> String {
        let member = member(key)
        return base.isEmpty && member.hasPrefix(".") ? String(member.dropFirst()) : base + member
    }

    /// `base[index]`.
    public static func join(_ base: String, _ index: Int) -> String {
        base + "[\(index)]"
    }

    /// `path` itself when it has at most `limit` characters; else its start and its end around
    /// `…(N more)…`, cut between components, so that the path of a value nested hundreds of levels
    /// deep stays readable in a message.
    public static func abbreviated(_ path: String, limit: Int = 120) -> String {
        let characters = Array(path)
        guard characters.count > limit else { return path }
        let keep = limit / 2
        let isBoundary = { (position: Int) in characters[position] == "." || characters[position] == "[" }
        var headEnd = keep
        while headEnd > 0, !isBoundary(headEnd) { headEnd -= 1 }
        if headEnd == 0 { headEnd = keep }
        var tailStart = characters.count - keep
        while tailStart < characters.count, !isBoundary(tailStart) { tailStart += 1 }
        if tailStart == characters.count { tailStart = characters.count - keep }
        let omitted = characters[headEnd..<tailStart].filter { $0 == "." || $0 == "[" }.count
        return String(characters[..<headEnd]) + "…(\(omitted) more)…" + String(characters[tailStart...])
    }
}
