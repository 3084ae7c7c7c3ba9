"""What is in the warehouse, for people: tables, views and columns with their meaning.

Meanings are the comments the migrations put on tables and columns (``sql/migrations/004_comments.sql``)
and the first comment line of each mart (``sql/marts``).
"""

from __future__ import annotations

import duckdb
import polars as pl

# Tables behind the publishing gate are plumbing, not what users query.
INTERNAL_PREFIXES = ("stage_", "candidate_", "schema_migrations")


def describe(con: duckdb.DuckDBPyConnection, include_internal: bool = False) -> pl.DataFrame:
    """One row per column: ``kind, relation, about, column, type, meaning``, tables first, then views."""
    frame = pl.from_arrow(
        con.sql("""
        with relations as (
            select 'table' as kind, table_name as relation, comment as about
            from duckdb_tables() where schema_name = 'main' and database_name = current_database()
            union all
            select 'view', view_name, comment
            from duckdb_views() where schema_name = 'main' and not internal and database_name = current_database()
        ),
        final as (
            select r.kind, r.relation, r.about, c.column_name as "column", c.data_type as type,
                   c.comment as meaning, c.column_index
            from relations r
            join duckdb_columns() c
              on c.table_name = r.relation and c.schema_name = 'main' and c.database_name = current_database()
        )
        select * from final order by kind, relation, column_index
    """).to_arrow_table()
    )
    if not include_internal:
        frame = frame.filter(
            ~pl.col("relation").str.starts_with(INTERNAL_PREFIXES[0])
            & ~pl.col("relation").str.starts_with(INTERNAL_PREFIXES[1])
            & (pl.col("relation") != INTERNAL_PREFIXES[2])
        )
    return frame.drop("column_index")


def as_text(frame: pl.DataFrame) -> str:
    lines: list[str] = []
    for (kind, relation, about), cols in frame.group_by(["kind", "relation", "about"], maintain_order=True):
        lines.append(f"{kind} {relation}" + (f": {about}" if about else ""))
        width = max(len(c) for c in cols["column"])
        for column, type_, meaning in cols.select("column", "type", "meaning").iter_rows():
            lines.append(f"  {column:<{width}}  {type_:<24} {meaning or ''}".rstrip())
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def as_markdown(frame: pl.DataFrame) -> str:
    lines: list[str] = []
    for (kind, relation, about), cols in frame.group_by(["kind", "relation", "about"], maintain_order=True):
        lines += [f"### `{relation}` ({kind})", "", about or "", "", "| column | type | meaning |", "|---|---|---|"]
        for column, type_, meaning in cols.select("column", "type", "meaning").iter_rows():
            lines.append(f"| `{column}` | {type_} | {(meaning or '').replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)
