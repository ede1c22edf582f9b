import Foundation
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// SIGINT stops a run whose target stopped reading its input: the target is killed, which ends
/// the write blocked on it, and the window rolls back.
@Suite struct SingerInterruptionTests {
    @Test func sigintEndsARunBlockedOnATargetThatStoppedReading() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // A target that reads nothing, and says when its input pipe is about full (60 of its 64 KiB waiting):
        // Sluice's write of the window is then blocked on it.
        let target = try SingerTargets.script("deaf-target", in: folder, """
            exec python3 -c '
            import fcntl, pathlib, struct, termios, time
            while struct.unpack("i", fcntl.ioctl(0, termios.FIONREAD, b"\\0" * 4))[0] < 61440:
                time.sleep(0.01)
            pathlib.Path("\(folder.file("blocked"))").touch()
            time.sleep(600)
            '
            """)
        try await withEmulator(EmulatorHarness.faulty(seed: 36, ratePerSecond: nil, errorRate: 0)) { emulator in
            let arguments = try SingerTargets.writeBackfill(in: folder, emulator: emulator, command: [target])
            let run = try SluiceProcess(arguments, in: folder.path)
            try await waitUntil { FileManager.default.fileExists(atPath: folder.file("blocked")) } else: { run.errorsSoFar }
            run.send(SIGINT)
            let result = try await run.finish(within: .seconds(30))
            #expect(result.status == 130, "\(result.errors)")
            #expect(result.errorCode == "interrupted", "\(result.errors)")
            #expect(try SingerTargets.committedByBackfill(in: folder).isEmpty)
        }
    }
}
