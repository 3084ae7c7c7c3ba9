"""Refresh the outputs the README shows under each documented query (docs/queries/*.sql), from a
warehouse built from the seeds: `make docs` runs it after building one.

    python docs/render_readme.py data/warehouse.duckdb
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path

from wirehouse.cli import main

ROOT = Path(__file__).resolve().parents[1]


def output(db: Path, sql: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["query", sql, "--db", str(db), "--max-rows", "12"])
    if code:
        raise SystemExit(f"query failed ({code}): {sql[:80]}")
    return out.getvalue().rstrip("\n")


def render(readme: str, db: Path) -> str:
    for path in sorted((ROOT / "docs" / "queries").glob("*.sql")):
        sql = path.read_text(encoding="utf-8").strip()
        block = re.compile(r"(```sql\n" + re.escape(sql) + r"\n```\n\n```\n)(.*?)(\n```)", re.S)
        if not block.search(readme):
            raise SystemExit(f"the README does not show {path.name} followed by its output")
        shown = output(db, sql)
        readme = block.sub(lambda m, shown=shown: m.group(1) + shown + m.group(3), readme)
    return readme


if __name__ == "__main__":
    target = ROOT / "README.md"
    target.write_text(render(target.read_text(encoding="utf-8"), Path(sys.argv[1])), encoding="utf-8")
