import Foundation
import GongEmulator
import SluicePluginTesting
import Testing
import SluiceCore
import SluiceTestKit

/// Secrets never leave the process, through the real binary: a secret substituted into a field
/// that an error message quotes, a secret in a path named by a runtime error (and kept in the run
/// history), an error body in which Gong or a proxy repeats the `Authorization` header.
@Suite struct SecretLeakTests {
    static let secret = "hunter2-Sec\"ret;Value"
    static let environment = ["SLUICE_TEST_SECRET": secret]

    /// What must never be seen: the secret, and the secret as JSON writes it.
    static func expectNoSecret(in texts: [String], _ secrets: [String] = [secret], sourceLocation: SourceLocation = #_sourceLocation) {
        for text in texts {
            for secret in secrets + secrets.map({ String(JSONWriter.string($0).dropFirst().dropLast()) }) {
                #expect(!text.contains(secret), "\(text)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: [
        (#""source": \#(HostileFile.embeddedSource(extra: #", "timeZone": "${SLUICE_TEST_SECRET}""#)), "sinks": [{"type": "stdout"}]"#,
         "bad_value source.timeZone"),
        (#""source": \#(HostileFile.embeddedSource(extra: #", "userIds": ["${SLUICE_TEST_SECRET}"]"#)), "sinks": [{"type": "stdout"}]"#,
         "bad_value source.userIds[0]"),
        (#""source": \#(HostileFile.embeddedSource()), "sinks": [{"type": "ndjson", "path": "a.ndjson", "mode": "${SLUICE_TEST_SECRET}"}]"#,
         "bad_value sinks[0].mode"),
        (#""source": \#(HostileFile.embeddedSource()), "sinks": [{"type": "stdout", "transforms": [{"type": "dedupe", "key": ["${SLUICE_TEST_SECRET}"]}]}]"#,
         "unknown_column sinks[0].transforms[0].key[0]"),
        (#""source": \#(HostileFile.embeddedSource()), "sinks": [{"type": "postgres", "url": "postgresql://127.0.0.1:1/db", "table": "t", "key": ["${SLUICE_TEST_SECRET}"], "mode": "upsert"}]"#,
         "unknown_column sinks[0].key[0]"),
    ])
    func aSecretQuotedByAValidationMessageIsHidden(blocks: String, issue: String) async throws {
        let file = try HostileFile(#"{"version": 1, "name": "secret", \#(blocks)}"#)
        defer { file.remove() }
        let (json, issues) = try await file.validate(environment: Self.environment)
        #expect(json.status == 2)
        #expect(issues == [issue], "\(json.output)")
        #expect(json.output.contains("${SLUICE_TEST_SECRET}"), "\(json.output)")
        var seen = [json.output, json.errors]
        for arguments in [["validate"], ["run"], ["run", "--log-format", "json"], ["plan"], ["state", "show"]] {
            let result = try await file.run(arguments, environment: Self.environment)
            #expect(result.status == 2)
            seen += [result.output, result.errors]
        }
        Self.expectNoSecret(in: seen)
    }

    @Test func aSecretInAPathNamedByARuntimeErrorIsHiddenAndNotKeptInTheHistory() async throws {
        let file = try HostileFile(#"{"version": 1, "name": "secret", "source": \#(HostileFile.embeddedSource()), "sinks": [{"type": "ndjson", "path": "${SLUICE_TEST_SECRET}"}]}"#)
        defer { file.remove() }
        try FileManager.default.createDirectory(atPath: file.folder.file(Self.secret), withIntermediateDirectories: true)
        var seen: [String] = []
        for arguments in [["run"], ["run", "--log-format", "json"], ["runs"], ["runs", "--format", "json"], ["plan"], ["state", "show"]] {
            let result = try await file.run(arguments, environment: Self.environment)
            seen += [result.output, result.errors]
        }
        #expect(seen[1].contains("[io]"), "\(seen[1])")
        let metrics = file.folder.file("metrics.prom")
        _ = try await file.run(["run", "--metrics-file", metrics], environment: Self.environment)
        seen.append((try? String(contentsOfFile: metrics, encoding: .utf8)) ?? "")
        seen.append((try? String(contentsOfFile: file.folder.file(".sluice/state.json"), encoding: .utf8)).map { text in
            // The sink's identity (its path) keys its committed days: that is data, not a message.
            (try? JSONParser.parse(text)["runs"].map(JSONWriter.string)) ?? text
        } ?? "")
        Self.expectNoSecret(in: seen)
    }

    @Test(arguments: ["basic", "bearer"])
    func anErrorBodyThatRepeatsTheCredentialsIsHidden(scheme: String) async throws {
        let key = "key-\(UUID().uuidString.prefix(8))", secret = "secret-\(UUID().uuidString.prefix(8))"
        let token = "token-\(UUID().uuidString.prefix(12))"
        let basic = Data("\(key):\(secret)".utf8).base64EncodedString()
        let configuration = GongEmulatorConfiguration(users: 3, accessKey: key, accessKeySecret: secret, bearerToken: token)
        try await withEmulator(configuration) { emulator in
            let (header, raw) = scheme == "basic" ? ("Basic \(basic)", "\(basic) \(key):\(secret)") : ("Bearer \(token)", token)
            let body = #"{"requestId": "r-1", "errors": ["denied: Authorization: \#(header)", "raw \#(raw) \#(header)", "via http://proxy-user:proxy-pass-word@proxy.example:3128"]}"#
            emulator.inject([.raw(status: 401, body: body)])
            // The bearer token is written in the file as it is, the access key comes from the environment.
            let auth = scheme == "basic"
                ? #"{"accessKey": "${SLUICE_TEST_KEY}", "accessKeySecret": "${SLUICE_TEST_SECRET}"}"#
                : #"{"bearerToken": "\#(token)"}"#
            let file = try HostileFile("""
                {"version": 1, "name": "gong", "source": {"type": "gong.activity", "baseURL": "\(emulator.baseURL)", "auth": \(auth),
                 "fromDate": "2024-01-01", "toDate": "2024-01-08", "windowDays": 7, "maxRetries": 0},
                 "sinks": [{"type": "stdout"}]}
                """)
            defer { file.remove() }
            let environment = ["SLUICE_TEST_KEY": key, "SLUICE_TEST_SECRET": secret]
            let text = try await file.run(["run"], environment: environment)
            #expect(text.status == 1)
            #expect(text.errors.contains("[gong_auth]"), "\(text.errors)")
            emulator.inject([.raw(status: 401, body: body)])
            let json = try await file.run(["run", "--log-format", "json"], environment: environment)
            let history = try await file.run(["runs"], environment: environment)
            Self.expectNoSecret(in: [text.output, text.errors, json.output, json.errors, history.output, history.errors],
                                (scheme == "basic" ? [key, secret, basic] : [token]) + ["proxy-pass-word"])
        }
    }
}
