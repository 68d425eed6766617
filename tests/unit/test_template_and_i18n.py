"""The shipped checklist template (the seed as data) and the language files."""

from __future__ import annotations

import copy
import dataclasses
import re
import string
import tomllib
from pathlib import Path
from typing import Any

import pytest

import tui
from tests.unit.conftest import ITEM_KEYS
from tui.core.case import Level
from tui.core.case_fields import CaseFields
from tui.core.errors import Refusal
from tui.core.i18n import Translator, catalog
from tui.core.resources import data_dir
from tui.core.rules import ItemStatus, Phase
from tui.core.template import (
    Condition,
    Role,
    RuleKind,
    Template,
    default_template,
    parse_template,
)

MAILBOX = "mitra.norden@regionstockholm.se"

SEED = [
    # key, role, rule, condition, the seed's activity (verbatim)
    (
        "vart-arbete",
        Role.UNIT,
        RuleKind.BEFORE_CLOSING,
        None,
        "Ta hand om Vårt arbete – Att skicka, Fråga/svar via Webcert",
    ),
    (
        "bevaka-fraga-svar",
        Role.UNIT,
        RuleKind.MONITOR_UNTIL_THRESHOLD,
        None,
        "Bevaka Fråga/svar i Vårt arbete i TakeCare",
    ),
    (
        "vardgivare-upphor",
        Role.CAREGIVER_ADMIN,
        RuleKind.BEFORE_CLOSING,
        Condition("caregiver_ceases", True),
        "Vårdgivare upphör",
    ),
    (
        "sparrgrupp-upphor",
        Role.CAREGIVER_ADMIN,
        RuleKind.BEFORE_CLOSING,
        Condition("level", "vardenhet"),
        "Vårdenhet i EK/Spärrgrupp i TC upphör",
    ),
    (
        "vardenhet-upphor",
        Role.CAREGIVER_ADMIN,
        RuleKind.BEFORE_CLOSING,
        Condition("level", "enhet"),
        "Enhet i EK/Vårdenhet i TC upphör",
    ),
    (
        "hsa-verksamhet",
        Role.EK_HSA,
        RuleKind.NOT_BEFORE_THRESHOLD,
        None,
        "Uppgifter i EK/HSA verksamhet",
    ),
    (
        "hsa-medarbetaruppdrag",
        Role.EK_HSA,
        RuleKind.NOT_BEFORE_THRESHOLD,
        None,
        "Uppgifter i EK/HSA medarbetaruppdrag",
    ),
    (
        "fil-i-fail",
        Role.CAREGIVER_ADMIN,
        RuleKind.MONITOR_UNTIL_THRESHOLD,
        None,
        "Kontroll av fil i fail",
    ),
]


def raw_template() -> dict[str, Any]:
    with (data_dir() / "checklist.toml").open("rb") as handle:
        return tomllib.load(handle)


# --- The template ----------------------------------------------------------------------------


def test_the_template_has_the_seeds_eight_items_in_order() -> None:
    assert default_template().keys == ITEM_KEYS == tuple(row[0] for row in SEED)


@pytest.mark.parametrize(("key", "role", "rule", "condition", "activity"), SEED)
def test_each_item_as_in_the_seed(
    key: str, role: Role, rule: RuleKind, condition: Condition | None, activity: str
) -> None:
    item = default_template().item(key)
    assert item is not None
    assert (item.role, item.rule, item.condition) == (role, rule, condition)
    assert item.text("sv").activity == activity
    assert item.monitored is (rule is RuleKind.MONITOR_UNTIL_THRESHOLD)


@pytest.mark.parametrize("key", ITEM_KEYS)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_item_has_texts_in_both_languages(key: str, lang: str) -> None:
    item = default_template().item(key)
    assert item is not None
    text = item.texts[lang]
    assert text.activity.strip()
    assert text.comment.strip()
    assert text.instructions.strip()


SHORT_NAMES = {
    "vart-arbete": ("Vårt arbete", "Vårt arbete"),
    "bevaka-fraga-svar": ("Bevaka fråga/svar", "Watch questions/answers"),
    "vardgivare-upphor": ("Vårdgivare upphör", "Caregiver ceases"),
    "sparrgrupp-upphor": ("Spärrgrupp i TC upphör", "Blocking group in TC ceases"),
    "vardenhet-upphor": ("Vårdenhet i TC upphör", "Care unit in TC ceases"),
    "hsa-verksamhet": ("HSA verksamhet", "HSA unit"),
    "hsa-medarbetaruppdrag": ("HSA medarbetaruppdrag", "HSA staff assignments"),
    "fil-i-fail": ("Fil i fail", "Failed files"),
}


@pytest.mark.parametrize(("key", "names"), SHORT_NAMES.items())
def test_each_item_has_a_short_name_in_both_languages(key: str, names: tuple[str, str]) -> None:
    template = default_template()
    assert (template.item_name(key, "sv"), template.item_name(key, "en")) == names
    item = template.item(key)
    assert item is not None and item.name("de") == names[0]  # Swedish when a language is missing


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_short_names_are_short_and_tell_the_items_apart(lang: str) -> None:
    names = [item.name(lang) for item in default_template().items]
    assert len(set(names)) == len(names)
    assert all(0 < len(name) <= 27 for name in names)  # they fit a list column


