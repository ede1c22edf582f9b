// swift-tools-version: 6.1
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
        .library(name: "SluiceCore", targets: ["SluiceCore"]),
        .plugin(name: "LintPipelines", targets: ["LintPipelines"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .target(
            name: "SluiceCore",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(name: "SluiceFiles", dependencies: ["SluiceCore"], swiftSettings: swiftSettings),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(
            name: "SluicePostgres",
            dependencies: ["SluiceCore", "CLibPQ", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sluice",
            dependencies: [
                "SluiceCore", "SluiceFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .plugin(
            name: "LintPipelines",
            capability: .command(
                intent: .custom(verb: "lint-pipelines", description: "Validate every pipeline file under pipelines/")
            ),
            dependencies: ["sluice"]
        ),
        .testTarget(name: "SluiceCoreTests", dependencies: ["SluiceCore"], swiftSettings: swiftSettings),
        .testTarget(name: "SluiceFilesTests", dependencies: ["SluiceCore", "SluiceFiles"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SluicePostgresTests", dependencies: ["SluiceCore", "SluicePostgres"], swiftSettings: swiftSettings
        ),
        .testTarget(name: "SluiceCommandTests", dependencies: ["sluice", "SluiceCore"], swiftSettings: swiftSettings),
    ]
)
