import Foundation
import Logging
import SluiceCore

/// The journal that makes appending a window to a file all-or-nothing across a kill.
struct FileJournal {
    let targetPath: String

    var path: String { targetPath + ".sluice-journal" }

    /// The name prefix of a sink's spool files, so that leftovers of a killed run can be found.
    static func spoolPrefix(for target: String) -> String {
        "." + (target as NSString).lastPathComponent + ".sluice-spool-"
    }

    /// Notes the file's current length and the window about to be appended.
    /// - Returns: the file's length, to which a failed append is cut back.
    func begin(window: Window) throws -> Int {
        let length = (try? FileManager.default.attributesOfItem(atPath: targetPath)[.size] as? Int) ?? 0
        let entry = ValueObject(["window": .string(window.key), "length": .int(Int64(length))])
        let data = Data(JSONWriter.string(.object(entry)).utf8)
        guard FileManager.default.createFile(atPath: path, contents: data),
              let handle = FileHandle(forWritingAtPath: path)
        else { throw SluiceError(.io, "cannot write the journal \(path)", hint: "check that the folder is writable and the disk not full") }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw SluiceError.io("cannot write the journal \(path)", error)
        }
        return length
    }

    /// Removes the journal once the window is recorded.
    func end() throws {
        try FileManager.default.removeItem(atPath: path)
    }

    /// Repairs what a killed run left: spool files, and a half-appended window.
    func recover(pipeline: String, sink: String, state: any StateStore, logger: Logger) async throws {
        let folder = (targetPath as NSString).deletingLastPathComponent
        let prefix = Self.spoolPrefix(for: targetPath)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
        guard let data = FileManager.default.contents(atPath: path) else { return }
        guard case .object(let entry)? = try? JSONParser.parse(data),
              let key = entry["window"]?.digitsOrText, let window = Window(key: key),
              case .int(let length)? = entry["length"]
        else { throw SluiceError(.state, "the journal \(path) is damaged", hint: "check \(targetPath) by hand, then delete the journal") }
        let recorded = try await state.committedWindows(pipeline: pipeline)[sink]?.contains(window) == true
        if !recorded {
            guard truncate(targetPath, off_t(length)) == 0 else {
                throw SluiceError(.io, "cannot truncate \(targetPath): \(String(cString: strerror(errno)))")
            }
            logger.warning("removed a half-written window left by an interrupted run",
                           metadata: ["file": "\(targetPath)", "window": "\(window)"])
        }
        try end()
    }
}
