import CTaper

/// An error from taper: one case per status of the C ABI's pinned `taper_status` enum, each
/// carrying the library's own message (which names the input and what was expected).
///
///     do {
///         _ = try db.plan(request, strategy: .hyperbolic(points: 0))
///     } catch let error as TaperError {
///         print(error.statusName, error.message)   // TAPER_ERROR_STRATEGY hyperbolic strategy: ...
///     }
public enum TaperError: Error, Sendable, Hashable, CustomStringConvertible {
    /// NULL where an object is needed, a bad enum, a value outside what the operation accepts.
    case invalidArgument(String)
    /// Text that does not read as the expected quantity.
    case parse(String)
    /// No such drug; the message suggests near names.
    case unknownDrug(String)
    /// The data lacks a value that was needed (never guessed).
    case missingData(String)
    /// Formulary JSON that breaks the schema, or a file that cannot be read.
    case formulary(String)
    /// A request that cannot be planned as asked (also a custom strategy's own error).
    case plan(String)
    /// An unknown or duplicate strategy name, or options the strategy cannot use.
    case strategy(String)
    /// A buffer or array was too small (the binding sizes its buffers, so rarely seen).
    case bufferTooSmall(String)
    /// An index past the end.
    case indexOutOfRange(String)
    /// The library's ABI version (or a struct or vtable version) is not the binding's.
    case abiMismatch(String)
    case outOfMemory(String)
    /// A bug in taper: please report it with the message.
    case `internal`(String)
    /// A status this binding does not know (a newer library).
    case unknown(code: Int32, message: String)

    /// The library's message.
    public var message: String {
        switch self {
        case .invalidArgument(let m), .parse(let m), .unknownDrug(let m), .missingData(let m),
             .formulary(let m), .plan(let m), .strategy(let m), .bufferTooSmall(let m),
             .indexOutOfRange(let m), .abiMismatch(let m), .outOfMemory(let m), .internal(let m):
            return m
        case .unknown(_, let m):
            return m
        }
    }

    /// The pinned `taper_status` value (TAPER_ERROR_PARSE is 2, ...).
    public var code: Int32 {
        switch self {
        case .invalidArgument: return 1
        case .parse: return 2
        case .unknownDrug: return 3
        case .missingData: return 4
        case .formulary: return 5
        case .plan: return 6
        case .strategy: return 7
        case .bufferTooSmall: return 8
        case .indexOutOfRange: return 9
        case .abiMismatch: return 10
        case .outOfMemory: return 11
        case .internal: return 12
        case .unknown(let code, _): return code
        }
    }

    /// The status's name in the C header, e.g. "TAPER_ERROR_PARSE".
    public var statusName: String {
        String(cString: taper_status_name(taper_status(rawValue: .init(truncatingIfNeeded: code))))
    }

    /// "TAPER_ERROR_PARSE: could not read ..." (the status name, then the library's message).
    public var description: String { "\(statusName): \(message)" }

    /// From a pinned status code and a message.
    public init(code: Int32, message: String) {
        switch code {
        case 1: self = .invalidArgument(message)
        case 2: self = .parse(message)
        case 3: self = .unknownDrug(message)
        case 4: self = .missingData(message)
        case 5: self = .formulary(message)
        case 6: self = .plan(message)
        case 7: self = .strategy(message)
        case 8: self = .bufferTooSmall(message)
        case 9: self = .indexOutOfRange(message)
        case 10: self = .abiMismatch(message)
        case 11: self = .outOfMemory(message)
        case 12: self = .internal(message)
        default: self = .unknown(code: code, message: message)
        }
    }
}

// MARK: - Calling the C ABI

/// Runs one fallible C call with an error out-parameter; on failure turns the status and the
/// library's taper_error into a TaperError (freeing the taper_error).
@inline(__always)
func check(_ body: (UnsafeMutablePointer<OpaquePointer?>) -> taper_status) throws(TaperError) {
    var error: OpaquePointer? = nil
    let status = body(&error)
    try throwIfFailed(status, error)
}

/// Throws the TaperError for a failed status, taking ownership of `error` (freed here).
func throwIfFailed(_ status: taper_status, _ error: OpaquePointer?) throws(TaperError) {
    if status == TAPER_OK { return }
    defer { taper_error_free(error) }
    let code = Int32(truncatingIfNeeded: status.rawValue)
    let message = error.map { String(cString: taper_error_message($0)) } ?? ""
    throw TaperError(code: code, message: message.isEmpty ? String(cString: taper_status_name(status)) : message)
}

/// A copy of a borrowed C string ("" for NULL).
@inline(__always)
func string(_ pointer: UnsafePointer<CChar>?) -> String {
    pointer.map { String(cString: $0) } ?? ""
}

/// A copy of a borrowed C string, nil for NULL or "" (fields the header documents as "" if none).
@inline(__always)
func nonEmpty(_ pointer: UnsafePointer<CChar>?) -> String? {
    guard let pointer, pointer.pointee != 0 else { return nil }
    return String(cString: pointer)
}

/// Takes an allocated C string (taper_string_free) and returns a Swift copy.
@inline(__always)
func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
    defer { taper_string_free(pointer) }
    return pointer.map { String(cString: $0) } ?? ""
}

/// NaN ("not set / not known" in the C ABI) as nil.
@inline(__always)
func known(_ value: Double) -> Double? { value.isNaN ? nil : value }
