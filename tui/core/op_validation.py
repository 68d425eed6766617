"""Is an operation read from the share one this code can use? Malformed versus newer.

Every value read from the share (or from an old local view) passes through here before the code
relies on it. Two kinds of surprise are kept apart:

- *Malformed*: a value no version of stangning writes — an hlc that is not a clock, a closing
  date ``2026-99-99`` or ``9999-12-31``, a template version ``"x"``, a check that is not an
  object. ``operation_problem`` says so in a short English reason naming the field and the
  value (``validate_operations`` raises it as ``InvalidOperation``); the store quarantines the
  batch or snapshot with that reason and loads the rest.
- *Newer*: a well-formed value this version does not know — a level or an item state added
  later, a template newer than the shipped one, a field of a kind added later. That is not an
  error: the operation is kept (a newer host needs it), fields of unknown kinds are ignored, and
  a case holding an unknown level, state or template version is shown as needing a newer
  stangning (``tui.core.case.fold_cases``).

Limits: case dates lie in 2000-01-01..2100-12-31 (the same range input accepts), so the date
arithmetic (T = D + 3 months, check cadences) never overflows. Timestamps (``at``: when a user
did something, by the writing host's wall clock) may lie anywhere in 1970..2999: a host whose
clock is wildly wrong must not lose its users' changes, and 2999 is still far from the end of
the calendar Python can count in.

This module imports nothing from the rest of the core but the operation type, so every module
(including ``tui.core.case``) can use it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from tui.core.operations import Operation

DATE_MIN = dt.date(2000, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)
TIMESTAMP_MIN = dt.date(1970, 1, 1)
TIMESTAMP_MAX = dt.date(2999, 12, 31)
MAX_ID = 200  # op ids, writers, actors, hosts, case ids, field names, base entries
MAX_SEQ = 9_999_999_999  # batch files are named with ten digits
HLC_PATTERN = re.compile(r"[0-9]{15}\.[0-9]{6}")  # HybridClock.format; [0-9], not \d (Unicode)
KNOWN_KINDS = ("case", "item", "check", "note")
SHOWN_TEXT = 40  # characters of a text value quoted in a reason


class InvalidOperation(ValueError):
    """An operation no version of stangning writes. ``reason`` names the field and the value."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --- Showing a value in a reason -------------------------------------------------------------


def show(value: Any) -> str:
    """A value in a few characters, JSON-like: ``"x"``, ``9``, ``true``, ``null``, ``[…]``."""
    if isinstance(value, str):
        cut = value[:SHOWN_TEXT]
        shown = json.dumps(cut, ensure_ascii=not _is_unicode(cut))
        return shown[:-1] + '…"' if len(value) > SHOWN_TEXT else shown
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        return str(value) if -(10**18) < value < 10**18 else "a very large number"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list | tuple):
        return "[…]"
    return f"a {type(value).__name__}"


