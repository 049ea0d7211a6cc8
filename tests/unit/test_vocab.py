"""Fixed vocabulary read forgivingly, names never picked silently, suggestions alike everywhere."""

from __future__ import annotations

from enum import StrEnum
from types import SimpleNamespace

import pytest

from ngsp_cli.errors import NotFoundError, UsageError
from ngsp_cli.model import (
    Answer,
    MeetingKind,
    OrgKind,
    PriorityCategory,
    Role,
    TeamStatus,
)
from ngsp_cli.services.lookup import AmbiguousName, resolve
from ngsp_cli.vocab import choose, closest, normalized_name

TYPED = [OrgKind, Role, MeetingKind, PriorityCategory, TeamStatus, Answer]
MEMBERS = [(kind, member) for kind in TYPED for member in kind]


def _as_people_type(value: str) -> list[str]:
    """Ways people type one value: capitals, spaces, underscores, stray blanks."""
    words = value.split("-")
    return [
        value.upper(),
        " ".join(w.capitalize() for w in words),
        "_".join(words),
        f"  {' '.join(words)}  ",
    ]


@pytest.mark.parametrize(("kind", "member"), MEMBERS, ids=lambda v: str(getattr(v, "value", v)))
def test_every_value_is_read_in_any_case_with_spaces_or_underscores(
    kind: type[StrEnum], member: StrEnum
) -> None:
    for typed in _as_people_type(member.value):
        assert choose(kind, typed, "a word") is member


@pytest.mark.parametrize(("kind", "member"), MEMBERS, ids=lambda v: str(getattr(v, "value", v)))
def test_a_typo_suggests_the_closest_value_and_lists_them_all(kind: type[StrEnum], member: StrEnum) -> None:
    typo = member.value[:-1] if len(member.value) > 4 else member.value + "x"
    with pytest.raises(UsageError) as caught:
        choose(kind, typo, "a word")
    problem = caught.value.problem
    assert problem.message == f"'{typo}' is not a word"
    assert problem.hint is not None
    assert f"did you mean '{member.value}'?" in problem.hint
    for other in kind:
        assert other.value in problem.hint


def test_a_word_far_from_every_value_gets_the_list_but_no_guess() -> None:
    with pytest.raises(UsageError) as caught:
        choose(OrgKind, "zzzz", "a kind of organization")
    assert "did you mean" not in (caught.value.problem.hint or "")


def test_allowed_narrows_the_list() -> None:
    public = [k for k in OrgKind if k is not OrgKind.business]
    assert choose(OrgKind, "Workforce", "a kind", allowed=public) is OrgKind.workforce
    with pytest.raises(UsageError) as caught:
        choose(OrgKind, "business", "a kind", allowed=public)
    assert "business" not in (caught.value.problem.hint or "").split("use ", 1)[1]


def test_closest_finds_a_word_inside_an_id_or_an_id_inside_the_words() -> None:
    ids = ["clinical-placements", "cna-to-lpn-pathway", "rural-acute-care-network"]
    assert closest("clinical", ids) == ["clinical-placements"]
    assert closest("Rural", ids) == ["rural-acute-care-network"]
    assert closest("workforce board", [k.value for k in OrgKind]) == ["workforce"]
    assert closest("elevator-pich", ["elevator-pitch", "launch-ready"]) == ["elevator-pitch"]
    assert closest("qqq", ids) == []


def test_normalized_name_leaves_out_legal_suffixes() -> None:
    assert normalized_name("Acme Tools, Inc.") == normalized_name("acme tools")
    assert normalized_name("The Acme Tools Company LLC") == normalized_name("Acme Tools")
    assert normalized_name("Acme Tools") != normalized_name("Acme Dies")


def _people(*rows: tuple[str, str, str]) -> dict[str, SimpleNamespace]:
    return {pid: SimpleNamespace(name=name, org=org) for pid, name, org in rows}


