import Foundation

/// The memory this process has used.
enum ProcessMemory {
    /// The peak resident set of this process's own memory (Linux's `VmHWM`), in bytes; `nil`
    /// where `/proc` does not tell.
    ///
    /// Not `getrusage`: after a `vfork` and `exec` (how `posix_spawn` starts programs) Linux counts
    /// the parent's peak in the child's `ru_maxrss`, so a small run started by a large parent
    /// would report the parent's memory.
    static var peakBytes: Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return kilobytes * 1024
    }
}