def test_an_unknown_key_is_its_own_name() -> None:
    assert default_template().item_name("gammal-punkt", "sv") == "gammal-punkt"


def test_the_english_texts_are_translations_not_copies() -> None:
    for item in default_template().items:
        assert item.text("en").activity != item.text("sv").activity, item.key


@pytest.mark.parametrize("key", ["sparrgrupp-upphor", "vardenhet-upphor"])
def test_the_mailbox_items_name_the_mailbox(key: str) -> None:
    item = default_template().item(key)
    assert item is not None
    assert MAILBOX in item.text("sv").comment


def test_the_mailbox_is_the_seeds() -> None:
    assert default_template().mailbox == MAILBOX


def test_condition_values_match_the_case_fields_types() -> None:
    # A condition compares with Case.field_value: levels are Level values, flags are booleans.
    conditions = {item.key: item.condition for item in default_template().items if item.condition}
    levels = {level.value for level in Level}
    assert conditions["vardgivare-upphor"].equals is True
    assert conditions["sparrgrupp-upphor"].equals in levels
    assert conditions["vardenhet-upphor"].equals in levels


@pytest.mark.parametrize(
    ("role", "sv", "short_sv"),
    [
        (Role.UNIT, "Enheten — Intygsutfärdare på enheten", "Enheten"),
        (Role.CAREGIVER_ADMIN, "Vårdgivarspecifik förvaltning", "Förvaltning"),
        (Role.EK_HSA, "Lokal EK/HSA-administratör", "EK/HSA"),
    ],
)
def test_role_names(role: Role, sv: str, short_sv: str) -> None:
    template = default_template()
    assert template.role_name(role, "sv") == sv
    assert template.role_name(role, "sv", short=True) == short_sv
    assert template.role_name(role, "en").strip()
    assert template.role_name(role, "en", short=True).strip()


def test_the_abbreviations_of_the_seed() -> None:
    shorts = {abbreviation.short for abbreviation in default_template().abbreviations}
    assert {"HSF", "HSA", "EK", "SF IT", "RVLP", "TC"} <= shorts


