import CTaper

/// The library behind the binding: its versions, and the ABI check every entry point makes.
public enum TaperLibrary {
    /// The C ABI version this binding was written against. A library of another ABI version
    /// is refused (TaperError.abiMismatch) the first time the binding is used.
    public static let bindingABIVersion: Int32 = 2

    /// The loaded library's version, "MAJOR.MINOR.PATCH".
    public static var version: String { String(cString: taper_version()) }

    /// The loaded library's C ABI version.
    public static var abiVersion: Int32 { Int32(taper_abi_version()) }

    /// The ABI version of the taper.h the binding was compiled against.
    public static var headerABIVersion: Int32 { Int32(TAPER_ABI_VERSION) }

    /// Throws TaperError.abiMismatch, with a message naming both versions, unless the loaded
    /// library and the header the binding was compiled against both have the ABI version
    /// the binding was written for. Checked once; every entry point calls it, so there is
    /// no need to call it yourself (though you may, e.g. at start-up).
    public static func checkABI() throws(TaperError) {
        if let failure = abiCheckResult { throw failure }
    }

    /// The check itself, against any expected version (the tests use it with a wrong one).
    static func abiCheck(expected: Int32) -> TaperError? {
        if headerABIVersion != expected {
            return .abiMismatch(
                "the taper Swift binding was written for C ABI version \(expected), but it was "
                    + "compiled against a taper.h of ABI version \(headerABIVersion); use a taper "
                    + "release with ABI version \(expected) or a binding written for \(headerABIVersion)")
        }
        do {
            try check { taper_abi_check(Int32(expected), $0) }
        } catch {
            return .abiMismatch(
                "the taper Swift binding was written for C ABI version \(expected), but the loaded "
                    + "libtaper_c (\(version)) has ABI version \(abiVersion): \(error.message)")
        }
        return nil
    }
}

/// Runs once, on first use (a global is initialised lazily and exactly once, thread-safely).
private let abiCheckResult: TaperError? = TaperLibrary.abiCheck(expected: TaperLibrary.bindingABIVersion)

/// Called by every entry point that makes a handle or parses text.
@inline(__always)
func ensureABI() throws(TaperError) {
    if let failure = abiCheckResult { throw failure }
}
