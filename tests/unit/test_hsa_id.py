"""HSA-IDs by Inera's rule: SE + organisation number (Luhn) + "-" + suffix, at most 31 chars."""

from __future__ import annotations

import pytest

from tui.core.errors import Refusal
from tui.core.hsa_id import luhn_valid, validate_hsa_id
from tui.core.i18n import Translator

TOO_LONG = "SE2321000016-" + "A" * 19  # 32 characters


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("SE2321000016-A2G8", "SE2321000016-A2G8"),
        ("SE5565594230-YJ54", "SE5565594230-YJ54"),
        ("SE160000000000-1337", "SE160000000000-1337"),
        ("SE162321000016-A2G8", "SE162321000016-A2G8"),  # 16 before a real organisation number
        ("  SE2321000016-A2G8\t", "SE2321000016-A2G8"),
        ("\nSE5565594230-YJ54 ", "SE5565594230-YJ54"),
        ("SE2321000016-x", "SE2321000016-x"),  # a one-character suffix
        ("SE2321000016-abcXYZ0123", "SE2321000016-abcXYZ0123"),  # suffix lengths vary
        ("SE2321000016-" + "A" * 18, "SE2321000016-" + "A" * 18),  # exactly 31 characters
    ],
)
def test_valid_hsa_ids_are_returned_without_surrounding_space(raw: str, expected: str) -> None:
    assert validate_hsa_id(raw) == expected


INVALID = [
    ("SE000000000037", "hsa_id.no_hyphen"),
    ("SE2321000016A2G8", "hsa_id.no_hyphen"),
    ("SE2321000017-A2G8", "hsa_id.check_digit"),
    ("SE5565594231-YJ54", "hsa_id.check_digit"),
    ("SE2321000016-ÅÄÖ", "hsa_id.characters"),
    ("SE2321000016-A2Gå", "hsa_id.characters"),
    ("SE2321000016-A@B", "hsa_id.characters"),
    ("SE2321000016-A-B", "hsa_id.characters"),
    ("SE2321000016-A B", "hsa_id.characters"),
    ("SE2321000016-", "hsa_id.suffix_missing"),
    (TOO_LONG, "hsa_id.too_long"),
    ("XX2321000016-A2G8", "hsa_id.prefix"),
    ("se2321000016-A2G8", "hsa_id.prefix"),
    ("2321000016-A2G8", "hsa_id.prefix"),
    ("SE232100001-A", "hsa_id.organisation_number"),  # 9 digits
    ("SE23210000160-A", "hsa_id.organisation_number"),  # 11 digits
    ("SE232100-0016-A2G8", "hsa_id.organisation_number"),  # hyphen inside the number
    ("SE23210000I6-A2G8", "hsa_id.organisation_number"),  # a letter among the digits
    ("SE２３２１０００016-A2G8", "hsa_id.organisation_number"),  # non-ASCII digits
    ("SE-A2G8", "hsa_id.organisation_number"),
    ("", "hsa_id.empty"),
    ("   ", "hsa_id.empty"),
]


@pytest.mark.parametrize(("raw", "code"), INVALID)
def test_invalid_hsa_ids_are_refused_with_the_reason(raw: str, code: str) -> None:
    with pytest.raises(Refusal) as refused:
        validate_hsa_id(raw)
    assert refused.value.code == code


def test_the_refusal_names_the_offending_characters() -> None:
    with pytest.raises(Refusal) as refused:
        validate_hsa_id("SE2321000016-A@Ö")
    assert refused.value.params["characters"] == "@ Ö"


def test_the_too_long_refusal_gives_length_and_limit() -> None:
    with pytest.raises(Refusal) as refused:
        validate_hsa_id(TOO_LONG)
    assert (refused.value.params["length"], refused.value.params["max"]) == (32, 31)


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("2321000016", True),  # Region Stockholm
        ("5565594230", True),  # Inera AB
        ("2021005448", True),  # Skatteverket
        ("2021005521", True),  # Försäkringskassan
        ("0000000000", True),
        ("79927398713", True),  # the textbook Luhn example
        ("2321000017", False),
        ("2321000015", False),
        ("5565594230"[::-1], False),
        ("1234567890", False),
        ("3221000016", False),  # two digits swapped
    ],
)
def test_luhn_check_digit(digits: str, valid: bool) -> None:
    assert luhn_valid(digits) is valid


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize(("raw", "code"), INVALID)
def test_every_hsa_id_refusal_is_one_line_naming_the_id(raw: str, code: str, lang: str) -> None:
    with pytest.raises(Refusal) as refused:
        validate_hsa_id(raw)
    message = Translator(lang).refusal(refused.value)
    assert message.strip()
    assert "\n" not in message
    if code != "hsa_id.empty":
        assert raw.strip() in message


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("raw", ["SE2321000016-A\nB", "SE2321000016-A\x1b[2J"])
def test_a_refusal_stays_one_printable_line_whatever_was_typed(raw: str, lang: str) -> None:
    with pytest.raises(Refusal) as refused:
        validate_hsa_id(raw)
    message = Translator(lang).refusal(refused.value)
    assert message.isprintable()
