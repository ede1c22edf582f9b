import SluiceCore
import SluiceGong
import Testing

@Suite struct GongSecretTests {
    @Test func describingTheSourceNeverShowsTheSecret() throws {
        let config = sourceConfig(nil, [
            "baseURL": .string("https://api.gong.io"),
            "auth": .object(ValueObject(["accessKey": .string("key-xyz"), "accessKeySecret": .string("hunter2-secret")])),
        ])
        let source = try GongActivitySource(config: config)
        var dumped = ""
        dump(source, to: &dumped)
        for text in [String(describing: source), String(reflecting: source), dumped] {
            #expect(!text.contains("hunter2-secret"))
        }
    }
}
