"""The package's shape, as docs/architecture.md draws it: stages import only from their own stage
or earlier ones, never another module's private names, and no module grows past a page."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "healthlint"

# The stages in the order data flows through them; a module may import from its own stage and
# from earlier ones only. A package (kinds, checks, loaders, formatters) is one room.
STAGES: list[tuple[str, set[str]]] = [
    (
        "foundation",
        {
            "version",
            "errors",
            "findings",
            "resources",
            "metrics",
            "lexicons",
            "atomic",
            "budget",
            "gitignore",
        },
    ),
    ("configuration", {"config", "rulepack", "pack_safety", "packs"}),
    ("discovery and reading", {"discover", "article", "directives", "loaders"}),
    ("analysis", {"nlp", "pattern_shapes", "patterns", "analysis", "segments"}),
    ("rules", {"kinds", "checks", "linter"}),
    ("positions", {"positions"}),
    ("suppressions", {"suppressions"}),
    ("baseline", {"baseline"}),
    ("fixes", {"fixes"}),
    # cluster: the run on a Dask cluster (the optional extra healthlint[dask]).
    ("the run", {"cache", "prune", "pipeline", "run", "cluster"}),
    ("output", {"formatters"}),
    (
        "commands",
        {"plan", "check_options", "reporting", "check", "ruledoc", "schemas", "scoring"}
        | {"realtext", "eval", "cli", "__init__", "__main__"},
    ),
]
STAGE_OF = {room: number for number, (_, rooms) in enumerate(STAGES) for room in rooms}
# A page: past this a module is doing more than one job.
MAX_LINES = 250


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _room(module: str) -> str:
    """'healthlint.kinds.match' -> 'kinds'; 'healthlint' -> '__init__'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line) for every import of the package's own
    modules, at any depth: under TYPE_CHECKING and inside functions too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "healthlint":
                    found.append((alias.name, [], node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] == "healthlint":
                found.append((target, [alias.name for alias in node.names], node.lineno))
    return found


def test_every_module_belongs_to_a_stage() -> None:
    rooms = {_room(_name(path)) for path in _modules()}
    assert rooms <= set(STAGE_OF), sorted(rooms - set(STAGE_OF))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_from_later_stages_to_earlier_ones(path: Path) -> None:
    source = _room(_name(path))
    upward = []
    for target, names, line in _imports(path):
        rooms = [_room(target)]
        if target == "healthlint":  # "from . import fixes": the names are modules
            rooms = [_room(f"healthlint.{name}") for name in names]
        for room in rooms:
            if STAGE_OF[room] > STAGE_OF[source]:
                upward.append(f"line {line}: {room} ({STAGES[STAGE_OF[room]][0]})")
    assert upward == [], f"{path.name} ({STAGES[STAGE_OF[source]][0]}) imports a later stage"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_takes_another_modules_private_names(path: Path) -> None:
    private = [
        f"line {line}: {target}.{name}"
        for target, names, line in _imports(path)
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]
    assert private == []


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_longer_than_a_page(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines"
