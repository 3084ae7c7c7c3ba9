"""The shape of the code: no import cycles among the stage modules, SQL only in sql/ and the one
warehouse module, no insert that relies on column order. (`pytest tests/test_architecture.py` is the
check; it reads the source, it imports nothing.)"""

from __future__ import annotations

import ast
import re

from .helpers import ROOT

PACKAGE = ROOT / "flows" / "wirehouse"
SQL_DIR = ROOT / "sql"
# A string that reads as a SQL statement: a statement keyword, then a clause keyword after it.
_SQL = re.compile(r"^\s*(select\b.*\bfrom\b|insert\s+into\b|update\s+\w+\s+set\b|delete\s+from\b|"
                  r"create\s+(or\s+replace\s+)?(table|view)\b|drop\s+(table|view)\b|alter\s+table\b)",
                  re.I | re.S)


def _imports() -> dict[str, set[str]]:
    """module → the package modules it imports, anywhere in its source (function-level imports too)."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.glob("*.py"):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "wirehouse":
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("wirehouse."):
                found.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("wirehouse.")}
        graph[path.stem] = found - {path.stem}
    return graph


def test_no_import_cycles():
    graph = _imports()
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for other in sorted(graph.get(module, ())):
            assert state.get(other) != "open", "import cycle: " + " -> ".join([*trail, module, other])
            if other not in state:
                visit(other, [*trail, module])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_the_data_model_imports_no_stage():
    assert _imports()["model"] == set()


def test_no_sql_outside_sql_and_the_warehouse_module():
    offenders = []
    for path in PACKAGE.glob("*.py"):
        if path.name == "warehouse.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL.match(node.value):
                offenders.append(f"{path.name}:{node.lineno}: {node.value[:60]!r}")
    assert offenders == []


def test_no_positional_insert_select_star():
    positional = re.compile(r"insert\s+(or\s+\w+\s+)?into\s+\w+\s+select\s+\*", re.I)
    offenders = [f"{p.relative_to(ROOT)}" for p in SQL_DIR.rglob("*.sql") if positional.search(p.read_text())]
    assert offenders == []
