"""`ngsp survey`: the annual outcome survey, from flags, from a file, dated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ngsp_cli.model import Answer
from ngsp_cli.services.assessment.survey import load_survey
from ngsp_cli.store.folder import load
from ngsp_cli.store.yamlio import parse


@pytest.fixture(autouse=True)
def calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today is after the survey dates these tests record."""
    monkeypatch.setenv("NGSP_TODAY", "2027-12-01")


def _survey_file(root: Path, date: str) -> Path:
    return root / "assessments" / f"{date}-outcome-survey.yaml"


def test_answers_from_flags_are_saved_dated_with_counts_and_notes(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    result = ngsp(
        "-C", root, "survey", "--date", "2027-09-30", "--by", "Bo Diaz",
        "--answer", "new-products-or-markets=yes:4", "-a", "data-shared=partly",
        "--note", "data-shared=quarterly dashboard",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "assessments/2027-09-30-outcome-survey.yaml" in result.stderr
    data = parse(_survey_file(root, "2027-09-30").read_text(encoding="utf-8"))
    assert data["kind"] == "outcome-survey"
    assert data["by"] == "Bo Diaz"
    assert data["answers"]["new-products-or-markets"] == {"answer": "yes", "count": "4"}
    assert data["answers"]["data-shared"] == {"answer": "partly", "note": "quarterly dashboard"}
    snap = load(root)
    survey = snap.assessments["2027-09-30-outcome-survey"]
    assert survey.answers["new-products-or-markets"].answer is Answer.yes


def test_a_second_run_on_the_same_date_adds_and_corrects_answers(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    first = ngsp(
        "-C", root, "survey", "--date", "2027-09-30", "-a", "data-shared=no", "-a", "shared-projects=yes"
    )
    assert first.exit_code == 0, first.output
    path = _survey_file(root, "2027-09-30")
    path.write_text("# kept by hand\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    second = ngsp("-C", root, "survey", "--date", "2027-09-30", "-a", "data-shared=yes:2")
    assert second.exit_code == 0, second.output
    assert "updated" in second.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# kept by hand\n")
    answers = parse(text)["answers"]
    assert answers == {"data-shared": {"answer": "yes", "count": "2"}, "shared-projects": {"answer": "yes"}}


def test_answers_from_a_file_take_its_date(ngsp, partnership_tree, tmp_path: Path) -> None:
    root = partnership_tree()
    source = tmp_path / "answers.yaml"
    source.write_text(
        "date: 2027-10-01\nby: Ann Lee\nanswers:\n  work-based-learning: yes:14\n"
        "  programs-improved:\n    answer: partly\n    note: new CNC course\n",
        encoding="utf-8",
    )
    result = ngsp("-C", root, "survey", "--from", source, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == "2027-10-01-outcome-survey"
    assert data["answers"]["work-based-learning"] == {"answer": "yes", "count": 14, "note": None}
    assert data["answers"]["programs-improved"]["note"] == "new CNC course"
    assert _survey_file(root, "2027-10-01").is_file()


def test_a_file_with_a_date_that_is_not_one_names_its_line(ngsp, partnership_tree, tmp_path: Path) -> None:
    root = partnership_tree()
    source = tmp_path / "answers.yaml"
    text = "by: Ann Lee\ndate: 10/01/2027\nanswers:\n  work-based-learning: yes\n"
    source.write_text(text, encoding="utf-8")
    result = ngsp("-C", root, "survey", "--from", source)
    assert result.exit_code == 2
    assert "answers.yaml:2" in result.stderr
    assert "'10/01/2027' is not a date" in result.stderr
    assert "YYYY-MM-DD" in result.stderr
    assert not (root / "assessments").exists() or not any((root / "assessments").iterdir())


def test_a_file_with_an_unknown_question_names_the_line_and_writes_nothing(
    ngsp, partnership_tree, tmp_path: Path
) -> None:
    root = partnership_tree()
    source = tmp_path / "answers.yaml"
    source.write_text("data-shared: yes\nfree-lunch: yes\nshared-projects: maybe\n", encoding="utf-8")
    result = ngsp("-C", root, "survey", "--from", source, "--date", "2027-10-01")
    assert result.exit_code == 2
    assert "answers.yaml:2" in result.stderr
    assert "free-lunch" in result.stderr
    assert "answers.yaml:3" in result.stderr
    assert "'maybe' is not an answer" in result.stderr
    assert not (root / "assessments").exists() or not any((root / "assessments").iterdir())


def test_bad_flags_are_usage_errors(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    unknown = ngsp("-C", root, "survey", "-a", "free-lunch=yes")
    assert unknown.exit_code == 2
    assert "no survey question 'free-lunch'" in unknown.stderr
    malformed = ngsp("-C", root, "survey", "-a", "data-shared")
    assert malformed.exit_code == 2
    assert "QUESTION=ANSWER" in malformed.stderr
    bad_count = ngsp("-C", root, "survey", "-a", "data-shared=yes:many")
    assert bad_count.exit_code == 2
    assert "'many' is not a whole number" in bad_count.stderr


def test_without_a_terminal_and_without_answers_it_names_the_flags(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    result = ngsp("-C", root, "survey")
    assert result.exit_code == 2
    assert "--answer" in result.stderr
    assert "--from" in result.stderr


def test_questions_are_listed_from_the_playbook(ngsp) -> None:
    result = ngsp("survey", "--questions", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [g["id"] for g in data["groups"]] == [
        "businesses",
        "students-and-jobseekers",
        "partnership-and-systems",
    ]
    ids = [q["id"] for g in data["groups"] for q in g["questions"]]
    assert ids == load_survey().ids()
    assert "new-products-or-markets" in ids
    assert len(ids) == len(set(ids))


def test_every_question_finishes_the_portfolio_sentence() -> None:
    for question in load_survey().questions():
        assert question.statement[0].islower(), question.id
        assert not question.statement.endswith("."), question.id


def test_old_assessment_files_without_counts_stay_valid(partnership_tree) -> None:
    root = partnership_tree(
        {
            "assessments/2026-01-10-self-assessment.yaml": {
                "kind": "self-assessment",
                "date": "2026-01-10",
                "answers": {"region": {"answer": "yes", "note": "labor shed"}},
            }
        }
    )
    snap = load(root)
    answer = snap.assessments["2026-01-10-self-assessment"].answers["region"]
    assert answer.count is None
    assert answer.note == "labor shed"


_STATE_SURVEY = {
    "id": "outcome-survey",
    "title": "Our state's outcome survey",
    "groups": [
        {
            "id": "jobs",
            "title": "Jobs",
            "questions": [
                {"id": "state-wage-gains", "text": "Did wages rise in the sector's entry jobs?",
                 "statement": "saw wages rise in entry jobs"},
            ],
        }
    ],
}  # fmt: skip


def test_a_folder_uses_its_own_survey_questions(ngsp, partnership_tree) -> None:
    root = partnership_tree({"playbook/outcome-survey.yaml": _STATE_SURVEY})
    questions = ngsp("-C", root, "survey", "--questions")
    assert questions.exit_code == 0, questions.output
    assert "state-wage-gains" in questions.stdout
    assert "new-products-or-markets" not in questions.stdout
    recorded = ngsp("-C", root, "survey", "--date", "2027-09-30", "-a", "state-wage-gains=yes")
    assert recorded.exit_code == 0, recorded.output
    bundled_id = ngsp("-C", root, "survey", "--date", "2027-09-30", "-a", "data-shared=yes")
    assert bundled_id.exit_code == 2
    report = ngsp("-C", root, "report", "--as-of", "2027-10-01", "-o", "-")
    assert "Did wages rise in the sector's entry jobs? | yes |" in report.stdout


def test_a_program_playbook_folder_supplies_the_survey(ngsp, partnership_tree, tmp_path: Path) -> None:
    program = tmp_path / "state-playbook"
    program.mkdir()
    # JSON is YAML too.
    (program / "outcome-survey.yaml").write_text(json.dumps(_STATE_SURVEY), encoding="utf-8")
    root = partnership_tree()
    partnership = root / "partnership.yaml"
    partnership.write_text(partnership.read_text(encoding="utf-8") + "playbook: ../state-playbook\n")
    result = ngsp("-C", root, "survey", "--date", "2027-09-30", "-a", "state-wage-gains=partly")
    assert result.exit_code == 0, result.output
    # A folder with only a survey is a valid playbook folder for the other commands too.
    status = ngsp("-C", root, "status", "--as-of", "2027-10-01")
    assert status.exit_code == 0, status.output


def test_check_warns_about_answers_to_no_survey_question(ngsp, partnership_tree) -> None:
    root = partnership_tree(
        {
            "assessments/2027-07-20-outcome-survey.yaml": {
                "kind": "outcome-survey", "date": "2027-07-20",
                "answers": {"data-shared": {"answer": "no"}, "data-shard": {"answer": "yes"}},
            },
        }
    )  # fmt: skip
    result = ngsp("-C", root, "check", "--as-of", "2027-08-01", "--json")
    assert result.exit_code == 0, result.output
    [warning] = json.loads(result.stdout)["warnings"]
    assert warning["file"] == "assessments/2027-07-20-outcome-survey.yaml"
    assert warning["field"] == "answers.data-shard"
    assert warning["line"] is not None
    assert "data-shared" in warning["hint"]
    human = ngsp("-C", root, "check", "--as-of", "2027-08-01")
    assert "'data-shard' is not an outcome survey question" in " ".join(human.stdout.split())


def test_a_survey_dated_after_today_is_refused(ngsp, partnership_tree, tmp_path: Path) -> None:
    root = partnership_tree()
    later = ngsp("-C", root, "survey", "--date", "2027-12-02", "-a", "data-shared=yes")
    assert later.exit_code == 2
    assert "2027-12-02 is after today (2027-12-01)" in " ".join(later.stderr.split())
    as_of = ngsp("-C", root, "survey", "--as-of", "2028-01-01", "-a", "data-shared=yes")
    assert as_of.exit_code == 2
    assert "--as-of" in as_of.stderr
    source = tmp_path / "answers.yaml"
    source.write_text("date: 2028-03-01\nanswers:\n  data-shared: yes\n", encoding="utf-8")
    from_file = ngsp("-C", root, "survey", "--from", source)
    assert from_file.exit_code == 2
    assert not (root / "assessments").exists()
    back = ngsp("-C", root, "survey", "--as-of", "2027-06-01", "-a", "data-shared=yes")
    assert back.exit_code == 0, back.output
    assert _survey_file(root, "2027-06-01").is_file()