def test_a_shared_name_is_refused_with_the_ids_and_what_tells_them_apart() -> None:
    table = _people(("hal-ives", "Hal Ives", "carter"), ("hal-ives-2", "Hal Ives", "acme"))
    for typed in ("Hal Ives", "hal ives", "HAL-IVES ", "Hal  Ives"):
        with pytest.raises(AmbiguousName) as caught:
            resolve(table, typed, "person", "ngsp person list")
        message = caught.value.problem.message
        assert "hal-ives (carter)" in message
        assert "hal-ives-2 (acme)" in message
    assert resolve(table, "hal-ives", "person", "x") == "hal-ives"
    assert resolve(table, "hal-ives-2", "person", "x") == "hal-ives-2"


def test_an_ambiguous_name_is_an_input_error_with_exit_code_2() -> None:
    table = _people(("a", "Same", "x"), ("b", "Same", "y"))
    with pytest.raises(NotFoundError) as caught:
        resolve(table, "Same", "person", "x")
    assert caught.value.exit_code == 2


def test_a_unique_name_still_resolves_in_any_case_or_spelling() -> None:
    table = _people(("hal-ives", "Hal Ives", "carter"), ("jo-king", "Jo King", "acme"))
    for typed in ("Hal Ives", "hal ives", "Hal-Ives", "hal-ives"):
        assert resolve(table, typed, "person", "x") == "hal-ives"


def test_loose_names_match_only_while_unambiguous() -> None:
    orgs = {"acme-tools-inc": SimpleNamespace(name="Acme Tools, Inc.")}
    assert resolve(orgs, "Acme Tools", "organization", "x", loose=normalized_name) == "acme-tools-inc"
    with pytest.raises(NotFoundError):
        resolve(orgs, "Acme Tools", "organization", "x")  # not without `loose`
    orgs["acme-tools-llc"] = SimpleNamespace(name="Acme Tools LLC")
    with pytest.raises(AmbiguousName) as caught:
        resolve(orgs, "Acme Tools", "organization", "x", loose=normalized_name)
    assert "acme-tools-inc" in caught.value.problem.message
    assert "acme-tools-llc" in caught.value.problem.message


def test_an_unknown_name_gets_a_suggestion_with_its_id() -> None:
    teams = {"machinist-pathway": SimpleNamespace(name="Machinist pathway")}
    with pytest.raises(NotFoundError) as caught:
        resolve(teams, "machinist", "action team", "ngsp team list")
    hint = caught.value.problem.hint or ""
    assert "did you mean 'machinist-pathway'" in hint
    assert "ngsp team list" in hint


def test_spreadsheet_words_get_a_guess_of_the_value_they_stand_for() -> None:
    from ngsp_cli.services.directory.import_values import BadRow, parse_kind, parse_roles

    with pytest.raises(BadRow, match="did you mean 'workforce'"):
        parse_kind("workforce bord")
    with pytest.raises(BadRow, match="did you mean 'champion'"):
        parse_roles("staff, champoin")
    with pytest.raises(BadRow) as caught:
        parse_roles("Chief Executive Officer")
    assert "did you mean" not in str(caught.value)
    assert "--map COLUMN=title" in str(caught.value)


def test_names_of_no_latin_letters_match_only_themselves() -> None:
    orgs = {"item": SimpleNamespace(name="東京病院"), "item-2": SimpleNamespace(name="大阪病院")}
    assert resolve(orgs, "東京病院", "organization", "x", loose=normalized_name) == "item"
    with pytest.raises(NotFoundError) as caught:
        resolve(orgs, "札幌病院", "organization", "x", loose=normalized_name)
    assert not isinstance(caught.value, AmbiguousName)


def test_an_empty_name_is_refused_not_matched() -> None:
    table = {"item": SimpleNamespace(name="")}
    with pytest.raises(NotFoundError):
        resolve(table, "  ", "person", "ngsp person list")
