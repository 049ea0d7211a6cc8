"""`ngsp portfolio`: the bundled examples side by side, with a broken folder that is skipped."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from ngsp_cli.resources import bundled, example_names
from ngsp_cli.services.assessment.survey import load_survey
from ngsp_cli.services.reporting.portfolio import build_portfolio
from ngsp_cli.store.yamlio import parse

AS_OF = "2026-11-25"


@pytest.fixture
def state(tmp_path: Path) -> Path:
    """A state program's folder: the three bundled examples and one broken partnership."""
    parent = tmp_path / "state"
    names = example_names()
    assert len(names) >= 3
    for name in names:
        shutil.copytree(bundled("examples") / name, parent / name)
    broken = parent / "zz-broken-partnership"
    shutil.copytree(bundled("examples") / names[0], broken)
    (broken / "people" / "typo.yaml").write_text("name: [Ann\norg: acme\n", encoding="utf-8")
    (parent / "notes").mkdir()  # an ordinary folder is neither listed nor reported
    return parent


def _latest_survey_answers(folder: Path) -> dict[str, str]:
    files = sorted((folder / "assessments").glob("*-outcome-survey.yaml"))
    data = parse(files[-1].read_text(encoding="utf-8"))
    return {qid: value["answer"] for qid, value in data["answers"].items()}


