"""Spreadsheet import: messy CSV dialects and encodings, XLSX, dedupe, bad rows, re-runs, Ctrl-C."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ngsp_cli.errors import InputError, UsageError
from ngsp_cli.model import OrgKind
from ngsp_cli.services.directory.import_columns import ORG_COLUMNS, parse_mapping
from ngsp_cli.services.directory.importing import import_organizations, import_people
from ngsp_cli.services.directory.spreadsheet import read_sheet
from ngsp_cli.store import batch

TODAY = dt.date(2027, 3, 1)


@pytest.fixture(autouse=True)
def _calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    """The imports run on TODAY: an import may not work as of a day that has not come."""
    monkeypatch.setenv("NGSP_TODAY", TODAY.isoformat())


HEADER = ["Company Name", "Type", "Parish", "City", "# of Employees", "Website", "Fax", "Notes"]
# Spreadsheet rows 2.. (the header is row 1); row 3 is blank, rows 11 and 12 are bad.
ROWS: list[list[object]] = [
    ["Café Olé Bakery", "Business", "Ouachita", "Monroe", 25, "cafeole.example", "318-555-0199", ""],
    ["", "", "", "", None, "", "", ""],
    [
        "Østergaard Health",
        "Private",
        "Lincoln",
        "Ruston",
        "250-499",
        "",
        "",
        'Danish-owned; "family" clinics',
    ],
    ["Smith, Jones & Co", "Employer", "", "", None, "", "", ""],
    ["  CAFÉ OLÉ BAKERY, LLC ", "business", "", "Monroe", None, "", "", "second location on Louisville Ave"],
    ["Delta Community College", "College", "Ouachita", "Monroe", None, "", "", ""],
    ["Ouachita Parish Schools", "K-12", "Ouachita", "", None, "", "", ""],
    ["Northeast American Job Center", "AJC", "", "", None, "", "", ""],
    ["Monroe Chamber", "Chamber", "", "", None, "", "", ""],
    ["Bayou Hospital", "Hospital", "", "", None, "", "", ""],
    ["", "Business", "", "Monroe", None, "", "", ""],
    ["Acme Tools, Inc.", "Business", "Lincoln", "Ruston", None, "acme.example", "", ""],
]
BAD_ROWS = {11, 12}


def _text_rows() -> list[list[str]]:
    return [["" if cell is None else str(cell) for cell in row] for row in ROWS]


def write_csv(path: Path, *, encoding: str, delimiter: str, quoting: int = csv.QUOTE_MINIMAL) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting)
    writer.writerow(HEADER)
    writer.writerows(_text_rows())
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Businesses"
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append([None if cell == "" else cell for cell in row])
    workbook.save(path)
    return path


VARIANTS: dict[str, Callable[[Path], Path]] = {
    "utf8-bom-comma": lambda d: write_csv(d / "orgs.csv", encoding="utf-8-sig", delimiter=","),
    "cp1252-semicolon": lambda d: write_csv(d / "orgs.csv", encoding="cp1252", delimiter=";"),
    "utf8-tab-quoted": lambda d: write_csv(
        d / "orgs.txt", encoding="utf-8", delimiter="\t", quoting=csv.QUOTE_ALL
    ),
    "xlsx": lambda d: write_xlsx(d / "orgs.xlsx"),
}


def folder_bytes(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".ngsp.lock"
    }


def yaml_of(root: Path, rel: str) -> dict[str, object]:
    data = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture
def source_dir(tmp_path: Path) -> Path:
    path = tmp_path / "sources"
    path.mkdir()
    return path


def test_every_variant_gives_the_same_folder_and_a_second_run_changes_nothing(
    partnership_tree: Callable[..., Path], source_dir: Path
) -> None:
    results: dict[str, dict[str, bytes]] = {}
    for name, make in VARIANTS.items():
        root = partnership_tree(name=name)
        directory = source_dir / name
        directory.mkdir()
        path = make(directory)
        first = import_organizations(root, path, today=TODAY)
        assert {r.row for r in first.bad_rows} == BAD_ROWS, name
        after_first = folder_bytes(root)
        second = import_organizations(root, path, today=TODAY)
        assert (second.created, second.updated, second.written) == ([], [], []), name
        assert folder_bytes(root) == after_first, name
        results[name] = after_first
    reference = results.pop("utf8-bom-comma")
    for name, files in results.items():
        assert files == reference, name


def test_the_import_creates_fills_and_merges_as_documented(
    partnership_tree: Callable[..., Path], source_dir: Path
) -> None:
    root = partnership_tree()
    result = import_organizations(root, VARIANTS["utf8-bom-comma"](source_dir), today=TODAY)
    assert sorted(o.id for o in result.created) == [
        "cafe-ole-bakery",
        "delta-community-college",
        "monroe-chamber",
        "northeast-american-job-center",
        "ostergaard-health",
        "ouachita-parish-schools",
        "smith-jones-co",
    ]
    assert [o.id for o in result.updated] == ["acme-tools"]
    assert result.blank_rows == 1
    assert result.ignored_columns == ["Fax"]
    kinds = {o.id: o.kind for o in result.created}  # type: ignore[attr-defined]
    assert kinds["delta-community-college"] is OrgKind.education
    assert kinds["ouachita-parish-schools"] is OrgKind.education
    assert kinds["northeast-american-job-center"] is OrgKind.workforce
    assert kinds["monroe-chamber"] is OrgKind.economic_development
    assert kinds["ostergaard-health"] is OrgKind.business
    bakery = yaml_of(root, "organizations/cafe-ole-bakery.yaml")
    # Row 6 is the same bakery: it fills the blank notes and keeps the name of row 2.
    assert bakery == {
        "name": "Café Olé Bakery",
        "kind": "business",
        "county": "Ouachita",
        "city": "Monroe",
        "size": "25",
        "website": "cafeole.example",
        "joined": TODAY,
        "notes": "second location on Louisville Ave",
    }
    assert yaml_of(root, "organizations/ostergaard-health.yaml")["notes"] == 'Danish-owned; "family" clinics'
    acme = yaml_of(root, "organizations/acme-tools.yaml")
    assert acme == {
        "name": "Acme Tools",
        "kind": "business",
        "county": "Lincoln",
        "city": "Ruston",
        "website": "acme.example",
    }


def test_bad_rows_name_their_row_and_reason_and_good_rows_still_import(
    partnership_tree: Callable[..., Path], source_dir: Path
) -> None:
    root = partnership_tree()
    result = import_organizations(root, write_xlsx(source_dir / "orgs.xlsx"), today=TODAY)
    reasons = {r.row: r.detail for r in result.bad_rows}
    assert "'Hospital' is not a kind of organization" in reasons[11]
    assert "name is blank" in reasons[12]
    assert (root / "organizations/smith-jones-co.yaml").is_file()


def test_cp1252_is_detected_and_said(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "orgs.csv", encoding="cp1252", delimiter=";")
    sheet = read_sheet(path)
    assert sheet.rows[0][1][0] == "Café Olé Bakery"
    assert any("cp1252" in note for note in sheet.notes)


def test_excel_sep_line_and_utf16_are_read(tmp_path: Path) -> None:
    sep = tmp_path / "sep.csv"
    sep.write_text("sep=;\nName;Type\nA, B and C;Business\n", encoding="utf-8")
    utf16 = tmp_path / "unicode.txt"
    utf16.write_text("Name\tType\nØstergaard Health\tBusiness\n", encoding="utf-16")
    assert read_sheet(sep).rows == [(2, ["A, B and C", "Business"])]
    assert read_sheet(utf16).rows == [(2, ["Østergaard Health", "Business"])]


def test_a_kind_can_be_given_for_rows_that_do_not_say(
    partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    path = tmp_path / "list.csv"
    path.write_text(
        "Business Name,Sector\nRiver Foods,\nDelta State University,University\n", encoding="utf-8"
    )
    result = import_organizations(root, path, kind=OrgKind.business, today=TODAY)
    assert yaml_of(root, "organizations/river-foods.yaml")["kind"] == "business"
    assert yaml_of(root, "organizations/delta-state-university.yaml")["kind"] == "education"
    assert result.bad_rows == []


def test_map_names_columns_the_synonyms_do_not_know(
    partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    path = tmp_path / "odd.csv"
    path.write_text(
        "Legal Entity,Partner Category,Company,Main Office\nRiver Foods LLC,Business,ignored,Monroe\n",
        encoding="utf-8",
    )
    mapping = parse_mapping(
        ["Legal Entity=name", "partner category=kind", "Company=skip", "Main Office=city"],
        ORG_COLUMNS,
    )
    result = import_organizations(root, path, mapping=mapping, today=TODAY)
    assert result.columns == {
        "Legal Entity": "name",
        "Partner Category": "kind",
        "Main Office": "city",
    }
    assert yaml_of(root, "organizations/river-foods-llc.yaml")["city"] == "Monroe"


def test_map_refuses_unknown_columns_and_fields(
    partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    path = tmp_path / "odd.csv"
    path.write_text("Legal Entity\nRiver Foods\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no column 'Company'"):
        import_organizations(root, path, mapping={"Company": "name"})
    with pytest.raises(UsageError, match="'salary' is not a field"):
        parse_mapping(["Legal Entity=salary"], ORG_COLUMNS)


def test_a_file_without_a_name_column_is_refused_with_its_columns(
    partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    path = tmp_path / "odd.csv"
    path.write_text("Legal Entity,Town\nRiver Foods,Monroe\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column with the organizations' names") as caught:
        import_organizations(root, path)
    assert "'Legal Entity'" in (caught.value.problem.hint or "")


def test_differences_are_kept_unless_update(partnership_tree: Callable[..., Path], tmp_path: Path) -> None:
    acme = "# our anchor employer\nname: Acme Tools\nkind: business\ncity: Ruston\n"
    root = partnership_tree({"organizations/acme-tools.yaml": acme})
    path = tmp_path / "orgs.csv"
    path.write_text("Company,Type,City,County\nACME TOOLS,Business,Monroe,Lincoln\n", encoding="utf-8")
    kept = import_organizations(root, path, today=TODAY)
    assert "kept city 'Ruston'" in kept.rows[0].detail
    assert yaml_of(root, "organizations/acme-tools.yaml")["city"] == "Ruston"
    assert yaml_of(root, "organizations/acme-tools.yaml")["county"] == "Lincoln"
    import_organizations(root, path, update=True, today=TODAY)
    text = (root / "organizations/acme-tools.yaml").read_text(encoding="utf-8")
    assert yaml_of(root, "organizations/acme-tools.yaml")["city"] == "Monroe"
    assert text.startswith("# our anchor employer\n")


def test_dry_run_writes_nothing(partnership_tree: Callable[..., Path], source_dir: Path) -> None:
    root = partnership_tree()
    before = folder_bytes(root)
    result = import_organizations(root, VARIANTS["xlsx"](source_dir), dry_run=True, today=TODAY)
    assert len(result.created) == 7
    assert folder_bytes(root) == before


# --- people --------------------------------------------------------------------------------

PEOPLE_CSV = (
    "First Name,Last Name,Company,Job Title,E-mail,Phone,Role,Org Type,Shoe size\n"
    'Zoë,Ångström,Acme Tools,COO,zoe@acme.example,318-555-0101,"champion; business leader",,44\n'
    "Ann,Lee,acme-tools,,ann@acme.example,,co-chair,,\n"
    ",,,,,,,,\n"
    "Bo,Diaz,Valley Workforce Board,Director,BO@valley.example,,convener,,\n"
    "Cy,Young,River Foods,Owner,cy@riverfoods.example,,business-leader,Business,\n"
    "Dee,Ray,Acme Tools,Buyer,dee at acme,,,,\n"
    "Eve,Stone,Nowhere Inc,CEO,eve@nowhere.example,,,,\n"
    "ZOE,ANGSTROM,Acme Tools Inc,,ZOE@ACME.EXAMPLE,,,,\n"
    "Ann,Lee,Acme Tools,,bo@valley.example,,,,\n"
)


def test_people_import_matches_by_email_and_name_and_creates_orgs(
    partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE_CSV, encoding="utf-8-sig")
    result = import_people(root, path, create_orgs=True, today=TODAY)
    actions = {r.row: r.action for r in result.rows}
    assert actions == {2: "create", 3: "update", 5: "update", 6: "create", 7: "bad", 8: "bad", 9: "skip",
                       10: "bad"}  # fmt: skip
    reasons = {r.row: r.detail for r in result.bad_rows}
    assert "email: 'dee at acme' is not an e-mail address" in reasons[7]
    assert "'Nowhere Inc' is new and its kind is unknown" in reasons[8]
    assert "belongs to Bo Diaz" in reasons[10]
    assert yaml_of(root, "people/zoe-angstrom.yaml") == {
        "name": "Zoë Ångström",
        "org": "acme-tools",
        "title": "COO",
        "email": "zoe@acme.example",
        "phone": "318-555-0101",
        "roles": ["champion", "business-leader"],
        "joined": TODAY,
    }
    ann = yaml_of(root, "people/ann-lee.yaml")
    assert (ann["email"], ann["roles"]) == ("ann@acme.example", ["business-leader", "champion", "co-chair"])
    assert yaml_of(root, "organizations/river-foods.yaml") == {
        "name": "River Foods",
        "kind": "business",
        "joined": TODAY,
    }
    assert yaml_of(root, "people/cy-young.yaml")["org"] == "river-foods"
    before = folder_bytes(root)
    again = import_people(root, path, create_orgs=True, today=TODAY)
    assert (again.created, again.updated, again.written) == ([], [], [])
    assert folder_bytes(root) == before


def test_people_of_unknown_orgs_are_bad_rows_without_create_orgs(
    partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE_CSV, encoding="utf-8")
    result = import_people(root, path, today=TODAY)
    reasons = {r.row: r.detail for r in result.bad_rows}
    assert "'River Foods' is not at the table" in reasons[6]
    assert not (root / "organizations/river-foods.yaml").exists()


def test_role_column_holding_job_titles_says_how_to_map_it(
    partnership_tree: Callable[..., Path], tmp_path: Path
) -> None:
    root = partnership_tree()
    path = tmp_path / "people.csv"
    path.write_text("Name,Organization,Role\nCy Young,Acme Tools,Plant Manager\n", encoding="utf-8")
    bad = import_people(root, path, today=TODAY).bad_rows
    assert "--map COLUMN=title" in bad[0].detail
    mapped = import_people(root, path, mapping={"Role": "title"}, today=TODAY)
    assert mapped.bad_rows == []
    assert yaml_of(root, "people/cy-young.yaml")["title"] == "Plant Manager"


# --- nothing is half-imported ----------------------------------------------------------------


def _interrupt_on_call(
    monkeypatch: pytest.MonkeyPatch, name: str, call: int, action: Callable[[], None]
) -> None:
    original = getattr(batch, name)
    calls = {"n": 0}

    def wrapper(*args: object) -> object:
        calls["n"] += 1
        if calls["n"] == call:
            action()
        return original(*args)

    monkeypatch.setattr(batch, name, wrapper)


def _raise_interrupt() -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize(
    "stop",
    [_raise_interrupt, lambda: signal.raise_signal(signal.SIGINT)],
    ids=["exception", "signal"],
)
def test_ctrl_c_while_files_are_prepared_changes_nothing(
    partnership_tree: Callable[..., Path],
    source_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    stop: Callable[[], None],
) -> None:
    root = partnership_tree()
    before = folder_bytes(root)
    _interrupt_on_call(monkeypatch, "stage", 4, stop)
    with pytest.raises(KeyboardInterrupt):
        import_organizations(root, VARIANTS["utf8-bom-comma"](source_dir), today=TODAY)
    assert folder_bytes(root) == before


def test_an_exception_while_files_are_put_in_place_rolls_back(
    partnership_tree: Callable[..., Path], source_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = partnership_tree()
    before = folder_bytes(root)
    _interrupt_on_call(monkeypatch, "commit", 5, _raise_interrupt)
    with pytest.raises(KeyboardInterrupt):
        import_organizations(root, VARIANTS["utf8-bom-comma"](source_dir), today=TODAY)
    assert folder_bytes(root) == before


@pytest.fixture
def usual_ctrl_c() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt, even when the test run itself ignores SIGINT (a background job)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("usual_ctrl_c")
def test_ctrl_c_while_files_are_put_in_place_finishes_the_import(
    partnership_tree: Callable[..., Path], source_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = VARIANTS["utf8-bom-comma"](source_dir)
    clean = partnership_tree(name="clean")
    import_organizations(clean, path, today=TODAY)
    root = partnership_tree(name="interrupted")
    _interrupt_on_call(monkeypatch, "commit", 3, lambda: signal.raise_signal(signal.SIGINT))
    result = import_organizations(root, path, today=TODAY)
    assert result.interrupted
    assert folder_bytes(root) == folder_bytes(clean)
    # The usual Ctrl-C behaviour is back once the import is done.
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


# --- a property: any names, imported twice ---------------------------------------------------

_EXAMPLES = itertools.count()
_NAME = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd", "Pd", "Po", "Zs")),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() and not s.strip().startswith("'"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(_NAME, min_size=1, max_size=8), delimiter=st.sampled_from([",", ";", "\t"]))
def test_any_names_import_once_and_then_never_again(
    partnership_tree: Callable[..., Path], names: list[str], delimiter: str
) -> None:
    from ngsp_cli.services.directory.entries import normalized_name

    root = partnership_tree(name=f"prop-{next(_EXAMPLES)}")
    path = root.parent / f"{root.name}.csv"
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["Organization", "Type"])
    writer.writerows([name, "Business"] for name in names)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    existing = {normalized_name(n) for n in ("Valley Workforce Board", "Acme Tools")}
    first = import_organizations(root, path, today=TODAY)
    assert first.bad_rows == []
    assert len(first.created) == len({normalized_name(n.strip()) for n in names} - existing)
    after = folder_bytes(root)
    second = import_organizations(root, path, today=TODAY)
    assert (second.created, second.updated, second.written) == ([], [], [])
    assert folder_bytes(root) == after
