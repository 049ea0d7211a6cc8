"""`ngsp report`: the progress report in Markdown (golden) and HTML (charts, escaped, offline)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent.parent / "golden" / "report"
AS_OF = "2026-11-25"


def _check_golden(request: pytest.FixtureRequest, name: str, text: str) -> None:
    path = GOLDEN / name
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"no golden file {path}; run pytest --update-golden once"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (
        f"the report differs from {path}; if the change is intended (for example the example "
        "partnership changed), run pytest --update-golden and review the diff"
    )


def test_markdown_report_of_the_example_matches_the_golden_file(
    ngsp, example_folder: Path, request: pytest.FixtureRequest
) -> None:
    result = ngsp("-C", example_folder, "report", "--as-of", AS_OF, "--out", "-")
    assert result.exit_code == 0, result.output
    _check_golden(request, "northeast-louisiana-healthcare.md", result.stdout)


def test_report_is_written_to_out_by_default(ngsp, example_folder: Path) -> None:
    result = ngsp("-C", example_folder, "report", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    written = example_folder / "out" / f"report-{AS_OF}.md"
    assert written.is_file()
    assert str(written) in "".join(result.stderr.split())
    assert result.stdout == ""


def _meeting(date: str, attendees: list[str], title: str = "Quarterly meeting") -> dict[str, object]:
    return {
        "kind": "full-partnership",
        "title": title,
        "date": date,
        "status": "held",
        "attendees": attendees,
    }


@pytest.fixture
def busy_tree(partnership_tree):
    """Three meetings, one team with done, open and overdue tasks, one survey."""
    return partnership_tree(
        {
            "organizations/bolt-works.yaml": {"name": "Bolt Works", "kind": "business"},
            "people/cy-ng.yaml": {"name": "Cy Ng", "org": "bolt-works", "roles": ["business-leader"]},
            "people/di-fox.yaml": {"name": "Di Fox", "org": "valley-workforce-board"},
            "meetings/2027-01-10-launch.yaml": _meeting("2027-01-10", ["ann-lee", "cy-ng", "bo-diaz"],
                                                        "Launch"),
            "meetings/2027-04-10-q2.yaml": _meeting("2027-04-10", ["ann-lee", "bo-diaz", "di-fox"],
                                                    "Tools <script>alert(1)</script> | pipes"),
            "meetings/2027-07-10-q3.yaml": _meeting("2027-07-10", ["ann-lee", "cy-ng"]),
            "priorities/apprenticeships.yaml": {
                "title": "Shared apprenticeships", "category": "talent", "status": "selected",
                "votes": {"business_points": 9, "business_voters": 3, "rank": 1},
            },
            "action-teams/apprenticeships.yaml": {
                "name": "Apprenticeship team", "priority": "apprenticeships", "champions": ["ann-lee"],
                "formed": "2027-01-10",
                "tasks": [
                    {"id": "t1", "text": "Draft the curriculum", "status": "done", "done_on": "2027-03-01"},
                    {"id": "t2", "text": "Sign employers", "due": "2027-06-01"},
                    {"id": "t3", "text": "Recruit students", "due": "2027-12-01"},
                ],
                "updates": [{"date": "2027-07-01", "text": "Four employers signed."}],
            },
            "assessments/2027-07-20-outcome-survey.yaml": {
                "kind": "outcome-survey", "date": "2027-07-20",
                "answers": {"new-products-or-markets": {"answer": "yes", "count": 2},
                            "data-shared": {"answer": "no"}},
            },
        }
    )  # fmt: skip


def test_markdown_report_counts_attendance_tasks_and_outcomes(ngsp, busy_tree: Path) -> None:
    result = ngsp("-C", busy_tree, "report", "--as-of", "2027-08-01", "-o", "-")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "| Meetings held (all kinds) | 3 |" in text
    assert "meetings (added up) | 5 / 3 (62% business) |" in text
    assert (
        "| Launch and full-partnership meetings where business leaders outnumbered public partners | 2 of 3 |"
        in text
    )
    assert (
        "| 2027-04-10 | Tools <script>alert(1)</script> \\| pipes | Full partnership | 1 | 2 | 33% ⚠ |"
        in text
    )
    assert "| Tasks done / open / overdue | 1 / 2 / 1 |" in text
    assert "| Shared apprenticeships | talent | selected | 9 (#1) | Apprenticeship team |" in text
    assert "- Last update (2027-07-01, 31 days ago): Four employers signed." in text
    assert "Sign employers" not in text  # tasks are counted, not listed
    assert "past due" in text  # the overdue task flags the team
    assert "yes to 1 of 16 questions" in text
    assert "| 2 businesses |" in text


def test_since_limits_the_meetings_and_the_tasks_done(ngsp, busy_tree: Path) -> None:
    result = ngsp("-C", busy_tree, "report", "--as-of", "2027-08-01", "--since", "2027-04-01", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "| Meetings held in this period (all kinds) | 2 |" in result.stdout
    assert "2027-01-10" not in result.stdout
    assert "1 done (0 in this period)" in result.stdout


def test_html_report_has_inline_charts_no_scripts_and_escapes_names(ngsp, busy_tree: Path) -> None:
    out = busy_tree / "report.html"
    result = ngsp("-C", busy_tree, "report", "-f", "html", "--as-of", "2027-08-01", "--out", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    for chart in ("chart-attendance", "chart-tasks", "chart-outcomes"):
        assert chart in html
    assert html.count("<svg") == 3
    assert "<script" not in html.replace("&lt;script", "")
    assert "Tools &lt;script&gt;alert(1)&lt;/script&gt;" in html
    urls = set(re.findall(r"(?:src|href)=\"([^\"]+)\"", html))
    assert not {u for u in urls if not u.startswith("#")}, urls
    assert "@media print" in html


def test_html_report_of_an_empty_partnership_has_no_charts(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    result = ngsp("-C", root, "report", "-f", "html", "--as-of", "2027-08-01", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "<svg" not in result.stdout
    assert "No meetings held yet." in result.stdout
    assert "No outcome survey yet." in result.stdout


def test_unknown_format_and_reversed_dates_are_usage_errors(ngsp, partnership_tree) -> None:
    root = partnership_tree()
    bad_format = ngsp("-C", root, "report", "-f", "pdf")
    assert bad_format.exit_code == 2
    assert "use --format md, html or docx" in bad_format.stderr
    reversed_dates = ngsp("-C", root, "report", "--since", "2027-09-01", "--as-of", "2027-08-01")
    assert reversed_dates.exit_code == 2
    assert "after the report date" in reversed_dates.stderr


def test_a_folder_template_overrides_the_report(ngsp, partnership_tree) -> None:
    root = partnership_tree(
        {"templates/report.md.j2": "{{ partnership.name }}: {{ summary.meetings_held }}\n"}
    )
    result = ngsp("-C", root, "report", "--as-of", "2027-08-01", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Test Valley Manufacturing: 0\n"


def test_json_gives_the_figures_of_the_report(ngsp, busy_tree: Path) -> None:
    import json

    result = ngsp("-C", busy_tree, "report", "--as-of", "2027-08-01", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["as_of"] == "2027-08-01"
    assert data["summary"]["meetings_held"] == len(data["meetings"]) == 3
    assert [m["business"] for m in data["meetings"]] == [2, 1, 2]
    assert data["teams"][0]["tasks_overdue"] == 1
    assert data["outcomes"]["date"] == "2027-07-20"
    assert not (busy_tree / "out").exists()


def test_the_out_file_name_chooses_the_format(ngsp, busy_tree: Path) -> None:
    html_out = busy_tree / "r.html"
    result = ngsp("-C", busy_tree, "report", "--as-of", "2027-08-01", "--out", html_out)
    assert result.exit_code == 0, result.output
    assert html_out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    md_out = busy_tree / "r.md"
    result = ngsp("-C", busy_tree, "report", "--as-of", "2027-08-01", "--out", md_out)
    assert result.exit_code == 0, result.output
    assert md_out.read_text(encoding="utf-8").startswith("# ")


def test_a_format_that_contradicts_the_out_file_is_a_usage_error(ngsp, busy_tree: Path) -> None:
    result = ngsp("-C", busy_tree, "report", "--format", "md", "--out", busy_tree / "r.html")
    assert result.exit_code == 2
    assert "--format md does not match --out r.html" in result.stderr
    assert not (busy_tree / "r.html").exists()


def test_attendance_figures_say_which_meetings_they_cover(ngsp, busy_tree: Path) -> None:
    result = ngsp("-C", busy_tree, "report", "--as-of", "2027-08-01", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "| Meetings held (all kinds) | 3 |" in result.stdout
    assert "attending the 3 launch and full-partnership meetings (added up) | 5 / 3 (62% business) |" in (
        result.stdout
    )


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_figure_respects_since_and_an_empty_period_says_so(ngsp, busy_tree: Path, fmt: str) -> None:
    result = ngsp("-C", busy_tree, "report", "--as-of", "2027-08-01", "--since", "2027-07-15",
                  "--format", fmt, "-o", "-")  # fmt: skip
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "no launch or full-partnership meetings since 2027-07-15" in text.lower()
    assert "0 / 0" not in text
    assert "0 of 0" not in text
    assert "%" not in text.split("Outcomes")[0].split("At a glance")[1]  # no share from before --since
    data = ngsp("-C", busy_tree, "report", "--as-of", "2027-08-01", "--since", "2027-07-15", "--json")
    summary = json.loads(data.stdout)["summary"]
    assert summary["recent_meetings"] == 0
    assert summary["recent_business_share"] is None


def test_small_data_makes_sensible_charts(ngsp, busy_tree: Path) -> None:
    from ngsp_cli.render import charts

    one = ngsp("-C", busy_tree, "report", "-f", "html", "--as-of", "2027-08-01", "--since", "2027-07-01",
               "-o", "-")  # fmt: skip
    assert one.exit_code == 0, one.output
    assert "chart-attendance" not in one.stdout  # one meeting: its table row, not one huge bar
    assert "2027-07-10" in one.stdout
    few = charts.attendance_chart(["a", "b"], [3, 4], [1, 2])
    many = charts.attendance_chart([str(n) for n in range(12)], [3] * 12, [1] * 12)
    assert _svg_width(few) < _svg_width(many)  # bars keep their width instead of filling the page
    share = charts.outcome_share_chart(["found workers", "shared data"], [50, 0])
    assert "shared data (0%)" in share  # the question says 0%; no value label sits over it


def _svg_width(svg: str) -> int:
    match = re.search(r'<svg[^>]*\swidth="(\d+)', svg)
    assert match, svg[:300]
    return int(match.group(1))
