import Dispatch
import Foundation
import SluiceFuzzTargets

/// libFuzzer's driver, from `libclang_rt.fuzzer` (`-sanitize=fuzzer`).
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The target named by `SLUICE_FUZZ_TARGET` (`scripts/fuzz` sets it).
private let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["SLUICE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("SLUICE_FUZZ_TARGET must be one of \(FuzzTarget.allCases.map(\.rawValue))\n".utf8))
        exit(2)
    }
    return target
}()

/// The entry point (SwiftPM links an executable's `main` to `<module>_main`): hands every input
/// libFuzzer makes to ``target``, waiting for its asynchronous decoders.
@_cdecl("sluice_fuzz_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    _ = target
    return runDriver(&count, &arguments) { data, size in
        let bytes = Array(UnsafeBufferPointer(start: data, count: size))
        let done = DispatchSemaphore(value: 0)
        Task {
            await target.run(bytes)
            done.signal()
        }
        done.wait()
        return 0
    }
}
