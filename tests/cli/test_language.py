"""Swedish by default; ``--lang en`` or STANGNING_LANG=en for English; anything else refused."""

from __future__ import annotations

import pytest

from .conftest import Runner, add_case, assert_refused, ok


@pytest.fixture(scope="module")
def one_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Runner, str]:
    """A store (read-only for the tests) with one case."""
    run = Runner(tmp_path_factory.mktemp("language"))
    return run, add_case(run, closing="2026-01-31")


def test_swedish_by_default(one_case: tuple[Runner, str]) -> None:
    run, case_id = one_case
    text = ok(run("case", "show", case_id, "--today", "2026-02-10")).stdout
    assert "Vårdgivare" in text and "bevakning" in text
    assert_refused(run("case", "show", "nope42"), "inget ärende med id eller HSA-ID nope42")


def test_lang_option_switches_to_english(one_case: tuple[Runner, str]) -> None:
    run, case_id = one_case
    text = ok(run("--lang", "en", "case", "show", case_id, "--today", "2026-02-10")).stdout
    assert "Caregiver" in text and "monitoring" in text
    assert "Vårdgivare  " not in text
    assert_refused(
        run("--lang", "en", "case", "show", "nope42"), "no case with id or HSA-ID nope42"
    )


def test_lang_option_with_equals_sign(one_case: tuple[Runner, str]) -> None:
    run, _ = one_case
    assert_refused(run("--lang=en", "case", "show", "nope42"), "no case with id")


def test_environment_variable_switches_to_english(one_case: tuple[Runner, str]) -> None:
    run, _ = one_case
    english = {"STANGNING_LANG": "en"}
    assert "Today: 2026-02-10" in ok(run("status", "--today", "2026-02-10", env=english)).stdout
    assert_refused(run("case", "show", "nope42", env=english), "no case with id or HSA-ID nope42")


def test_lang_option_wins_over_environment(one_case: tuple[Runner, str]) -> None:
    run, _ = one_case
    result = run("--lang", "sv", "status", "--today", "2026-02-10", env={"STANGNING_LANG": "en"})
    assert "Dagens datum: 2026-02-10" in ok(result).stdout


def test_english_refusal_of_a_rule(one_case: tuple[Runner, str]) -> None:
    run, case_id = one_case
    assert_refused(run("--lang", "en", "undo", case_id, "vart-arbete"), "nothing to undo")


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--lang", "xx"), {}), (("--lang=de",), {}), ((), {"STANGNING_LANG": "xx"})],
    ids=["option", "option-equals", "environment"],
)
def test_unknown_language_refused_in_one_line(
    one_case: tuple[Runner, str], args: tuple[str, ...], env: dict[str, str]
) -> None:
    run, _ = one_case
    assert_refused(run(*args, "status", env=env), "sv", "en")


def test_usage_errors_in_the_users_language(one_case: tuple[Runner, str]) -> None:
    run, case_id = one_case
    assert_refused(run("na", case_id, "vart-arbete"), "krävs", "--reason")
    assert_refused(run("--lang", "en", "na", case_id, "vart-arbete"), "required", "--reason")


def test_help_in_english(one_case: tuple[Runner, str]) -> None:
    run, _ = one_case
    swedish = ok(run("--help")).stdout
    english = ok(run("--lang", "en", "--help")).stdout
    assert "show where every active case stands" in english
    assert "visa läget för alla aktiva ärenden" in swedish
