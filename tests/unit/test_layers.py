"""Imports point downward only: cli -> services -> playbook/render -> rules -> store -> model -> basics.

A lower layer that imports a higher one (even inside a function) makes the core depend on
the command line, or the judgments on the commands that write; this test names every such
import with its file and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import ngsp_cli

PACKAGE = Path(ngsp_cli.__file__).parent

# Higher number = higher layer. A module may import its own top-level part and lower ones.
LAYERS = {
    "text": 0,
    "errors": 1,
    "ids": 2,
    "clock": 2,
    "resources": 2,
    "vocab": 3,
    "model": 4,
    "store": 5,
    "rules": 6,
    "playbook": 7,
    "render": 7,
    "services": 8,
    "cli": 9,
    "__main__": 10,
}


def _part(module: str) -> str:
    """`ngsp_cli.services.meetings.documents` -> `services`."""
    return module.split(".")[1]


def _is_module(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def _imports(path: Path, module: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    package_parts = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if name == "ngsp_cli":  # `from ngsp_cli import clock`; `__version__` is the package's own
                found += [(node.lineno, f"ngsp_cli.{a.name}") for a in node.names if _is_module(a.name)]
            else:
                found.append((node.lineno, name))
    return [(line, name) for line, name in found if name.startswith("ngsp_cli.")]


def _modules() -> list[tuple[Path, str]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        out.append((path, ".".join(relative.parts)))
    return out


def test_every_top_level_part_has_a_layer() -> None:
    parts = {_part(module) for _, module in _modules() if module != "ngsp_cli.__init__"}
    assert parts <= set(LAYERS), f"give these a layer in this test: {sorted(parts - set(LAYERS))}"


def test_no_import_points_upward() -> None:
    upward = []
    for path, module in _modules():
        if module == "ngsp_cli.__init__":
            continue
        own = LAYERS[_part(module)]
        for line, name in _imports(path, module):
            target = _part(name)
            if target != _part(module) and LAYERS[target] >= own:
                where = path.relative_to(PACKAGE.parent)
                upward.append(f"{where}:{line} imports {name} ({target} is not below {_part(module)})")
    assert not upward, "imports that point upward or sideways:\n" + "\n".join(upward)


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    """The parser finds relative and function-level imports, so the test above can fail."""
    probe = tmp_path / "ngsp_cli" / "rules" / "probe.py"
    probe.parent.mkdir(parents=True)
    source = "from ngsp_cli import cli\ndef f():\n    from ..services.priorities import history\n"
    probe.write_text(source, encoding="utf-8")
    found = _imports(probe, "ngsp_cli.rules.probe")
    assert found == [(1, "ngsp_cli.cli"), (3, "ngsp_cli.services.priorities")]
