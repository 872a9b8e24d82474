// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "villagewatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "villagewatch", targets: ["VillageWatchCLI"]),
        .executable(name: "ImportBench", targets: ["ImportBench"]),
        .executable(name: "PublicRecordBench", targets: ["PublicRecordBench"]),
        .executable(name: "FundsBench", targets: ["FundsBench"]),
        .executable(name: "ScreenBench", targets: ["ScreenBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Areas, people, money, ID numbers, masking, access scopes, audit,
        // the import pipeline, database and migrations.
        .target(
            name: "VillageWatchCore",
            dependencies: [
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        // What every module's web layer shares: request context, sign-in and access guard,
        // page rendering, forms. Depends on Hummingbird; the core does not.
        .target(
            name: "VillageWatchWeb",
            dependencies: [
                "VillageWatchCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Templates"), .copy("Static")],
            swiftSettings: swiftSettings
        ),
        // Grassroots governance (基层建设): cadres, their declared relatives, who handles what.
        .target(
            name: "VillageWatchGovernance",
            dependencies: ["VillageWatchCore", "VillageWatchWeb"],
            resources: [.copy("Web/Templates")],
            swiftSettings: swiftSettings
        ),
        // The tamper-evident public record: RFC 6962 Merkle log, C2SP signed checkpoints, proofs.
        .target(
            name: "VillageWatchTransparency",
            dependencies: ["VillageWatchCore", "VillageWatchWeb", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Three publications (三公开): drafts, committee sign-off, versions, search, the compliance calendar.
        .target(
            name: "VillageWatchPublications",
            dependencies: ["VillageWatchCore", "VillageWatchWeb", "VillageWatchTransparency"],
            resources: [.copy("Web/Templates")],
            swiftSettings: swiftSettings
        ),
        // Collective funds (三资·资金): accounts, bank statements, flows, finance publication.
        .target(
            name: "VillageWatchFunds",
            dependencies: [
                "VillageWatchCore", "VillageWatchWeb", "VillageWatchPublications",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Profiles"), .copy("Web/Templates")],
            swiftSettings: swiftSettings
        ),
        // Supervision (监察): benefit rolls, registries and leases compared with the registry.
        .target(
            name: "VillageWatchSupervision",
            dependencies: ["VillageWatchCore", "VillageWatchWeb", "VillageWatchPublications", "VillageWatchFunds", .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "Hummingbird", package: "hummingbird")],
            resources: [.copy("Web/Templates")],
            swiftSettings: swiftSettings
        ),
        // Echo wall (回音壁): villagers' questions, suggestions, complaints and reports; deadlines in
        // working days, escalation, public answers and ratings; Open311 GeoReport v2.
        .target(
            name: "VillageWatchEchoWall",
            dependencies: ["VillageWatchCore", "VillageWatchWeb", "VillageWatchPublications", .product(name: "Hummingbird", package: "hummingbird")],
            resources: [.copy("Calendar"), .copy("Web/Templates")],
            swiftSettings: swiftSettings
        ),
        // Deterministic synthetic county written as canonical CSVs.
        .target(
            name: "VillageWatchDemo",
            dependencies: ["VillageWatchCore"],
            swiftSettings: swiftSettings
        ),
        // The Hummingbird application wiring every module together.
        .target(
            name: "VillageWatchServer",
            dependencies: [
                "VillageWatchCore", "VillageWatchWeb", "VillageWatchGovernance", "VillageWatchDemo",
                "VillageWatchTransparency", "VillageWatchPublications", "VillageWatchFunds", "VillageWatchSupervision", "VillageWatchEchoWall",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "VillageWatchCLI",
            dependencies: [
                "VillageWatchCore", "VillageWatchGovernance", "VillageWatchDemo", "VillageWatchServer", "VillageWatchFunds",
                "VillageWatchTransparency", "VillageWatchSupervision", "VillageWatchEchoWall",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "BenchmarkSupport", dependencies: ["VillageWatchCore"], path: "Benchmarks/BenchmarkSupport", swiftSettings: swiftSettings),
        .executableTarget(
            name: "ImportBench",
            dependencies: ["VillageWatchCore", "VillageWatchDemo", "VillageWatchServer", "BenchmarkSupport"],
            path: "Benchmarks/ImportBench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FundsBench",
            dependencies: ["VillageWatchCore", "VillageWatchDemo", "VillageWatchServer", "BenchmarkSupport"],
            path: "Benchmarks/FundsBench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "ScreenBench",
            dependencies: ["VillageWatchCore", "VillageWatchDemo", "VillageWatchServer", "VillageWatchSupervision", "VillageWatchPublications", "BenchmarkSupport"],
            path: "Benchmarks/ScreenBench",
            swiftSettings: swiftSettings
        ),
        // Fixtures shared by the test targets: a fresh database on each engine, the shared data.
        .target(
            name: "VillageWatchTestSupport",
            dependencies: ["VillageWatchCore", "VillageWatchServer"],
            path: "Tests/Support",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "PublicRecordBench",
            dependencies: [
                "VillageWatchCore", "VillageWatchServer", "VillageWatchTransparency", "VillageWatchPublications", "BenchmarkSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Benchmarks/PublicRecordBench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VillageWatchCoreTests",
            dependencies: ["VillageWatchCore", "VillageWatchGovernance", "VillageWatchDemo", "VillageWatchFunds", "VillageWatchTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VillageWatchFundsTests",
            dependencies: ["VillageWatchFunds", "VillageWatchCore", "VillageWatchPublications", "VillageWatchWeb", "VillageWatchTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VillageWatchSupervisionTests",
            dependencies: ["VillageWatchSupervision", "VillageWatchCore", "VillageWatchPublications", "VillageWatchServer", "VillageWatchDemo",
                           "VillageWatchTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VillageWatchEchoWallTests",
            dependencies: ["VillageWatchEchoWall", "VillageWatchCore", "VillageWatchTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VillageWatchTransparencyTests",
            dependencies: ["VillageWatchTransparency", "VillageWatchTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VillageWatchPublicationsTests",
            dependencies: ["VillageWatchPublications", "VillageWatchTransparency", "VillageWatchTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VillageWatchServerTests",
            dependencies: [
                "VillageWatchServer", "VillageWatchTestSupport", "VillageWatchFunds", "VillageWatchSupervision", "VillageWatchEchoWall",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
