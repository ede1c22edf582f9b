import Foundation
import SluiceFuzzTargets
import Testing

/// The inputs `scripts/fuzz` saved (Tests/Fuzz/corpus/<target>/), fed again to every decoder:
/// none may trap (the test process would die), hang, or take long.
@Suite struct CorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fuzz/corpus")

    @Test(.timeLimit(.minutes(5)), arguments: FuzzTarget.allCases)
    func everySavedInputIsDecodedWithoutATrapInBoundedTime(target: FuzzTarget) async throws {
        let folder = Self.corpus.appending(path: target.rawValue)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(names.count >= 10, "the saved corpus of \(target.rawValue) is missing: run scripts/fuzz")
        for name in names {
            let bytes = Array(try Data(contentsOf: folder.appending(path: name)))
            #expect(bytes.count <= 4096, "\(name): the corpus keeps small inputs only")
            let started = ContinuousClock.now
            await target.run(bytes)
            #expect(ContinuousClock.now - started < .seconds(5), "\(target.rawValue)/\(name) took too long")
        }
    }
}
