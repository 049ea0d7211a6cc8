"""The JSON Schemas of `ngsp schema` agree with `ngsp check` on what a file may hold.

Editors read YAML 1.2 with types (`naics: 622110` is a number, `done: yes` a string), the
way VS Code's YAML extension and check-jsonschema do; ngsp reads every value as text and
lets the models decide. Files that check accepts must pass the schema, and files that
check refuses for their own content must fail it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from ngsp_cli.model import Entity
from ngsp_cli.resources import bundled, example_names
from ngsp_cli.services.setup.schema import KINDS, schemas
from ngsp_cli.store import folder as store
from ngsp_cli.store import yamlio
from ngsp_cli.store.write import FOLDER_KINDS, SCHEMA_DIR

CORPUS = Path(__file__).resolve().parents[1] / "data" / "bad"
# Bad-input cases whose file is wrong on its own: the schema must refuse that file too.
# (The other cases are about the folder as a whole, such as an id used twice or a
# reference to a person who is not there, or about bytes and encodings.)
REFUSED_BY_SCHEMA = {
    "invalid-date": "organizations/acme-tools.yaml",
    "invalid-time": "meetings/2027-03-01-launch.yaml",
    "unknown-field": "organizations/acme-tools.yaml",
    "unknown-kind": "organizations/acme-tools.yaml",
    "wrong-types": "people/ann-lee.yaml",
    "missing-partnership-fields": "partnership.yaml",
    "schema-garbage": "partnership.yaml",
    "empty-file": "organizations/empty.yaml",
    "top-level-list": "organizations/listed.yaml",
}


def editor_load(text: str) -> Any:
    """The file as an editor sees it: YAML 1.2 types, dates kept as text (as check-jsonschema does)."""
    from ruamel.yaml import YAML

    reader = YAML(typ="safe", pure=True)
    reader.constructor.yaml_constructors["tag:yaml.org,2002:timestamp"] = (
        reader.constructor.yaml_constructors["tag:yaml.org,2002:str"]
    )
    return reader.load(text)


def kind_of(rel: str) -> str | None:
    if rel == "partnership.yaml":
        return "partnership"
    parts = rel.split("/")
    return FOLDER_KINDS.get(parts[0]) if len(parts) == 2 and rel.endswith(".yaml") else None


@pytest.fixture(scope="module")
def validators() -> dict[str, Draft202012Validator]:
    return {
        kind: Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        for kind, schema in schemas().items()
    }


def schema_errors(validators: dict[str, Draft202012Validator], kind: str, text: str) -> list[str]:
    return [error.message for error in validators[kind].iter_errors(editor_load(text))]


def check_accepts(kind: str, text: str) -> bool:
    """What `ngsp check` says of the file on its own (ngsp's reader, then the model)."""
    from pydantic import ValidationError

    data = yamlio.parse(text)
    if not isinstance(data, dict):
        return False
    try:
        KINDS[kind][0].model_validate(data)
    except ValidationError:
        return False
    return True


def test_every_folder_of_entity_files_has_its_schema() -> None:
    folders = {model.folder: kind for kind, (model, _, _) in KINDS.items() if issubclass(model, Entity)}
    assert folders == FOLDER_KINDS


def test_ngsp_schema_writes_a_valid_schema_for_every_kind(ngsp: Callable[..., Any], tmp_path: Path) -> None:
    result = ngsp("schema", "--out", tmp_path / "schemas")
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == sorted(f"{kind}.json" for kind in KINDS)
    for kind in (
        "partnership",
        "organization",
        "person",
        "meeting",
        "priority",
        "action-team",
        "assessment",
    ):
        schema = json.loads((tmp_path / "schemas" / f"{kind}.json").read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema["additionalProperties"] is False
        assert "id" not in schema["properties"]  # the id is the file name


@pytest.mark.parametrize("example", example_names())
def test_every_file_of_the_examples_passes_check_and_the_schema(
    example: str, validators: dict[str, Draft202012Validator]
) -> None:
    root = bundled("examples") / example
    store.load(root)  # check's reading of the folder: raises on any problem
    seen = 0
    for path in sorted(root.rglob("*.yaml")):
        kind = kind_of(path.relative_to(root).as_posix())
        if kind is None:
            continue
        seen += 1
        assert schema_errors(validators, kind, path.read_text(encoding="utf-8")) == [], path
    assert seen > 10


# Values as people type them by hand; ngsp reads each as text and the model gives it meaning.
HAND_TYPED = [
    ("organization", "name: 3M\nkind: business\nnaics: 336111\njoined: 2024-05-01\nsize: 250\n"),
    ("organization", "name: Acme\nkind: business\nnotes: yes\nwebsite: true\n"),
    (
        "partnership",
        "schema_version: 1\nname: X\nindustry: Y\nregion: Z\nnaics: [622110, '621111']\n"
        "settings:\n  dot_budget: '4'\n  stale_after_days: 90\n",
    ),
    (
        "meeting",
        "kind: launch\ntitle: Launch\ndate: 2024-05-01\ntime: 8:30\nduration_minutes: 90\n"
        "agenda:\n  - title: Welcome\n    minutes: '15'\naction_items:\n  - text: Call\n    done: yes\n"
        "  - text: Write\n    done: false\n  - text: Send\n    done: on\n"
        "votes:\n  - voter: ann-lee\n    priority: cna\n    points: 2\n",
    ),
    (
        "action-team",
        "name: T\npriority: p\ntasks:\n  - id: 1\n    text: Do it\n    quick_win: y\n"
        "    due: 2024-06-01\nupdates:\n  - date: 2024-05-02\n    text: Met\n",
    ),
    (
        "assessment",
        "kind: outcome-survey\ndate: 2024-05-01\nanswers:\n  q1:\n    answer: yes\n"
        "    count: 12\n  q2:\n    answer: no\n",
    ),
    ("person", "name: Ann Lee\norg: acme\nemail: ann@acme.example\nphone: 5551234\nroles: [champion]\n"),
]


@pytest.mark.parametrize(("kind", "text"), HAND_TYPED)
def test_values_typed_by_hand_pass_check_and_the_schema(
    kind: str, text: str, validators: dict[str, Draft202012Validator]
) -> None:
    assert check_accepts(kind, text)
    assert schema_errors(validators, kind, text) == []


# One wrong value each, as a hand edit would make it: both refuse it.
WRONG = [
    ("organization", "name: Acme\nkind: bakery\n"),
    ("organization", "name: ''\nkind: business\n"),
    ("organization", "name: '   '\nkind: business\n"),
    ("organization", "kind: business\n"),
    ("organization", "name: Acme\nkind: business\njoined: 2024-13-01\n"),
    ("organization", "name: Acme\nkind: business\njoined: May 2024\n"),
    ("organization", "name: Acme\nkind: business\ncolour: red\n"),
    ("person", "name: Ann\norg: acme\nemail: ann at acme\n"),
    ("person", "name: Ann\norg: acme\nroles: [boss]\n"),
    ("meeting", "kind: launch\ntitle: L\ndate: 2024-05-01\ntime: '25:00'\n"),
    ("meeting", "kind: launch\ntitle: L\ndate: 2024-05-01\nduration_minutes: 0\n"),
    ("meeting", "kind: launch\ntitle: L\ndate: 2024-05-01\nduration_minutes: an hour\n"),
    ("meeting", "kind: launch\ntitle: L\ndate: 2024-05-01\nvotes:\n  - {voter: a, priority: b, points: 0}\n"),
    ("meeting", "kind: launch\ntitle: L\ndate: 2024-05-01\naction_items:\n  - {text: t, done: maybe}\n"),
    ("meeting", "kind: launch\ntitle: L\n"),
    ("action-team", "name: T\npriority: p\nstatus: sleeping\n"),
    ("assessment", "kind: outcome-survey\ndate: 2024-05-01\nanswers:\n  q1:\n    answer: perhaps\n"),
    ("partnership", "schema_version: 1\nname: X\nindustry: Y\nregion: Z\nsettings:\n  dot_budget: 0\n"),
]


@pytest.mark.parametrize(("kind", "text"), WRONG)
def test_a_wrong_value_is_refused_by_check_and_the_schema(
    kind: str, text: str, validators: dict[str, Draft202012Validator]
) -> None:
    assert not check_accepts(kind, text)
    assert schema_errors(validators, kind, text) != []


@pytest.mark.parametrize("case", sorted(REFUSED_BY_SCHEMA))
def test_the_schema_refuses_the_bad_input_corpus(
    case: str, validators: dict[str, Draft202012Validator]
) -> None:
    rel = REFUSED_BY_SCHEMA[case]
    kind = kind_of(rel)
    assert kind is not None
    text = (CORPUS / case / "files" / rel).read_text(encoding="utf-8")
    assert not check_accepts(kind, text) if text.strip() else True
    assert schema_errors(validators, kind, text) != [], case


def test_no_file_of_the_corpus_is_refused_by_the_schema_alone(
    validators: dict[str, Draft202012Validator],
) -> None:
    """Whatever file of the bad-input corpus check accepts on its own, the schema accepts too."""
    for path in sorted(CORPUS.glob("*/files/**/*.yaml")):
        if not path.is_file():
            continue  # a folder named like a file is a case of its own (folder-named-yaml)
        rel = Path(*path.relative_to(CORPUS).parts[2:]).as_posix()  # <case>/files/<rel>
        kind = kind_of(rel)
        try:
            text = path.read_text(encoding="utf-8")
            accepted = kind is not None and check_accepts(kind, text)
        except (UnicodeDecodeError, yamlio.YamlSyntaxError):
            continue
        if accepted:
            assert kind is not None
            assert schema_errors(validators, kind, text) == [], path


def test_new_files_point_at_their_schema_and_keep_the_line(ngsp: Callable[..., Any], tmp_path: Path) -> None:
    root = tmp_path / "p"
    made = ngsp("init", root, "--name", "Test Valley", "--industry", "Tools", "--region", "Valley",
                "--convener", "Valley Board", "--no-git", "--no-input")  # fmt: skip
    assert made.exit_code == 0, made.stderr
    assert ngsp("-C", root, "org", "add", "Acme Tools", "--kind", "business").exit_code == 0
    files = [root / "partnership.yaml", root / "organizations" / "acme-tools.yaml"]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), target
        assert target.parent == (root / SCHEMA_DIR).resolve()
    # An edit through ngsp keeps the line (ruamel round-trip keeps comments).
    assert ngsp("-C", root, "org", "edit", "acme-tools", "--city", "Monroe").exit_code == 0
    text = files[1].read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../.ngsp/schema/organization.json\n")
    assert "city: Monroe" in text
    assert ngsp("-C", root, "check").exit_code in (0, 1)


def test_a_folder_without_schemas_gets_no_line_and_files_without_it_work(
    ngsp: Callable[..., Any], partnership_tree: Callable[..., Path]
) -> None:
    root = partnership_tree()
    assert ngsp("-C", root, "org", "add", "Acme Two", "--kind", "business").exit_code == 0
    assert not (root / "organizations" / "acme-two.yaml").read_text(encoding="utf-8").startswith("#")
    assert ngsp("-C", root, "org", "list").exit_code == 0
    # `ngsp schema` in the folder writes them where new files will point.
    assert ngsp("-C", root, "schema").exit_code == 0
    assert (root / SCHEMA_DIR / "organization.json").is_file()
    assert ngsp("-C", root, "org", "add", "Acme Three", "--kind", "business").exit_code == 0
    assert (
        (root / "organizations" / "acme-three.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../.ngsp/schema/organization.json\n")
    )
    assert ngsp("-C", root, "check").exit_code in (0, 1)
