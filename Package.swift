// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// Every Swift target gets the same language settings (swift-log and swift-openapi-generator do the same).
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Sluice",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sluice", targets: ["sluice"]),
        // For packages that build their own `sluice` with plugins of their own (Examples/custom-plugin):
        // the core that plugins are written against, each plugin family, the shipped set and the command.
        .library(name: "SluiceCore", targets: ["SluiceCore"]),
        .library(name: "GongModel", targets: ["GongModel"]),
        .library(name: "SluiceGong", targets: ["SluiceGong"]),
        .library(name: "SluiceTransforms", targets: ["SluiceTransforms"]),
        .library(name: "SluicePostgres", targets: ["SluicePostgres"]),
        .library(name: "SluiceFiles", targets: ["SluiceFiles"]),
        .library(name: "SluiceSinger", targets: ["SluiceSinger"]),
        .library(name: "SluicePlugins", targets: ["SluicePlugins"]),
        .library(name: "GongEmulator", targets: ["GongEmulator"]),
        .library(name: "SluiceCommand", targets: ["SluiceCommand"]),
        // For the tests of plugin authors: transforms run over batches, options checked, the Gong emulator.
        .library(name: "SluicePluginTesting", targets: ["SluicePluginTesting"]),
        .plugin(name: "LintPipelines", targets: ["LintPipelines"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
    ],
    targets: [
        .target(
            name: "SluiceCore",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(name: "SluiceFiles", dependencies: ["SluiceCore", "SluiceSinger"], swiftSettings: swiftSettings),
        .target(name: "SluiceSinger", dependencies: ["SluiceCore", .product(name: "Logging", package: "swift-log")], swiftSettings: swiftSettings),
        .target(name: "SluiceTransforms", dependencies: ["SluiceCore", "GongModel"], swiftSettings: swiftSettings),
        .target(name: "GongModel", dependencies: ["SluiceCore"], swiftSettings: swiftSettings),
        .target(
            name: "GongEmulator",
            dependencies: [
                "SluiceCore", "GongModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SluiceGong",
            dependencies: [
                "SluiceCore", "GongModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(
            name: "SluicePostgres",
            dependencies: ["SluiceCore", "CLibPQ", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SluicePlugins",
            dependencies: ["SluiceCore", "SluiceFiles", "SluiceTransforms", "SluiceGong", "SluicePostgres", "SluiceSinger"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SluiceFuzzTargets",
            dependencies: ["SluiceCore", "SluiceFiles", "SluiceGong", "SluicePlugins", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SluiceCommand",
            dependencies: [
                "SluiceCore", "SluiceGong", "GongModel", "GongEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "sluice", dependencies: ["SluiceCommand", "SluicePlugins"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "sluice-bench",
            dependencies: [
                "SluiceCore", "SluicePlugins", "SluiceFiles", "SluiceTransforms", "GongModel", "GongEmulator", "SluicePostgres",
                "SluiceGong", "SluicePluginTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/sluice-bench",
            swiftSettings: swiftSettings
        ),
        .plugin(
            name: "LintPipelines",
            capability: .command(
                intent: .custom(verb: "lint-pipelines", description: "Validate every pipeline file under pipelines/")
            ),
            dependencies: ["sluice"]
        ),
        .target(
            name: "SluicePluginTesting",
            dependencies: ["SluiceCore", "GongModel", "SluiceGong", "GongEmulator", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SluiceTestKit", dependencies: ["SluiceCore"], path: "Tests/SluiceTestKit", swiftSettings: swiftSettings
        ),
        .testTarget(name: "SluiceSingerTests", dependencies: ["SluiceCore", "SluiceSinger"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SluiceCoreTests", dependencies: ["SluiceCore", "SluicePluginTesting", "SluiceTestKit"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SluiceFilesTests", dependencies: ["SluiceCore", "SluiceFiles", "SluicePluginTesting", "SluiceTestKit"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SluiceTransformsTests",
            dependencies: ["SluiceCore", "SluiceTransforms", "GongModel", "SluicePluginTesting", "SluiceTestKit"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SluiceGongTests",
            dependencies: ["SluiceCore", "SluiceGong", "GongModel", "GongEmulator", "SluicePluginTesting", "SluiceTestKit"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SluicePostgresTests", dependencies: ["SluiceCore", "SluicePostgres", "SluiceTestKit"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SluiceCommandTests",
            dependencies: [
                "sluice", "SluiceCommand", "SluiceCore", "SluicePlugins", "SluicePluginTesting", "SluiceTestKit", "GongModel", "GongEmulator",
            ],
            exclude: ["InvalidPipelines", "invalid-pipelines.expected.json"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SluiceFuzzTests", dependencies: ["SluiceFuzzTargets"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SluiceEndToEndTests",
            dependencies: ["sluice", "SluiceCore", "SluicePluginTesting", "SluiceTestKit", "GongModel", "GongEmulator", "SluiceTransforms"],
            swiftSettings: swiftSettings
        ),
    ]
)

// The libFuzzer driver of `scripts/fuzz`: only with SLUICE_FUZZ set, built with its own flags
// (`-sanitize=fuzzer -parse-as-library`) in a scratch folder of its own, never by a plain `swift build`.
if ProcessInfo.processInfo.environment["SLUICE_FUZZ"] != nil {
    package.targets.append(.executableTarget(
        name: "sluice-fuzz", dependencies: ["SluiceFuzzTargets"], path: "Tests/Fuzz/sluice-fuzz", swiftSettings: swiftSettings
    ))
}
