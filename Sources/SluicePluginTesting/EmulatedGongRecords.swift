public import GongEmulator
import GongModel
import Logging
public import SluiceCore
import SluiceGong
import Synchronization

/// Raw Gong records read from a running ``GongEmulator`` through the real `gong.activity` source:
/// the batches a pipeline's first transform receives, for Gong-fed tests of a plugin (start the
/// emulator with ``withEmulator(_:_:)``).
public enum EmulatedGongRecords {
    /// The batches the source emits for `days`, each a list of rows in the order of
    /// ``GongModel/GongActivitySchema/raw``.
    /// - Throws: the source's ``SluiceError`` when the emulator answers with an error.
    public static func read(from emulator: GongEmulator, days: DateRange) async throws -> [[[Value]]] {
        let configuration = emulator.configuration
        let block = ValueObject([
            "baseURL": .string(emulator.baseURL),
            "auth": .object(ValueObject([
                "accessKey": .string(configuration.accessKey), "accessKeySecret": .string(configuration.accessKeySecret),
            ])),
            "timeZone": .string(configuration.timeZone.identifier),
            "fromDate": .string(days.from.description),
            "toDate": .string(days.to.description),
            "windowDays": .int(Int64(days.dayCount)),
            "rateLimit": .object(ValueObject(["perSecond": .int(1000), "perDay": .int(100_000)])),
        ])
        let source = try GongActivitySource(config: PluginConfig(object: block, path: "source", specs: GongActivitySource.options))
        let context = RunContext(pipeline: "emulated-gong", logger: Logger(label: "emulated-gong"), state: MemoryStateStore(), metrics: RunMetrics())
        let reader = try await source.open(context: context)
        let batches = Mutex<[[[Value]]]>([])
        do {
            try await reader.read(Window(days: days)) { batch in
                let rows = (0..<batch.count).map { row in batch.schema.fields.indices.map { batch[row, $0] } }
                batches.withLock { $0.append(rows) }
            }
        } catch {
            try? await reader.close()
            throw error
        }
        try await reader.close()
        return batches.withLock { $0 }
    }
}
