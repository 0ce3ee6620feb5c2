// swift-tools-version:6.0
// SPDX-License-Identifier: Apache-2.0
// The Swift binding of taper: a Swift API over the C ABI (include/taper.h).
//
// CTaper is a system library over libtaper_c, which CMake builds; SwiftPM does not build it
// (docs/swift.md says why). So that `swift build` / `swift test` work in a checkout with no
// install and no PKG_CONFIG_PATH, this manifest chooses where libtaper_c comes from:
//   1. TAPER_BUILD_DIR set: that build tree (<dir>/src/libtaper_c.so), and nothing else;
//   2. else a taper_c.pc on PKG_CONFIG_PATH or in pkg-config's usual directories: the
//      installed taper, with the flags SwiftPM reads from the .pc file, as an app's build has;
//   3. else this repository's own build tree, build/dev or else build/release;
//   4. else pkg-config and both build trees: SwiftPM caches what a manifest decided (keyed by
//      this file and the environment, not by the files it looked at), so a decision made
//      before taper was first built must still link once it is built.
// For a build tree the manifest adds -L and an rpath, so the tests and apps find
// libtaper_c.so without LD_LIBRARY_PATH. The header is the repository's include/taper.h
// whenever the package sits in the taper repository (Sources/CTaper/shim.h), the header the
// binding was written against; the ABI check at run time catches a library of another ABI.
//
// Tools version 6.0, Swift 6 language mode: the compiler checks every Sendable claim the
// binding makes (complete strict concurrency checking). No outside dependencies.
import Foundation
import PackageDescription

/// Whether SwiftPM should ask pkg-config for taper_c, and which build trees' library
/// directories to link from (with an rpath).
func taperLibrary() -> (pkgConfig: Bool, directories: [String]) {
    let environment = ProcessInfo.processInfo.environment
    let files = FileManager.default
    if let tree = environment["TAPER_BUILD_DIR"], !tree.isEmpty {
        return (false, [URL(fileURLWithPath: tree).appendingPathComponent("src").path])
    }
    // pkg-config's search path: PKG_CONFIG_PATH, then PKG_CONFIG_LIBDIR or the usual defaults
    // (Debian's multiarch directories included; Homebrew's on macOS).
    var pcDirectories = (environment["PKG_CONFIG_PATH"] ?? "").split(separator: ":").map(String.init)
    if let libdir = environment["PKG_CONFIG_LIBDIR"] {
        pcDirectories += libdir.split(separator: ":").map(String.init)
    } else {
        for prefix in ["/usr/local", "/usr", "/opt/homebrew"] {
            pcDirectories += [prefix + "/lib/pkgconfig", prefix + "/share/pkgconfig"]
            let multiarch = (try? files.contentsOfDirectory(atPath: prefix + "/lib")) ?? []
            pcDirectories += multiarch.filter { $0.contains("-linux-") }.map { "\(prefix)/lib/\($0)/pkgconfig" }
        }
    }
    if pcDirectories.contains(where: { files.fileExists(atPath: $0 + "/taper_c.pc") }) {
        return (true, [])
    }
    let repository = URL(fileURLWithPath: Context.packageDirectory)
        .deletingLastPathComponent().deletingLastPathComponent()  // bindings/swift -> the root
    let trees = ["dev", "release"].map { repository.appendingPathComponent("build/\($0)/src").path }
    let names = ["libtaper_c.so", "libtaper_c.dylib"]  // Linux; macOS (untested here)
    if let built = trees.first(where: { tree in names.contains { files.fileExists(atPath: tree + "/" + $0) } }) {
        return (false, [built])
    }
    return (true, trees)
}

let library = taperLibrary()
let buildTreeFlags = library.directories.flatMap { ["-L" + $0, "-Xlinker", "-rpath", "-Xlinker", $0] }

let package = Package(
    name: "Taper",
    products: [
        .library(name: "Taper", targets: ["Taper"]),
    ],
    targets: [
        library.pkgConfig
            ? .systemLibrary(name: "CTaper", pkgConfig: "taper_c")
            : .systemLibrary(name: "CTaper"),
        .target(name: "Taper", dependencies: ["CTaper"],
                linkerSettings: buildTreeFlags.isEmpty ? [] : [.unsafeFlags(buildTreeFlags)]),
        .testTarget(name: "TaperTests", dependencies: ["Taper"]),
    ],
    swiftLanguageModes: [.v6])
