/// How the postgres sink loads a window.
public enum LoadMode: String, Sendable, CaseIterable {
    /// Plain inserts.
    case append
    /// Stage the window, keep the last row per key, then `INSERT ... ON CONFLICT (key) DO UPDATE`.
    case upsert
    /// Delete the window's rows (by `day`, and by the source's scope), then insert.
    case replace
}
