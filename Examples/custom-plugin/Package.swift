// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [.swiftLanguageMode(.v6)]

/// A Sluice distribution with one plugin of its own: the `sluice` command with every shipped plugin,
/// plus `teams.byEmail`. It depends on Sluice by path; another repository names Sluice's URL instead.
let package = Package(
    name: "custom-plugin",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sluice-teams", targets: ["TeamSluice"]),
        .library(name: "TeamPlugins", targets: ["TeamPlugins"]),
    ],
    dependencies: [
        .package(name: "Sluice", path: "../.."),
    ],
    targets: [
        // The plugin: depends on the core only.
        .target(
            name: "TeamPlugins",
            dependencies: [.product(name: "SluiceCore", package: "Sluice")],
            swiftSettings: swiftSettings
        ),
        // The binary: Sluice's command with the shipped plugins and this package's own.
        .executableTarget(
            name: "TeamSluice",
            dependencies: [
                "TeamPlugins",
                .product(name: "SluiceCommand", package: "Sluice"),
                .product(name: "SluicePlugins", package: "Sluice"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TeamPluginsTests",
            dependencies: [
                "TeamPlugins",
                .product(name: "SluicePluginTesting", package: "Sluice"),
                .product(name: "GongEmulator", package: "Sluice"),
                .product(name: "GongModel", package: "Sluice"),
                .product(name: "SluiceTransforms", package: "Sluice"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
