"""Keys typed after `/` before the filter opened are applied as the filter's input takes them:
the kept filter is selected when it opens, so the first letter replaces it."""

from __future__ import annotations

import pytest

from tui.app.view.typed_ahead import BACKSPACE, ENTER, TypedFilter, typed_filter


@pytest.mark.parametrize(
    ("kept", "keys", "expected"),
    [
        ("", [], TypedFilter("", False, False)),
        ("orto", [], TypedFilter("orto", True, False)),  # reopened: selected as before
        ("", list("orto"), TypedFilter("orto", False, False)),
        ("abc", list("xy"), TypedFilter("xy", False, False)),  # typed over the selection
        ("abc", [BACKSPACE], TypedFilter("", False, False)),
        ("", [*"ortp", BACKSPACE, "o"], TypedFilter("orto", False, False)),
        ("", [*"orto", ENTER], TypedFilter("orto", False, True)),
        ("abc", [ENTER], TypedFilter("abc", True, True)),  # kept as it was
        ("", [BACKSPACE, "å"], TypedFilter("å", False, False)),
    ],
)
def test_typed_keys_become_the_filter(kept: str, keys: list[str], expected: TypedFilter) -> None:
    assert typed_filter(kept, keys) == expected
