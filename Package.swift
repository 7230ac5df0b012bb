// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "gloss",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gloss", targets: ["gloss"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // The lesson engine: decoding, sanitizing, parsing, analysis, width and wrapping.
        // No terminal code here.
        .target(name: "LessonKit"),
        // Screen, key map, reader state and views: pure, testable without a terminal.
        .target(name: "ReaderCore", dependencies: ["LessonKit"]),
        // ncursesw, seen through a small C shim.
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The only module that talks to the terminal.
        .target(name: "CursesTerminal", dependencies: ["CNcursesw", "ReaderCore", "LessonKit"]),
        .executableTarget(
            name: "gloss",
            dependencies: [
                "LessonKit", "ReaderCore", "CursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "LessonKitTests",
            dependencies: [
                "LessonKit", "CNcursesw",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ReaderCoreTests", dependencies: ["ReaderCore", "LessonKit"], resources: [.copy("Snapshots")]),
        .testTarget(name: "EndToEndTests", dependencies: ["LessonKit"]),
    ],
    swiftLanguageModes: [.v6]
)