def _is_unicode(text: str) -> bool:
    """Text that can be written out as UTF-8 (no lone surrogates, which JSON can carry)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _all_unicode(value: Any) -> bool:
    """Every text in the value (keys too, at any depth) can be written out as UTF-8."""
    if isinstance(value, str):
        return _is_unicode(value)
    if not isinstance(value, dict | list | tuple):
        return True
    pending = [value]
    while pending:  # no recursion: a value may nest as deep as its JSON parser allowed
        found = pending.pop()
        if isinstance(found, str):
            if not _is_unicode(found):
                return False
        elif isinstance(found, dict):
            pending.extend(found.keys())
            pending.extend(found.values())
        elif isinstance(found, list | tuple):
            pending.extend(found)
    return True


# --- Values: each check returns None when fine, else what is wrong (without the field name) --

ValueCheck = Callable[[Any], str | None]


def _text(value: Any) -> str | None:
    if type(value) is str and value.isascii():  # the usual case, checked first: it runs often
        return None
    if type(value) is not str:
        return f"{show(value)} is not a text"
    if not _is_unicode(value):
        return f"{show(value)} is not valid Unicode text"
    return None


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _name(value: Any) -> str | None:
    """A non-empty text (an enum value, known to this version or not)."""
    problem = _text(value)
    if problem is None and not value.strip():
        return f"{show(value)} is empty"
    return problem


def parse_day(value: Any, low: dt.date = DATE_MIN, high: dt.date = DATE_MAX) -> dt.date | None:
    """The date of a strict ``YYYY-MM-DD`` text within low..high, else None."""
    if (
        type(value) is not str
        or len(value) != 10
        or value[4] != "-"
        or value[7] != "-"
        or not value.isascii()
    ):
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if low <= day <= high else None


def _date(value: Any) -> str | None:
    day = parse_day(value, dt.date.min, dt.date.max)
    if day is None:
        return f"{show(value)} is not a date YYYY-MM-DD"
    if not DATE_MIN <= day <= DATE_MAX:
        return f"{show(value)} is outside {DATE_MIN}..{DATE_MAX}"
    return None


def _optional_date(value: Any) -> str | None:
    return None if value is None else _date(value)


def _timestamp(value: Any) -> str | None:
    """An ISO 8601 moment starting with its date, ``2026-01-31T10:00:00+01:00``."""
    if (
        type(value) is not str
        or len(value) < 10
        or value[4] != "-"
        or value[7] != "-"
        or not value.isascii()
    ):
        return f"{show(value)} is not a timestamp YYYY-MM-DDThh:mm:ss"
    try:
        moment = dt.datetime.fromisoformat(value)  # with the dashes: the date is value[:10]
    except ValueError:
        return f"{show(value)} is not a timestamp YYYY-MM-DDThh:mm:ss"
    if not TIMESTAMP_MIN <= moment.date() <= TIMESTAMP_MAX:
        return f"{show(value)} is outside {TIMESTAMP_MIN}..{TIMESTAMP_MAX}"
    return None


def _optional_timestamp(value: Any) -> str | None:
    return None if value is None else _timestamp(value)


def _bool(value: Any) -> str | None:
    return None if type(value) is bool else f"{show(value)} is not true or false"


def _version(value: Any) -> str | None:
    if type(value) is not int or value < 1:
        return f"{show(value)} is not a version number"
    return None


CASE_VALUE_CHECKS: dict[str, ValueCheck] = {
    "caregiver": _text,
    "unit": _text,
    "hsa_id": _text,
    "closing": _date,
    "removal": _optional_date,
    "level": _name,  # a level this version does not know is newer, not malformed
    "caregiver_ceases": _bool,
    "template_version": _version,  # a version above the shipped template's is newer
    "created_at": _optional_text,
    "created_by": _optional_text,
}

# Record values: key -> (required, check). Keys not listed are allowed (a newer version's).
ITEM_KEYS: dict[str, tuple[bool, ValueCheck]] = {
    "state": (True, _name),  # a state this version does not know is newer, not malformed
    "at": (False, _optional_timestamp),
    "by": (False, _optional_text),
    "note": (False, _optional_text),
    "reason": (False, _optional_text),
}
CHECK_KEYS: dict[str, tuple[bool, ValueCheck]] = {
    "at": (True, _timestamp),
    "by": (True, _text),
    "note": (False, _optional_text),
}
NOTE_KEYS: dict[str, tuple[bool, ValueCheck]] = {
    "at": (True, _timestamp),
    "by": (True, _text),
    "text": (True, _text),
}


def _record(field: str, value: Any, keys: dict[str, tuple[bool, ValueCheck]]) -> str | None:
    if not isinstance(value, dict):
        return f"{field}: {show(value)} is not an object"
    for key, (required, check) in keys.items():
        if key not in value:
            if required:
                return f"{field}.{key}: missing"
            continue
        problem = check(value[key])
        if problem is not None:
            return f"{field}.{key}: {problem}"
    if not value.keys() <= keys.keys() and not _all_unicode(value):  # a newer version's keys
        return f"{field}: {show(value)} holds text that is not valid Unicode"
    return None


def _identifier(name: str, value: Any) -> str | None:
    if type(value) is str and 0 < len(value) <= MAX_ID and value.isascii():  # the usual case
        return None
    if type(value) is not str or not value:
        return f"{name}: {show(value)} is empty"
    if len(value) > MAX_ID:
        return f"{name}: {show(value)} is longer than {MAX_ID} characters"
    if not _is_unicode(value):
        return f"{name}: {show(value)} is not valid Unicode text"
    return None


def _unknown(field: str, value: Any) -> str | None:
    """A newer version's field: any value, but its texts are printed in histories."""
    if _all_unicode(value):
        return None
    return f"{field}: {show(value)} holds text that is not valid Unicode"