def test_portfolio_lists_every_readable_partnership_and_reports_the_broken_one(ngsp, state: Path) -> None:
    result = ngsp("portfolio", state, "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # the progress bar never reaches stdout
    names = {row["folder"]: row["name"] for row in data["partnerships"]}
    assert sorted(Path(f).name for f in names) == example_names()
    [broken] = data["broken"]
    assert Path(broken["folder"]).name == "zz-broken-partnership"
    assert broken["problems"][0]["file"] == "people/typo.yaml"
    assert broken["problems"][0]["line"] is not None
    assert "skipped" in result.stderr
    assert "zz-broken-partnership" in result.stderr
    assert "people/typo.yaml:" in result.stderr
    scores = {Path(row["folder"]).name: row["score"] for row in data["partnerships"]}
    # The business-led manufacturing example scores above the public-heavy hospitality one.
    assert scores["south-central-pa-manufacturing"] > scores["laramie-county-hospitality"]
    for row in data["partnerships"]:
        assert 0 <= row["score"] <= 1, row["name"]
        assert row["phase"] is not None, row["name"]
        assert row["last_meeting"] is not None
        assert row["survey_date"] is not None


def test_outcome_aggregates_are_the_share_of_partnerships_answering_yes(ngsp, state: Path) -> None:
    result = ngsp("portfolio", state, "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.output
    aggregates = json.loads(result.stdout)["aggregates"]
    answers = [_latest_survey_answers(state / name) for name in example_names()]
    assert aggregates["with_outcome_survey"] == len(answers)
    by_id = {o["id"]: o for o in aggregates["outcomes"]}
    assert list(by_id) == load_survey().ids()
    for qid, outcome in by_id.items():
        yes = sum(1 for a in answers if a.get(qid) == "yes")
        assert outcome["yes"] == yes, qid
        answered = sum(1 for a in answers if a.get(qid) in {"yes", "partly", "no"})
        assert outcome["answered"] == answered, qid
        assert outcome["percent"] == (round(100 * yes / answered) if answered else None), qid
        if yes:
            assert outcome["sentence"].startswith(f"{outcome['percent']}% of partnerships "), qid
    products = by_id["new-products-or-markets"]
    assert "have businesses that developed new products or markets" in products["sentence"]


def test_business_share_comes_from_the_recent_full_meetings(ngsp, state: Path) -> None:
    result = ngsp("portfolio", state / "laramie-county-hospitality", "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)["partnerships"]
    # The public-heavy example: business leaders never outnumber public partners.
    assert row["business_majority"] is False
    assert row["business_share"] < 50
    assert row["teams_flagged"] >= 1


def test_table_and_documents(ngsp, state: Path, tmp_path: Path) -> None:
    table = ngsp("portfolio", state, "--as-of", AS_OF)
    assert table.exit_code == 0, table.output
    assert "of partnerships have businesses that developed new products or markets" in table.stdout
    markdown = ngsp("portfolio", state, "--as-of", AS_OF, "--format", "md")
    assert markdown.exit_code == 0, markdown.output
    assert markdown.stdout.startswith("# Sector partnership portfolio")
    assert "## Folders that could not be read" in markdown.stdout
    out = tmp_path / "portfolio.html"
    html = ngsp("portfolio", state, "--as-of", AS_OF, "--format", "html", "--out", out)
    assert html.exit_code == 0, html.output
    text = out.read_text(encoding="utf-8")
    assert "chart-outcome-share" in text
    assert "chart-business-share" in text
    assert "<script" not in text


def test_exit_2_when_no_folder_can_be_read(ngsp, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = ngsp("portfolio", tmp_path / "empty", tmp_path / "missing", "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["partnerships"] == []
    assert len(data["broken"]) == 2
    assert "no partnership folder could be read" in result.stderr


def test_nothing_read_prints_no_table_and_says_what_is_wrong(ngsp, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = ngsp("portfolio", tmp_path / "empty", tmp_path / "missing")
    assert result.exit_code == 2
    assert result.stdout == ""  # no empty "0 partnerships" table
    stderr = " ".join(result.stderr.split())
    assert f"{tmp_path / 'missing'} does not exist" in stderr
    assert f"{tmp_path / 'empty'} is not a partnership folder" in stderr
    assert "or a folder whose subfolders are partnership folders" in stderr


def test_portfolio_out_file_name_chooses_the_format(ngsp, state: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.html"
    result = ngsp("portfolio", state / "laramie-county-hospitality", "--as-of", AS_OF, "--out", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")


def test_parallel_reading_gives_the_same_portfolio(state: Path) -> None:
    as_of = dt.date.fromisoformat(AS_OF)
    single = build_portfolio([state], as_of, workers=1)
    parallel = build_portfolio([state], as_of, workers=2)
    assert parallel.as_dict() == single.as_dict()
    assert len(single.partnerships) == len(example_names())


@pytest.mark.parametrize("name", ["south-central-pa-manufacturing", "laramie-county-hospitality"])
def test_the_portfolio_examples_copy_and_load_cleanly(ngsp, tmp_path: Path, name: str) -> None:
    assert name in example_names()
    result = ngsp("init", tmp_path / name, "--example", name, "--no-git")
    assert result.exit_code == 0, result.output
    listed = ngsp("-C", tmp_path / name, "org", "list", "--json")
    assert listed.exit_code == 0, listed.output
    kinds = [o["kind"] for o in json.loads(listed.stdout)]
    assert "business" in kinds
    assert any(kind != "business" for kind in kinds)
    report = ngsp("-C", tmp_path / name, "report", "--as-of", AS_OF, "-o", "-")
    assert report.exit_code == 0, report.output
    assert "No outcome survey yet" not in report.stdout
    assert "No action teams yet" not in report.stdout


def test_the_table_is_readable_at_80_columns(ngsp, state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    name = "Weld [Tech] Partnership"
    partnership_file = state / "laramie-county-hospitality" / "partnership.yaml"
    text = partnership_file.read_text(encoding="utf-8")
    old_name = parse(text)["name"]
    partnership_file.write_text(text.replace(old_name, name, 1), encoding="utf-8")
    result = ngsp("portfolio", state, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    table = result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert "…" not in table  # nothing cut: dates, names and phases are whole
    assert "Weld [Tech]" in table  # user text is not read as markup
    data = json.loads(ngsp("portfolio", state, "--as-of", AS_OF, "--json").stdout)
    for row in data["partnerships"]:
        assert str(row["last_meeting"]) in table
        assert str(row["survey_date"]) in table
        assert row["phase"]["title"].split()[0] in table


def _surveyed(partnership_tree, name: str, answers: dict[str, str]) -> Path:
    return partnership_tree(
        {
            "assessments/2026-10-01-outcome-survey.yaml": {
                "kind": "outcome-survey",
                "date": "2026-10-01",
                "answers": {qid: {"answer": answer} for qid, answer in answers.items()},
            }
        },
        name=name,
    )


def test_partly_and_unknown_answers_are_reported_apart_not_as_no(ngsp, partnership_tree, tmp_path) -> None:
    hiring, products = "found-skilled-workers", "new-products-or-markets"
    _surveyed(partnership_tree, "state/one", {hiring: "partly", products: "yes"})
    _surveyed(partnership_tree, "state/two", {hiring: "unknown", products: "unknown"})
    result = ngsp("portfolio", tmp_path / "state", "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.output
    by_id = {o["id"]: o for o in json.loads(result.stdout)["aggregates"]["outcomes"]}
    hiring_ = by_id[hiring]
    assert (hiring_["yes"], hiring_["partly"], hiring_["no"], hiring_["unknown"]) == (0, 1, 0, 1)
    assert hiring_["answered"] == 1
    assert hiring_["sentence"] == (
        "1 of 1 answered partly that they have businesses that found help hiring skilled employees "
        "(none yes); 1 did not know"
    )
    products_ = by_id[products]
    # The partnership that did not know is not a "no": 1 of 1 that answered said yes.
    assert products_["percent"] == 100
    assert products_["sentence"] == (
        "100% of partnerships have businesses that developed new products or markets "
        "(1 of 1 answered yes); 1 did not know"
    )
    nobody = by_id["new-recruitment-practices"]
    assert nobody["percent"] is None
    assert nobody["sentence"].startswith("None of the 2 partnerships surveyed knew whether they ")
    table = ngsp("portfolio", tmp_path / "state", "--as-of", AS_OF)
    markdown = ngsp("portfolio", tmp_path / "state", "--as-of", AS_OF, "--format", "md")
    for text in (table.stdout, markdown.stdout):
        flat = " ".join(text.split())
        assert "1 of 1 answered partly that they have businesses that found help hiring" in flat
        assert "0% of partnerships have businesses that found help hiring" not in flat
