"""Validation of HSA-IDs by Inera's rule.

``SE`` + the directory owner's 10-digit organisation number (optionally preceded by ``16``) + ``-``
+ a suffix of at least one character of A-Z, a-z, 0-9; at most 31 characters. The organisation
number's last digit is a Luhn check digit.
"""

from __future__ import annotations

import string

from tui.core.errors import Refusal

MAX_LENGTH = 31
PREFIX = "SE"
CENTURY_PREFIX = "16"
SUFFIX_CHARACTERS = frozenset(string.ascii_letters + string.digits)


def luhn_valid(digits: str) -> bool:
    """True when the last digit is the Luhn (mod 10) check digit of the others."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_hsa_id(raw: str) -> str:
    """Return the HSA-ID (surrounding spaces removed) or raise a Refusal saying what is wrong."""
    hsa_id = raw.strip()
    if not hsa_id:
        raise Refusal("hsa_id.empty")
    if len(hsa_id) > MAX_LENGTH:
        raise Refusal("hsa_id.too_long", hsa_id=hsa_id, length=len(hsa_id), max=MAX_LENGTH)
    if not hsa_id.startswith(PREFIX):
        raise Refusal("hsa_id.prefix", hsa_id=hsa_id)
    if "-" not in hsa_id:
        raise Refusal("hsa_id.no_hyphen", hsa_id=hsa_id)
    number, suffix = hsa_id[len(PREFIX) :].split("-", 1)
    if len(number) == 12 and number.startswith(CENTURY_PREFIX):
        number = number[len(CENTURY_PREFIX) :]
    if len(number) != 10 or not number.isascii() or not number.isdigit():
        raise Refusal("hsa_id.organisation_number", hsa_id=hsa_id)
    if not luhn_valid(number):
        raise Refusal("hsa_id.check_digit", hsa_id=hsa_id, number=number)
    if not suffix:
        raise Refusal("hsa_id.suffix_missing", hsa_id=hsa_id)
    bad = sorted({char for char in suffix if char not in SUFFIX_CHARACTERS})
    if bad:
        raise Refusal("hsa_id.characters", hsa_id=hsa_id, characters=" ".join(bad))
    return hsa_id
