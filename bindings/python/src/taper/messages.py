"""Coded notes and warnings (docs/messages.md).

Every note and warning on a plan or a step is a :class:`Message`: a :class:`MessageCode`, a
:class:`Severity`, its stable string ``id`` and the ``text`` people read. Check the code,
never the text. The codes are built from the C ABI's ``taper_message_code`` constants, so
this list is never restated by hand.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from ._ffi import ffi, lib
from ._util import call, pystr, sized

_PREFIX = "TAPER_MESSAGE_"

#: Every message code, with the C ABI's numbers (``MessageCode.TABLE_ROW == 106``).
MessageCode = enum.IntEnum(  # type: ignore[misc]
    "MessageCode",
    sorted(((name[len(_PREFIX):], int(getattr(lib, name))) for name in dir(lib) if name.startswith(_PREFIX)),
           key=lambda item: item[1]),
    module=__name__,
)


class Severity(str, enum.Enum):
    NOTE = "note"
    WARNING = "warning"


_SEVERITIES = {int(lib.TAPER_SEVERITY_NOTE): Severity.NOTE, int(lib.TAPER_SEVERITY_WARNING): Severity.WARNING}


@dataclass(frozen=True)
class Message:
    code: MessageCode  # type: ignore[valid-type]
    severity: Severity
    id: str  #: stable string id, e.g. "cut_limited_by_max_step"
    text: str  #: as people read it

    def __str__(self) -> str:
        return self.text


def _from_info(info: Any) -> Message:
    return Message(MessageCode(int(info.code)), _SEVERITIES[int(info.severity)], pystr(info.id), pystr(info.text))


def read_plan_messages(handle: Any, count: int) -> tuple[Message, ...]:
    info = sized("taper_message_info")
    out = []
    for i in range(count):
        call(lib.taper_schedule_message, handle, info, i)
        out.append(_from_info(info))
    return tuple(out)


def read_step_messages(handle: Any, step: int) -> tuple[Message, ...]:
    count = ffi.new("size_t*")
    call(lib.taper_schedule_step_message_count, handle, count, step)
    info = sized("taper_message_info")
    out = []
    for i in range(count[0]):
        call(lib.taper_schedule_step_message, handle, info, step, i)
        out.append(_from_info(info))
    return tuple(out)


def _read(count_fn: Any, message_fn: Any, handle: Any, *where: int) -> tuple[Message, ...]:
    count = ffi.new("size_t*")
    call(count_fn, handle, count, *where)
    return _read_n(count[0], message_fn, handle, *where)


def _read_n(count: int, message_fn: Any, handle: Any, *where: int) -> tuple[Message, ...]:
    info = sized("taper_message_info")
    out = []
    for i in range(count):
        call(message_fn, handle, info, *where, i)
        out.append(_from_info(info))
    return tuple(out)


def read_realization_messages(handle: Any) -> tuple[Message, ...]:
    """The whole realization's coded messages (codes 500-599, equivalences 421/422)."""
    return _read_n(lib.taper_realization_message_count(handle), lib.taper_realization_message, handle)


def read_realized_step_messages(handle: Any, step: int) -> tuple[Message, ...]:
    """A realized step's coded messages (codes 400-499)."""
    return _read(lib.taper_realization_step_message_count, lib.taper_realization_step_message, handle, step)


def read_recipe_messages(handle: Any, step: int, recipe: int) -> tuple[Message, ...]:
    """A recipe's coded messages (a dose off target and what would measure it more finely)."""
    return _read(lib.taper_realization_recipe_message_count, lib.taper_realization_recipe_message, handle, step,
                 recipe)