def field_value_problem(field: str, value: Any) -> str | None:
    """What is malformed about this field name or its value, or None.

    Fields of a kind this version does not know (``attachment.x``), and case fields it does not
    know (``case.priority``), may hold any value (a newer version may write them) as long as its
    texts are valid Unicode, which no version writes otherwise.
    """
    problem = _identifier("field", field)
    if problem is not None:
        return problem
    kind, dot, rest = field.partition(".")
    if not dot or not kind:
        return f"field: {show(field)} is not <kind>.<name>"
    if kind not in KNOWN_KINDS:
        return _unknown(field, value)
    if not rest:
        return f"field: {show(field)} has no name after {kind}."
    if kind == "case":
        check = CASE_VALUE_CHECKS.get(rest)
        if check is None:
            return _unknown(field, value)
        problem = check(value)
        return None if problem is None else f"{field}: {problem}"
    if kind == "item":
        return _record(field, value, ITEM_KEYS)
    if kind == "check":
        key, dot, check_id = rest.partition(".")
        if not key or not check_id:
            return f"field: {show(field)} is not check.<item>.<id>"
        return _record(field, value, CHECK_KEYS)
    return _record(field, value, NOTE_KEYS)


def operation_problem(op: Operation) -> str | None:
    """What is malformed about the operation, or None when it can be used."""
    for name in ("op_id", "writer", "actor", "host", "case_id"):
        problem = _identifier(name, getattr(op, name))
        if problem is not None:
            return problem
    if type(op.seq) is not int or not 0 <= op.seq <= MAX_SEQ:
        return f"seq: {show(op.seq)} is not a sequence number 0..{MAX_SEQ}"
    if type(op.hlc) is not str or HLC_PATTERN.fullmatch(op.hlc) is None:
        return f"hlc: {show(op.hlc)} is not a clock 000000000000000.000000"
    if not isinstance(op.base, tuple):
        return f"base: {show(op.base)} is not a list of operation ids"
    for entry in op.base:
        problem = _identifier("base", entry)
        if problem is not None:
            return problem
    return field_value_problem(op.field, op.value)


def validate_operations(ops: Iterable[Operation]) -> None:
    """Raise InvalidOperation for the first malformed operation of a batch or snapshot; the
    reason says which one (its position from 1 and its op id)."""
    for number, op in enumerate(ops, start=1):
        problem = operation_problem(op)
        if problem is not None:
            op_id = op.op_id if isinstance(op.op_id, str) else ""
            raise InvalidOperation(f"operation {number} ({show(op_id)}): {problem}")


def operations_from_rows(rows: Iterable[Any]) -> tuple[list[Operation], str]:
    """The well-formed, valid operations among rows read from a file, and the first reason one
    was left out ('' when none was): a snapshot's or an archived case's reader keeps the rest."""
    ops: list[Operation] = []
    rejected = ""
    for row in rows:
        try:
            op = Operation.from_row(row)
        except (TypeError, ValueError) as error:
            rejected = rejected or f"malformed operation: {error}"
            continue
        problem = operation_problem(op)
        if problem is not None:
            rejected = rejected or f"operation {show(op.op_id)}: {problem}"
            continue
        ops.append(op)
    return ops, rejected
