"""The package's floors: each imports only the floors below it, with no cycle, and stays small."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "src" / "parkwatch"
# Lower numbers are lower floors. Floors of equal height never import each other.
FLOORS = {"base": 0, "validation": 1, "published": 1, "building": 2, "authoring": 2, "browse": 2, "releasing": 3,
          "": 4, "cli": 5, "__main__": 6}
VALIDATION_STACK = {"yaml", "jsonschema", "jsonschema_rs"}
# Pure data tables may be longer than the ~300 lines a module of code keeps to.
DATA_MODULES = {"base/catalogue/files.py", "base/catalogue/records.py", "base/catalogue/schema.py",
                "base/catalogue/package.py", "base/tables.py", "authoring/template.py"}


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(("parkwatch", *(parts[:-1] if parts[-1] == "__init__" else parts)))


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(module imported, line, at module level) for every import in the file."""
    name = _name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                target = candidate if _module_path(candidate) else base
                found.append((target, node.lineno, id(node) in top))
        elif isinstance(node, ast.Import):
            found += [(alias.name, node.lineno, id(node) in top) for alias in node.names]
    return found


def _module_path(name: str) -> Path | None:
    parts = name.split(".")[1:]
    for candidate in (ROOT.joinpath(*parts).with_suffix(".py"), ROOT.joinpath(*parts, "__init__.py")):
        if name.startswith("parkwatch") and candidate.is_file():
            return candidate
    return None


def _floor(module: str) -> tuple[int, str]:
    parts = module.split(".")
    package = parts[1] if len(parts) > 1 else ""
    return FLOORS[package], package


MODULES = sorted(ROOT.rglob("*.py"))


def test_every_module_is_on_a_floor() -> None:
    for path in MODULES:
        _floor(_name(path))  # a KeyError names a folder that is on no floor


def test_floors_only_look_down() -> None:
    wrong = []
    for path in MODULES:
        here = _name(path)
        height, package = _floor(here)
        for target, line, _ in _imports(path):
            if not target.startswith("parkwatch"):
                continue
            there, other = _floor(target)
            if other != package and there >= height:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    assert wrong == []


def test_no_import_cycle() -> None:
    graph = {_name(p): {t for t, _, _ in _imports(p) if t.startswith("parkwatch.") and _module_path(t)}
             for p in MODULES}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " → ".join([*trail[trail.index(nxt):], nxt]))
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_only_validation_imports_yaml_and_json_schema() -> None:
    wrong = [f"{p.relative_to(ROOT)}:{line} imports {t}" for p in MODULES for t, line, _ in _imports(p)
             if t.split(".")[0] in VALIDATION_STACK and _floor(_name(p))[1] != "validation"]
    assert wrong == []


def test_the_published_side_needs_only_the_standard_library_pyarrow_and_pandas() -> None:
    allowed = {"pyarrow", "pandas", "parkwatch", "platformdirs"}  # platformdirs: where the cache lives
    wrong = []
    for path in MODULES:
        if _floor(_name(path))[1] not in ("published", "base"):
            continue
        for target, line, top in _imports(path):
            root = target.split(".")[0]
            if root in sys.stdlib_module_names or root == "__future__":
                continue
            if root not in allowed or (_floor(_name(path))[1] == "base" and top and root != "parkwatch"):
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    assert wrong == []


def test_modules_stay_small() -> None:
    long = {str(p.relative_to(ROOT)): n for p in MODULES
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 330
            and p.relative_to(ROOT).as_posix() not in DATA_MODULES}
    assert long == {}


PROBE = """
import atexit, sys
heavy = {"yaml", "jsonschema", "jsonschema_rs", "pypinyin"}
atexit.register(lambda: print("LOADED", sorted(m for m in sys.modules if m.split(".")[0] in heavy), file=sys.stderr))
sys.argv = ["parkwatch", *sys.argv[1:]]
from parkwatch.cli import main
main()
"""


@pytest.mark.parametrize("args", [["version"], ["verify", "datapackage"], ["explain", "yaml.duplicate-key"],
                                  ["diff", "datapackage", "datapackage"]])
def test_reading_commands_load_no_validation_stack(args: list[str]) -> None:
    """verify, diff, explain and version never import YAML, JSON Schema or pypinyin."""
    repo = ROOT.parents[1]
    result = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=repo, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stderr, result.stderr


def _commands() -> list[tuple[str, str]]:
    """(command as typed, library function name) for every command of the CLI."""
    from typer.main import get_command

    from parkwatch.cli import app

    found = []

    def walk(group, prefix: list[str]) -> None:
        for name, command in sorted(group.commands.items()):
            if hasattr(command, "commands"):
                walk(command, [*prefix, name])
            else:
                found.append((" ".join([*prefix, name]), "_".join([*prefix, name])))

    walk(get_command(app), [])
    return found


def test_every_command_is_a_library_call_and_documented() -> None:
    import parkwatch

    readme = (ROOT.parents[1] / "README.md").read_text(encoding="utf-8")
    commands = _commands()
    assert len(commands) >= 10
    for typed, function in commands:
        assert callable(getattr(parkwatch, function, None)), f"parkwatch.{function} is missing"
        assert function in parkwatch.__all__
        assert f"`parkwatch {typed}" in readme, f"README does not mention `parkwatch {typed}`"
        assert f"`parkwatch.{function}(" in readme, f"README does not mention parkwatch.{function}()"
