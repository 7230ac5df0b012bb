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
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The lesson engine: decoding, sanitizing, parsing, analysis, width and wrapping.
        // No terminal code here.
        .target(name: "LessonKit"),
        // Screen, key map, reader state and views: pure, testable without a terminal.
        .target(name: "ReaderCore", dependencies: ["LessonKit"]),
        // SQLite's C interface, for the progress database.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Reading positions, word statuses and settings in SQLite.
        .target(name: "ProgressStore", dependencies: ["LessonKit", "CSQLite"]),
        // ncursesw, seen through a small C shim.
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // 2 MB pages for the heap of a thread that analyses a long lesson (issue 5).
        .target(name: "CHugeHeap"),
        // The only module that talks to the terminal.
        .target(name: "CursesTerminal", dependencies: ["CNcursesw", "ReaderCore", "LessonKit"]),
        .executableTarget(
            name: "gloss",
            dependencies: [
                "LessonKit", "ReaderCore", "CursesTerminal", "ProgressStore", "CHugeHeap",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: timings of every stage on generated lessons, and gloss beside less.
        .executableTarget(name: "gloss-bench", dependencies: ["LessonKit", "ReaderCore"], path: "Sources/GlossBench"),
        // `make fuzz`: a libFuzzer target when built with -sanitize=fuzzer -DFUZZING; otherwise a
        // replayer that runs the same code over files (so every build checks it compiles).
        .executableTarget(name: "gloss-fuzz", dependencies: ["LessonKit", "ReaderCore"], path: "Sources/GlossFuzz"),
        .testTarget(
            name: "LessonKitTests",
            dependencies: [
                "LessonKit", "CNcursesw",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ReaderCoreTests", dependencies: ["ReaderCore", "LessonKit"], resources: [.copy("Snapshots")]),
        // GRDB only to check that dates are stored as gloss stored them through GRDB before.
        .testTarget(
            name: "ProgressStoreTests",
            dependencies: ["ProgressStore", "LessonKit", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "CursesTerminalTests", dependencies: ["CursesTerminal"]),
        .testTarget(name: "CHugeHeapTests", dependencies: ["CHugeHeap"]),
        .testTarget(name: "EndToEndTests", dependencies: ["LessonKit"]),
    ],
    swiftLanguageModes: [.v6]
)
