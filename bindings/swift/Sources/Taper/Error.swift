import CTaper

/// An error from taper: one case per status of the C ABI's pinned `taper_status` enum, each
/// carrying the library's own message (which names the input and what was expected) and its
/// structured detail (what kind of error, the input, what was expected, the option at fault,
/// suggestions), so that a program reads the error as data and never parses the message.
///
///     do {
///         _ = try db.plan(request, strategy: .hyperbolic(points: 0))
///     } catch let error as TaperError {
///         print(error.statusName, error.message)   // TAPER_ERROR_STRATEGY hyperbolic strategy: ...
///         print(error.detail.option)               // "points"
///     }
public enum TaperError: Error, Sendable, Hashable, CustomStringConvertible {
    /// NULL where an object is needed, a bad enum, a value outside what the operation accepts.
    case invalidArgument(String, detail: ErrorDetail = ErrorDetail())
    /// Text that does not read as the expected quantity.
    case parse(String, detail: ErrorDetail = ErrorDetail())
    /// No such drug; the detail's suggestions hold the nearest names.
    case unknownDrug(String, detail: ErrorDetail = ErrorDetail())
    /// The data lacks a value that was needed (never guessed).
    case missingData(String, detail: ErrorDetail = ErrorDetail())
    /// Formulary JSON that breaks the schema, or a file that cannot be read.
    case formulary(String, detail: ErrorDetail = ErrorDetail())
    /// A request that cannot be planned as asked (also a custom strategy's own error).
    case plan(String, detail: ErrorDetail = ErrorDetail())
    /// An unknown or duplicate strategy name, or options the strategy cannot use.
    case strategy(String, detail: ErrorDetail = ErrorDetail())
    /// A buffer or array was too small (the binding sizes its buffers, so rarely seen).
    case bufferTooSmall(String, detail: ErrorDetail = ErrorDetail())
    /// An index past the end.
    case indexOutOfRange(String, detail: ErrorDetail = ErrorDetail())
    /// The library's ABI version (or a struct or vtable version) is not the binding's.
    case abiMismatch(String, detail: ErrorDetail = ErrorDetail())
    case outOfMemory(String, detail: ErrorDetail = ErrorDetail())
    /// A bug in taper: please report it with the message.
    case `internal`(String, detail: ErrorDetail = ErrorDetail())
    /// A status this binding does not know (a newer library).
    case unknown(code: Int32, message: String, detail: ErrorDetail = ErrorDetail())

    /// The library's message.
    public var message: String { parts.message }

    /// The error as data: `kind`, `input`, `expected`, `option`, `suggestions` (empty when the
    /// library had none, e.g. for a NULL argument or an error made in Swift).
    public var detail: ErrorDetail { parts.detail }

    private var parts: (message: String, detail: ErrorDetail) {
        switch self {
        case .invalidArgument(let m, let d), .parse(let m, let d), .unknownDrug(let m, let d),
             .missingData(let m, let d), .formulary(let m, let d), .plan(let m, let d), .strategy(let m, let d),
             .bufferTooSmall(let m, let d), .indexOutOfRange(let m, let d), .abiMismatch(let m, let d),
             .outOfMemory(let m, let d), .internal(let m, let d):
            return (m, d)
        case .unknown(_, let m, let d):
            return (m, d)
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
        case .unknown(let code, _, _): return code
        }
    }

    /// The status's name in the C header, e.g. "TAPER_ERROR_PARSE".
    public var statusName: String {
        String(cString: taper_status_name(taper_status(rawValue: .init(truncatingIfNeeded: code))))
    }

    /// "TAPER_ERROR_PARSE: could not read ..." (the status name, then the library's message).
    public var description: String { "\(statusName): \(message)" }

