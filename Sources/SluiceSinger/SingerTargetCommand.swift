import Foundation
import SluiceCore

/// The command line of a Singer target: its program, found as a shell would, and its arguments.
public struct SingerTargetCommand: Sendable {
    /// The program as the pipeline names it, for messages.
    public let program: String
    public let arguments: [String]

    /// - Parameter argv: the program (a path, resolved against `folder` when relative, or a name
    ///   looked up on `PATH`) then its arguments.
    public init(argv: [String], folder: String) {
        program = argv.first ?? ""
        arguments = Array(argv.dropFirst())
        self.folder = folder
    }

    private let folder: String

    /// The program's name without its folder (`target-postgres`), for the sink's identity.
    public var name: String { (program as NSString).lastPathComponent }

    /// The executable to start.
    /// - Throws: ``SluiceError`` (`singer_target`) when no executable file answers to ``program``.
    func executable() throws -> URL {
        let candidates: [String]
        if program.contains("/") {
            candidates = [program.hasPrefix("/") ? program : (folder as NSString).appendingPathComponent(program)]
        } else {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            candidates = path.split(separator: ":").map { ($0 as NSString).appendingPathComponent(program) }
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw SluiceError(
                .singerTarget, "the Singer target \(program) is not an executable file" + (program.contains("/") ? "" : " on PATH"),
                context: [("target", program)],
                hint: "install the target (pip install it into a virtual environment) and give its path in \"command\""
            )
        }
        return URL(fileURLWithPath: found).standardizedFileURL
    }
}
