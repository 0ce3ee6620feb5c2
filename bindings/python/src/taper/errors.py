"""Exceptions, one per status of the C ABI, each carrying the library's own message.

Every error the library reports arrives as a subclass of :class:`TaperError`. The message is
the library's (it names the input and what was expected); ``status`` is the C status code
and ``status_name`` its enumerator (``"TAPER_ERROR_PLAN"``). The subclasses also derive
from the closest built-in exception, so ``except ValueError`` catches bad values too.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, NoReturn

from ._ffi import ffi, lib

__all__ = [
    "Status",
    "ErrorCode",
    "TaperError",
    "ErrorDetail",
    "InvalidArgumentError",
    "ParseError",
    "UnknownDrugError",
    "MissingDataError",
    "FormularyError",
    "PlanError",
    "StrategyError",
    "BufferTooSmallError",
    "IndexOutOfRangeError",
    "AbiMismatchError",
    "TaperMemoryError",
    "InternalError",
]


def _constants(prefix: str, exclude: str = "") -> list[tuple[str, int]]:
    names = (n for n in dir(lib) if n.startswith(prefix) and not (exclude and n.startswith(exclude)))
    return sorted(((n[len(prefix):], int(getattr(lib, n))) for n in names), key=lambda item: item[1])


#: The C ABI's taper_status, from the library's own constants (``Status.ERROR_PLAN == 6``).
Status = enum.IntEnum(  # type: ignore[misc]
    "Status", [("OK", int(lib.TAPER_OK))] + [("ERROR_" + n, v) for n, v in
                                             _constants("TAPER_ERROR_", exclude="TAPER_ERROR_CODE_")],
    module=__name__)

#: The C ABI's taper_error_code: what kind of error it is, finer than the status
#: (``ErrorCode.STRATEGY_OPTION``), from the library's constants.
ErrorCode = enum.IntEnum("ErrorCode", _constants("TAPER_ERROR_CODE_"), module=__name__)  # type: ignore[misc]


_UNSPECIFIED: int = ErrorCode(int(lib.TAPER_ERROR_CODE_UNSPECIFIED))


@dataclass(frozen=True)
class ErrorDetail:
    """What the library knows about an error besides its message (taper_error_code and the
    taper_error_* accessors of the C ABI)."""

    kind: int = _UNSPECIFIED  #: an :data:`ErrorCode` (``ErrorCode.STRATEGY_OPTION``, ...)
    input: str = ""  #: the input as given
    expected: str = ""  #: what would have been accepted
    option: str = ""  #: the option or request field at fault ("max step", "tail_step")
    suggestions: tuple[str, ...] = ()  #: nearest drug or strategy names


def _text(p: Any) -> str:
    return "" if p == ffi.NULL else ffi.string(p).decode("utf-8", "replace")


def _error_code(value: int) -> Any:
    try:
        return ErrorCode(value)
    except ValueError:  # a newer library's code: keep the number
        return value


def _detail_of(err: Any) -> ErrorDetail:
    count = int(lib.taper_error_suggestion_count(err))
    return ErrorDetail(_error_code(int(lib.taper_error_detail_code(err))), _text(lib.taper_error_input(err)),
                       _text(lib.taper_error_expected(err)), _text(lib.taper_error_option(err)),
                       tuple(_text(lib.taper_error_suggestion(err, i)) for i in range(count)))


class TaperError(Exception):
    """Base of every error from the taper library."""

    #: The C status this class stands for (taper_status).
    code: int = -1

    def __init__(self, message: str, status: int | None = None, detail: ErrorDetail | None = None) -> None:
        super().__init__(message)
        self.message: str = message
        raw = self.code if status is None else status
        #: The C status (a :data:`Status`, an ``int``).
        self.status: int = Status(raw) if raw in Status._value2member_map_ else raw
        #: The error as data (never parse the message): kind, input, expected, option, suggestions.
        self.detail: ErrorDetail = detail if detail is not None else ErrorDetail()

    def __reduce__(self) -> tuple[Any, ...]:
        # Exceptions pickle by their args; these carry the status and detail too, so that an
        # error raised in a multiprocessing worker arrives whole.
        return (type(self), (self.message, int(self.status), self.detail))

    @property
    def error_code(self) -> Any:
        """The kind of error (:data:`ErrorCode`; ``detail.kind``)."""
        return self.detail.kind

    @property
    def input(self) -> str:
        """The input at fault, as given ("" when not known)."""
        return self.detail.input

    @property
    def expected(self) -> str:
        """What would have been accepted ("" when not known)."""
        return self.detail.expected

    @property
    def field(self) -> str:
        """The request field or strategy option at fault ("" when not known): ``detail.option``."""
        return self.detail.option

    @property
    def suggestions(self) -> tuple[str, ...]:
        """Nearest names ("did you mean"), for unknown drugs and strategies."""
        return self.detail.suggestions

    @property
    def status_name(self) -> str:
        """The C enumerator of the status, e.g. ``"TAPER_ERROR_PARSE"``."""
        return str(ffi.string(lib.taper_status_name(self.status)).decode())


class InvalidArgumentError(TaperError, ValueError):
    """A value outside what the operation accepts (TAPER_ERROR_INVALID_ARGUMENT)."""

    code = int(lib.TAPER_ERROR_INVALID_ARGUMENT)


class ParseError(TaperError, ValueError):
    """Text that does not read as the expected quantity or date (TAPER_ERROR_PARSE)."""

    code = int(lib.TAPER_ERROR_PARSE)


class UnknownDrugError(TaperError, LookupError):
    """No drug of that name; the message suggests near names (TAPER_ERROR_UNKNOWN_DRUG)."""

    code = int(lib.TAPER_ERROR_UNKNOWN_DRUG)


class MissingDataError(TaperError):
    """The drug data lacks a value that was needed (TAPER_ERROR_MISSING_DATA)."""

    code = int(lib.TAPER_ERROR_MISSING_DATA)


class FormularyError(TaperError, ValueError):
    """Formulary JSON that breaks the schema, or a file that cannot be read (TAPER_ERROR_FORMULARY)."""

    code = int(lib.TAPER_ERROR_FORMULARY)


class PlanError(TaperError, ValueError):
    """A request that cannot be planned as asked (TAPER_ERROR_PLAN); also what an exception
    raised inside a Python strategy becomes."""

    code = int(lib.TAPER_ERROR_PLAN)


class StrategyError(TaperError, ValueError):
    """An unknown or duplicate strategy, or options it cannot use (TAPER_ERROR_STRATEGY)."""

    code = int(lib.TAPER_ERROR_STRATEGY)

    @property
    def option(self) -> str | None:
        """The option at fault (its name in the strategy's schema), or None: ``detail.option``."""
        return self.detail.option or None


class BufferTooSmallError(TaperError):
    """A caller buffer was too small (TAPER_ERROR_BUFFER_TOO_SMALL); the package sizes its
    buffers itself, so seeing this is a bug in the package."""

    code = int(lib.TAPER_ERROR_BUFFER_TOO_SMALL)


class IndexOutOfRangeError(TaperError, IndexError):
    """An index past the end (TAPER_ERROR_INDEX_OUT_OF_RANGE)."""

    code = int(lib.TAPER_ERROR_INDEX_OUT_OF_RANGE)


class AbiMismatchError(TaperError):
    """A struct size or version the library does not understand (TAPER_ERROR_ABI_MISMATCH)."""

    code = int(lib.TAPER_ERROR_ABI_MISMATCH)


class TaperMemoryError(TaperError, MemoryError):
    """The library ran out of memory (TAPER_ERROR_OUT_OF_MEMORY)."""

    code = int(lib.TAPER_ERROR_OUT_OF_MEMORY)


class InternalError(TaperError):
    """A bug in taper (TAPER_ERROR_INTERNAL): please report it with the message."""

    code = int(lib.TAPER_ERROR_INTERNAL)


_BY_STATUS: dict[int, type[TaperError]] = {
    cls.code: cls
    for cls in (
        InvalidArgumentError,
        ParseError,
        UnknownDrugError,
        MissingDataError,
        FormularyError,
        PlanError,
        StrategyError,
        BufferTooSmallError,
        IndexOutOfRangeError,
        AbiMismatchError,
        TaperMemoryError,
        InternalError,
    )
}


def error_class(status: int) -> type[TaperError]:
    """The exception class for a C status (TaperError itself for an unknown one)."""
    return _BY_STATUS.get(status, TaperError)


def error_from_status(status: int, error_out: Any) -> TaperError:
    """The exception for `status`, with the message taken from (and freed with) *error_out."""
    err = error_out[0]
    detail = None
    if err != ffi.NULL:
        message = ffi.string(lib.taper_error_message(err)).decode("utf-8", "replace")
        detail = _detail_of(err)
        lib.taper_error_free(err)
        error_out[0] = ffi.NULL
    else:
        message = ffi.string(lib.taper_status_name(status)).decode()
    return error_class(status)(message, status, detail)


def raise_status(status: int, error_out: Any) -> NoReturn:
    """Raise the exception for `status` (see error_from_status)."""
    raise error_from_status(status, error_out)
