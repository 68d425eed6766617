"""One item, one name: the short name lists and notices use is the name its activity carries,
in both languages. In English item 6 was "HSA unit" in lists and "Data in EK/HSA: the unit" in
the case (issue 12, item 12)."""

from __future__ import annotations

import pytest

from tui.core.template import default_template


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("key", default_template().keys)
def test_the_short_name_is_the_name_in_the_activity(key: str, lang: str) -> None:
    item = default_template().item(key)
    assert item is not None
    name, activity = item.name(lang), item.text(lang).activity
    assert name.casefold() in activity.casefold(), (name, activity)


@pytest.mark.parametrize("key", ["hsa-verksamhet", "hsa-medarbetaruppdrag"])
def test_the_ek_hsa_items_use_their_name_in_their_instructions_too(key: str) -> None:
    item = default_template().item(key)
    assert item is not None
    text = item.text("en")
    assert item.name("en") in text.instructions and item.name("en") in text.comment
