// swift-tools-version:6.0
// SPDX-License-Identifier: Apache-2.0
// The Swift binding of taper: a Swift API over the C ABI (include/taper.h).
//
// CTaper is a system library: SwiftPM finds an installed libtaper_c through pkg-config
// (taper_c.pc), so point PKG_CONFIG_PATH at <prefix>/lib/pkgconfig and let the dynamic
// loader find libtaper_c.so at run time (LD_LIBRARY_PATH, or -Xlinker -rpath). docs/swift.md
// explains why it is not a C target, and how to build and test.
//
// Tools version 6.0, Swift 6 language mode: the compiler checks every Sendable claim the
// binding makes (complete strict concurrency checking). No outside dependencies.
import PackageDescription

let package = Package(
    name: "Taper",
    products: [
        .library(name: "Taper", targets: ["Taper"]),
    ],
    targets: [
        .systemLibrary(name: "CTaper", pkgConfig: "taper_c"),
        .target(name: "Taper", dependencies: ["CTaper"]),
        .testTarget(name: "TaperTests", dependencies: ["Taper"]),
    ],
    swiftLanguageModes: [.v6])