@pytest.mark.parametrize("name", ["title", "source", "scope", "why_three_months"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_prose_in_both_languages(name: str, lang: str) -> None:
    assert default_template().text(name, lang).strip()


def test_the_title_is_the_seeds() -> None:
    assert default_template().text("title", "sv") == (
        "Checklista intygstjänsten – stängning av enhet"
    )


def test_unknown_item_and_unknown_language() -> None:
    template = default_template()
    assert template.item("nope") is None
    item = template.item("vart-arbete")
    assert item is not None
    assert item.text("de") == item.text("sv")  # Swedish when a language is missing


def _without_item_key(raw: dict[str, Any], name: str) -> dict[str, Any]:
    del raw["items"][0][name]
    return raw


def _set_item(raw: dict[str, Any], name: str, value: Any) -> dict[str, Any]:
    raw["items"][0][name] = value
    return raw


def _without(raw: dict[str, Any], name: str) -> dict[str, Any]:
    del raw[name]
    return raw


MALFORMED = {
    "no items": lambda raw: _without(raw, "items"),
    "no version": lambda raw: _without(raw, "version"),
    "no mailbox": lambda raw: _without(raw, "mailbox"),
    "no roles": lambda raw: _without(raw, "roles"),
    "no title": lambda raw: _without(raw, "title"),
    "item without key": lambda raw: _without_item_key(raw, "key"),
    "item without English": lambda raw: _without_item_key(raw, "en"),
    "item without Swedish": lambda raw: _without_item_key(raw, "sv"),
    "unknown role": lambda raw: _set_item(raw, "role", "boss"),
    "unknown rule": lambda raw: _set_item(raw, "rule", "whenever"),
    "bad condition": lambda raw: _set_item(raw, "condition", {"field": "level"}),
    "extra text field": lambda raw: _set_item(raw, "sv", {**raw["items"][0]["sv"], "x": "y"}),
    "item without a name": lambda raw: _set_item(
        raw, "en", {k: v for k, v in raw["items"][0]["en"].items() if k != "name"}
    ),
    "an empty name": lambda raw: _set_item(raw, "sv", {**raw["items"][0]["sv"], "name": " "}),
    "two items of one name": lambda raw: _set_item(
        raw, "sv", {**raw["items"][0]["sv"], "name": raw["items"][1]["sv"]["name"]}
    ),
    "duplicate key": lambda raw: _set_item(raw, "key", raw["items"][1]["key"]),
    "version not a number": lambda raw: {**raw, "version": "ett"},
    "items not a list": lambda raw: {**raw, "items": 5},
    "unknown role table": lambda raw: {**raw, "roles": {**raw["roles"], "boss": {"sv": "x"}}},
}


@pytest.mark.parametrize("breakage", MALFORMED.values(), ids=MALFORMED.keys())
def test_parse_template_refuses_a_malformed_template(breakage: Any) -> None:
    raw = breakage(copy.deepcopy(raw_template()))
    with pytest.raises(ValueError):
        parse_template(raw)


def test_the_shipped_toml_parses_to_the_default_template() -> None:
    assert parse_template(raw_template()) == default_template()
    assert isinstance(default_template(), Template)


# --- The language files ----------------------------------------------------------------------

SWEDISH_ONLY = "mail."  # the message to the regional mailbox is always Swedish


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_english_has_every_swedish_key_but_the_mail() -> None:
    sv, en = catalog("sv"), catalog("en")
    assert set(en) == {key for key in sv if not key.startswith(SWEDISH_ONLY)}
    assert any(key.startswith(SWEDISH_ONLY) for key in sv)


@pytest.mark.parametrize("key", sorted(catalog("en")))
def test_both_languages_use_the_same_placeholders(key: str) -> None:
    assert placeholders(catalog("sv")[key]) == placeholders(catalog("en")[key])


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_message_is_empty(lang: str) -> None:
    assert [key for key, text in catalog(lang).items() if not text.strip()] == []


@pytest.mark.parametrize("lang", ["xx", "", "SV", "sv_SE"])
def test_an_unknown_language_is_refused(lang: str) -> None:
    with pytest.raises(Refusal) as refused:
        Translator(lang)
    assert refused.value.code == "lang.unknown"
    assert refused.value.params["choices"] == "sv, en"


def test_english_falls_back_to_swedish_for_the_mail() -> None:
    assert Translator("en")("mail.no_removal") == Translator("sv")("mail.no_removal")


def test_an_unknown_message_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        Translator("sv")("no.such.key")


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize(
    "key",
    [f"phase.{phase.value}" for phase in Phase]
    + [f"status.{status.label}" for status in ItemStatus]
    + [f"level.{level.value}" for level in Level],
)
def test_every_phase_status_and_level_has_a_name(lang: str, key: str) -> None:
    assert Translator(lang)(key).strip()


@pytest.mark.parametrize("level", list(Level))
def test_every_level_has_a_mail_text(level: Level) -> None:
    assert Translator("sv")(f"mail.level.{level.value}").strip()


# The modules of the pure core this suite covers (read as text to find what they refuse with).
CORE_MODULES = (
    "dates", "hsa_id", "template", "case", "case_fields", "rules", "actions", "operations",
    "mailbox", "case_json", "i18n",
)  # fmt: skip
REFUSAL_CODE = re.compile(r"""Refusal\(\s*["']([a-z_]+(?:\.[a-z_]+)+)["']""")
# Codes built at run time, which the pattern cannot see.
COMPUTED_CODES = {"rule.too_early", "rule.monitor_too_early"}


def core_source() -> str:
    core = Path(tui.__file__).parent / "core"
    return "\n".join((core / f"{name}.py").read_text(encoding="utf-8") for name in CORE_MODULES)


def refusal_codes() -> list[str]:
    """Every code the core can refuse with."""
    return sorted(set(REFUSAL_CODE.findall(core_source())) | COMPUTED_CODES)


def test_the_refusal_codes_are_found() -> None:
    # Guards the test below against passing vacuously.
    found = set(REFUSAL_CODE.findall(core_source()))
    assert {"hsa_id.check_digit", "rule.already_done", "item.unknown", "lang.unknown"} <= found
    assert all(code in core_source() for code in COMPUTED_CODES)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("code", refusal_codes())
def test_every_refusal_has_a_message(code: str, lang: str) -> None:
    assert catalog(lang).get(f"error.{code}", "").strip()


# The field names the core passes with a refusal (field=...): each needs a name in both languages.
FIELD_NAMES = ["caregiver", "unit", "hsa_id", "closing", "removal", "level", "note", "reason"]
FIELD_ARGUMENT = re.compile(r"""(?:validate_(?:text|date)\(\s*|field=)["']([a-z_]+)["']""")


def test_the_field_names_list_is_complete() -> None:
    used = set(FIELD_ARGUMENT.findall(core_source()))
    assert {"caregiver", "closing", "note"} <= used <= set(FIELD_NAMES)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("name", FIELD_NAMES)
def test_every_field_has_a_name(name: str, lang: str) -> None:
    message = Translator(lang).refusal(Refusal("field.date", field=name, value="2026-13-01"))
    assert catalog(lang)[f"field_name.{name}"] in message
    assert "\n" not in message


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_bad_today_option_is_refused_in_one_line(lang: str) -> None:
    message = Translator(lang).refusal(Refusal("field.date", field="today", value="2026-13-01"))
    assert "2026-13-01" in message


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize(
    "name",
    [*(f.name for f in dataclasses.fields(CaseFields)), "note", "reason", "today"],
)
def test_every_field_a_refusal_can_name_has_a_name_in_each_language(lang: str, name: str) -> None:
    # A refusal naming a field without a text would crash after the change was saved.
    assert Translator(lang).refusal(Refusal("field.empty", field=name))
