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
}
