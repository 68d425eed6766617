"""The same HSA-ID on two active closures (one unit closed twice, most likely entered twice):
``case add`` and ``case edit`` save and say so in one line, ``case show`` lists it among the
case's warnings; a complete closure's HSA-ID may come back without a word (issue 12, item 15)."""

from __future__ import annotations

from tests.cli.conftest import (
    HSA_ID,
    OTHER_HSA_ID,
    PREFIX,
    Runner,
    add_case,
    case_list_json,
    ok,
    shifted,
    show_json,
)
from tests.cli.test_archive import ALL_OPEN_ITEMS


def add(run: Runner, unit: str, hsa_id: str = HSA_ID, *, months: int = 1) -> tuple[str, str]:
    """``case add``: (the new case's id, what it said on stderr)."""
    result = ok(
        run(
            "case", "add", "--caregiver", "Region Stockholm", "--unit", unit,
            "--hsa-id", hsa_id, "--closing", shifted(months=months).isoformat(),
        )
    )  # fmt: skip
    return result.stdout.strip(), result.stderr


def test_a_second_active_case_with_the_same_hsa_id_is_saved_with_a_warning(run: Runner) -> None:
    first, said = add(run, "Vårdcentralen Exempel")
    assert said == ""
    second, said = add(run, "Vårdcentralen Exempel (igen)")
    assert said == (
        f"{PREFIX}HSA-ID:t {HSA_ID} finns också på aktiva ärenden: "
        f"{first} (Vårdcentralen Exempel).\n"
    )
    third, said = add(run, "Vårdcentralen Exempel", HSA_ID.lower().replace("se", "SE", 1))
    assert len(said.splitlines()) == 1 and first in said and second in said
    assert {case["id"] for case in case_list_json(run)} == {first, second, third}  # all saved
    _, said = add(run, "Annan enhet", OTHER_HSA_ID)
    assert said == ""


def test_in_english(run: Runner) -> None:
    first, _ = add(run, "Unit One")
    result = ok(
        run(
            "--lang", "en", "case", "add", "--caregiver", "Region Stockholm", "--unit", "Two",
            "--hsa-id", HSA_ID, "--closing", shifted(months=1).isoformat(),
        )
    )  # fmt: skip
    assert (
        result.stderr == f"{PREFIX}HSA-ID {HSA_ID} is also on active cases: {first} (Unit One).\n"
    )


def test_case_edit_warns_when_it_gives_a_case_an_hsa_id_already_in_use(run: Runner) -> None:
    first, _ = add(run, "Vårdcentralen Exempel")
    other, _ = add(run, "Annan enhet", OTHER_HSA_ID)
    result = ok(run("case", "edit", other, "--unit", "Annan enhet 2"))
    assert result.stderr == ""
    result = ok(run("case", "edit", other, "--hsa-id", HSA_ID))
    assert result.stdout == f"ärende {other} ändrat: HSA-ID\n"
    assert result.stderr == (
        f"{PREFIX}HSA-ID:t {HSA_ID} finns också på aktiva ärenden: "
        f"{first} (Vårdcentralen Exempel).\n"
    )
    assert show_json(run, other)["hsa_id"] == HSA_ID  # saved


def test_case_show_lists_the_other_active_cases(run: Runner) -> None:
    first, _ = add(run, "Vårdcentralen Exempel")
    second, _ = add(run, "Vårdcentralen Exempel (igen)")
    shown = ok(run("case", "show", first)).stdout.splitlines()
    assert (
        f"HSA-ID:t {HSA_ID} finns också på aktiva ärenden: {second} (Vårdcentralen Exempel (igen))."
    ) in shown
    assert show_json(run, first)["same_hsa_id"] == [second]
    alone, _ = add(run, "Annan enhet", OTHER_HSA_ID)
    assert "finns också på" not in ok(run("case", "show", alone)).stdout
    assert show_json(run, alone)["same_hsa_id"] == []


def test_a_complete_closures_hsa_id_comes_back_without_a_word(run: Runner) -> None:
    finished = add_case(run, closing=shifted(months=-4), unit="Avslutad mottagning")
    for key in ALL_OPEN_ITEMS:
        ok(run("done", finished, key))
    again, said = add(run, "Ny mottagning på samma enhet")
    assert said == ""
    assert "finns också på" not in ok(run("case", "show", again)).stdout
    assert "finns också på" not in ok(run("case", "show", finished)).stdout