    /// From a pinned status code, a message and (when the library gave one) the detail.
    public init(code: Int32, message: String, detail: ErrorDetail = ErrorDetail()) {
        switch code {
        case 1: self = .invalidArgument(message, detail: detail)
        case 2: self = .parse(message, detail: detail)
        case 3: self = .unknownDrug(message, detail: detail)
        case 4: self = .missingData(message, detail: detail)
        case 5: self = .formulary(message, detail: detail)
        case 6: self = .plan(message, detail: detail)
        case 7: self = .strategy(message, detail: detail)
        case 8: self = .bufferTooSmall(message, detail: detail)
        case 9: self = .indexOutOfRange(message, detail: detail)
        case 10: self = .abiMismatch(message, detail: detail)
        case 11: self = .outOfMemory(message, detail: detail)
        case 12: self = .internal(message, detail: detail)
        default: self = .unknown(code: code, message: message, detail: detail)
        }
    }
}

/// What kind of error, finer than its status: the C ABI's `taper_error_code` (C++'s
/// `taper::error_code`), wrapped as `MessageCode` wraps message codes. The constants are the C
/// enumerators themselves; a kind this binding does not name yet still arrives with its number.
public struct ErrorKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    init(_ code: taper_error_code) { rawValue = Int32(code.rawValue) }

    public var description: String { "error kind \(rawValue)" }

    /// No detail: a NULL argument, a bad index, an error made in Swift.
    public static let unspecified = ErrorKind(TAPER_ERROR_CODE_UNSPECIFIED)
    public static let parse = ErrorKind(TAPER_ERROR_CODE_PARSE)
    public static let formulary = ErrorKind(TAPER_ERROR_CODE_FORMULARY)
    public static let unknownDrug = ErrorKind(TAPER_ERROR_CODE_UNKNOWN_DRUG)
    public static let missingData = ErrorKind(TAPER_ERROR_CODE_MISSING_DATA)
    public static let invalidArgument = ErrorKind(TAPER_ERROR_CODE_INVALID_ARGUMENT)
    /// A field of the request (`option` names it: "max step", "occupancy model").
    public static let planRequest = ErrorKind(TAPER_ERROR_CODE_PLAN_REQUEST)
    public static let plan = ErrorKind(TAPER_ERROR_CODE_PLAN)
    /// One strategy option (`option` is its schema name: "tail_step").
    public static let strategyOption = ErrorKind(TAPER_ERROR_CODE_STRATEGY_OPTION)
    public static let unknownStrategy = ErrorKind(TAPER_ERROR_CODE_UNKNOWN_STRATEGY)
    public static let strategyRegistration = ErrorKind(TAPER_ERROR_CODE_STRATEGY_REGISTRATION)
}

/// What the library knows about an error besides its message (the C ABI's
/// `taper_error_detail_code`, `taper_error_input`, `_expected`, `_option` and `_suggestion`).
/// Empty strings mean "not known".
public struct ErrorDetail: Sendable, Hashable {
    public var kind: ErrorKind
    /// The input as given ("citaloparm", "middle").
    public var input: String
    /// What would have been accepted.
    public var expected: String
    /// The option or request field at fault, by its schema name ("tail_step", "max step").
    public var option: String
    /// The nearest drug, strategy or option names, nearest first.
    public var suggestions: [String]

    public init(kind: ErrorKind = .unspecified, input: String = "", expected: String = "", option: String = "",
                suggestions: [String] = []) {
        self.kind = kind
        self.input = input
        self.expected = expected
        self.option = option
        self.suggestions = suggestions
    }

    /// Copied out of a library error (borrowed strings: read before taper_error_free).
    init(of error: OpaquePointer) {
        self.init(kind: ErrorKind(rawValue: taper_error_detail_code(error)),
                  input: string(taper_error_input(error)), expected: string(taper_error_expected(error)),
                  option: string(taper_error_option(error)),
                  suggestions: (0..<taper_error_suggestion_count(error)).map { string(taper_error_suggestion(error, $0)) })
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
    throw TaperError(code: code, message: message.isEmpty ? String(cString: taper_status_name(status)) : message,
                     detail: error.map { ErrorDetail(of: $0) } ?? ErrorDetail())
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
