"""`ngsp assess`: record a dated self-assessment from flags or a file; check then uses it."""

from __future__ import annotations

import json

from check_scenarios import AS_OF

from ngsp_cli.store.folder import load


def test_assess_from_flags_writes_a_dated_file(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    result = ngsp(
        "-C", root, "assess", "--date", "2026-10-01", "--by", "Support team",
        "--answer", "region-labor-market=yes", "--note", "region-labor-market=the commute shed",
        "--answer", "action-plan-current=Partly",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    path = root / "assessments/2026-10-01-self-assessment.yaml"
    text = path.read_text()
    assert "kind: self-assessment" in text
    assessment = load(root).assessments["2026-10-01-self-assessment"]
    assert assessment.by == "Support team"
    assert assessment.answers["region-labor-market"].answer.value == "yes"
    assert assessment.answers["region-labor-market"].note == "the commute shed"
    assert assessment.answers["action-plan-current"].answer.value == "partly"
    # ordered as the indicators are, whatever the order of the flags
    assert text.index("region-labor-market") < text.index("action-plan-current")


def test_check_uses_the_recorded_answer(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    assert ngsp("-C", root, "assess", "--date", "2026-10-01", "-a", "region-labor-market=yes").exit_code == 0
    result = ngsp("-C", root, "check", "--json", "--as-of", AS_OF.isoformat())
    data = json.loads(result.stdout)
    region = next(i for f in data["features"] for i in f["indicators"] if i["id"] == "region-labor-market")
    assert region["status"] == "met"
    assert region["source"] == "self-assessment"
    assert "2026-10-01" in region["evidence"]


def test_second_run_on_the_same_day_updates_and_keeps_comments(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    assert ngsp("-C", root, "assess", "--date", "2026-10-01", "-a", "region-labor-market=no").exit_code == 0
    path = root / "assessments/2026-10-01-self-assessment.yaml"
    path.write_text("# agreed at the support team retreat\n" + path.read_text())
    result = ngsp("-C", root, "assess", "--date", "2026-10-01", "-a", "business-champions=yes")
    assert result.exit_code == 0, result.output
    assert "added 1 answer in" in " ".join(result.stderr.split())
    text = path.read_text()
    assert text.startswith("# agreed at the support team retreat\n")
    answers = load(root).assessments["2026-10-01-self-assessment"].answers
    assert {k: v.answer.value for k, v in answers.items()} == {
        "region-labor-market": "no",
        "business-champions": "yes",
    }


def test_assess_from_a_yaml_file(ngsp, partnership_tree, tmp_path) -> None:
    root = partnership_tree()
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "region-labor-market: yes\naction-plan-current:\n  answer: partly\n  note: one team is quiet\n"
    )
    result = ngsp("-C", root, "assess", "--date", "2026-11-01", "--from", answers, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == "2026-11-01-self-assessment"
    plan = data["answers"]["action-plan-current"]
    assert (plan["answer"], plan["note"]) == ("partly", "one team is quiet")


def test_assess_from_a_csv_file(ngsp, partnership_tree, tmp_path) -> None:
    root = partnership_tree()
    answers = tmp_path / "answers.csv"
    answers.write_text("indicator,answer,note\nregion-labor-market,yes,\nbusiness-champions,no,only one\n")
    result = ngsp("-C", root, "assess", "--date", "2026-11-01", "--from", answers)
    assert result.exit_code == 0, result.output
    stored = load(root).assessments["2026-11-01-self-assessment"].answers
    assert stored["business-champions"].note == "only one"
    assert stored["region-labor-market"].note is None


def test_every_bad_line_of_an_answers_file_is_reported(ngsp, partnership_tree, tmp_path) -> None:
    root = partnership_tree()
    answers = tmp_path / "answers.yaml"
    answers.write_text("region-labor-market: maybe\nbusines-champions: yes\naction-plan-current: no\n")
    result = ngsp("-C", root, "assess", "--from", answers)
    assert result.exit_code == 2
    assert "answers.yaml:1" in result.stderr
    assert "'maybe' is not an answer" in result.stderr
    assert "answers.yaml:2" in result.stderr
    assert "'busines-champions' is not an indicator" in result.stderr
    assert not (root / "assessments").exists()


def test_unknown_indicator_or_answer_in_flags_is_a_usage_error(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    bad_id = ngsp("-C", root, "assess", "-a", "regon=yes")
    assert bad_id.exit_code == 2
    assert "region-labor-market" in bad_id.stderr  # the hint lists the ids
    bad_answer = ngsp("-C", root, "assess", "-a", "region-labor-market=sometimes")
    assert bad_answer.exit_code == 2
    assert "yes, partly, no or unknown" in bad_answer.stderr
    note_only = ngsp("-C", root, "assess", "--note", "region-labor-market=why")
    assert note_only.exit_code == 2
    assert "has no answer" in note_only.stderr


def test_no_answers_without_a_terminal_names_the_flags(ngsp, partnership_tree) -> None:
    result = ngsp("-C", partnership_tree(), "assess", "--no-input")
    assert result.exit_code == 2
    assert "--answer" in result.stderr
    assert "--from" in result.stderr


def test_a_changed_answer_without_a_note_keeps_the_note(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    first = ngsp(
        "-C", root, "assess", "--date", "2026-11-25", "--answer", "new-businesses-joining=yes",
        "--note", "new-businesses-joining=three new clinics",
    )  # fmt: skip
    assert first.exit_code == 0, first.output
    assert "recorded 1 answer in" in " ".join(first.stderr.split())
    second = ngsp("-C", root, "assess", "--date", "2026-11-25", "--answer", "new-businesses-joining=no")
    assert second.exit_code == 0, second.output
    assert "changed 1 answer in" in " ".join(second.stderr.split())
    answer = load(root).assessments["2026-11-25-self-assessment"].answers["new-businesses-joining"]
    assert (answer.answer.value, answer.note) == ("no", "three new clinics")
    again = ngsp("-C", root, "assess", "--date", "2026-11-25", "-a", "new-businesses-joining=no",
                 "-a", "business-champions=yes")  # fmt: skip
    assert "added 1 answer, kept 1 answer as it was" in " ".join(again.stderr.split())
