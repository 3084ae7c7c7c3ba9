"""The validation layer on a real warehouse: corruptions caught with the right severity, the publish
gate holding the last good state, quarantine with reasons, `wirehouse report`, and the Data Docs page
in a real headless browser."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from wirehouse.offline_docs import remote_resources
from wirehouse.pipeline import check_warehouse
from wirehouse.settings import Settings

from .helpers import CASES, cli, q, run_flow


@pytest.fixture
def built(seeds_warehouse: Path) -> Path:
    return seeds_warehouse


# What a run that re-derives every article stages: validation reads the rows a run changes.
RESTAGE = (
    "insert into stage_replaced (article_id, source_path, run_id) select article_id, source_path, 999 from articles",
    "insert into stage_articles by name select * from articles",
    "insert into stage_entity_mentions by name select * from entity_mentions",
    "insert into stage_events by name select * from events",
    # entities are corrected in place; their aliases (only ever added) are validated as theirs
    "insert into stage_entities by name select * from entities",
)


def corrupt_and_check(built: Path, tmp_path: Path, *statements: str,
                      restage: bool = True) -> dict[tuple[str, str, str | None], tuple]:
    db = tmp_path / "copy.duckdb"
    shutil.copy2(built, db)
    with duckdb.connect(str(db)) as con:
        for sql in (*RESTAGE, *statements) if restage else statements:
            con.execute(sql)
    results = check_warehouse(Settings(db=db, data_dir=tmp_path), run_id=999)
    return {(r["table_name"], r["expectation"], r["column_name"]): (r["success"], r["severity"])
            for r in results.to_dicts()}


def failed(outcome: dict) -> dict:
    return {k: v[1] for k, v in outcome.items() if not v[0]}


def test_the_built_warehouse_passes_everything(built: Path, tmp_path: Path):
    assert failed(corrupt_and_check(built, tmp_path)) == {}


def test_duplicate_article_id_is_critical(built: Path, tmp_path: Path):
    # staged without replacing the published row: the warehouse would hold the article twice
    out = corrupt_and_check(built, tmp_path, "insert into stage_articles by name select * from articles limit 1",
                            restage=False)
    assert failed(out)[("articles", "expect_column_values_to_be_in_set", "article_id_unique")] == "critical"


def test_a_run_is_validated_on_the_rows_it_changes(built: Path, tmp_path: Path):
    """A corrupt row outside the stage was validated when it was published; one the run stages is checked,
    also against every published row (a content hash held twice)."""
    out = corrupt_and_check(built, tmp_path, "update articles set published_date = '2999-01-01'", restage=False)
    assert failed(out) == {}
    out = corrupt_and_check(
        built, tmp_path,
        "insert into stage_replaced (article_id, source_path, run_id) select 'a_new', 'new.txt', 999",
        "insert into stage_articles by name select * replace ('a_new' as article_id, 'new.txt' as source_path)"
        " from articles where article_id = (select min(article_id) from articles)",
        restage=False)
    assert failed(out) == {("articles", "expect_column_values_to_be_in_set", "content_sha256_unique"): "critical",
                           ("articles", "expect_column_values_to_be_in_set", "has_entities"): "warning"}


def test_a_full_name_held_by_two_entities_is_critical(built: Path, tmp_path: Path):
    out = corrupt_and_check(
        built, tmp_path,
        "insert into stage_entities by name select * replace ('e_twin' as entity_id) from entities"
        " where entity_id = (select entity_id from entities where entity_type = 'person' and name like '% %'"
        " order by entity_id limit 1)",
        "insert into stage_entity_aliases by name select * replace ('e_twin' as entity_id) from entity_aliases"
        " where entity_id = (select entity_id from entities where entity_type = 'person' and name like '% %'"
        " order by entity_id limit 1)")
    assert failed(out) == {("entity_aliases", "expect_column_values_to_be_in_set", "full_name_names_one_entity"):
                           "critical"}


def test_a_run_that_would_leave_no_article_is_critical(built: Path, tmp_path: Path):
    out = corrupt_and_check(
        built, tmp_path,
        "insert into runs (run_id, started_at, status, source) select 999, now(), 'running', 'seeds'",
        "insert into stage_replaced (article_id, source_path, run_id) select article_id, source_path, 999"
        " from articles",
        restage=False)
    assert failed(out) == {("runs", "expect_column_values_to_be_in_set", "keeps_articles"): "critical"}


def test_mention_offset_past_the_body_is_critical(built: Path, tmp_path: Path):
    out = corrupt_and_check(built, tmp_path, "update stage_entity_mentions set end_char = end_char + 100000 where"
                            " mention_id = (select min(mention_id) from stage_entity_mentions)")
    assert failed(out) == {
        ("entity_mentions", "expect_column_values_to_be_in_set", "offsets_in_body"): "critical",
        ("entity_mentions", "expect_column_values_to_be_in_set", "text_matches_body"): "critical",
    }


def test_unknown_cameo_code_is_critical(built: Path, tmp_path: Path):
    out = corrupt_and_check(built, tmp_path, "update stage_events set cameo_code = '999'"
                            " where event_id = (select min(event_id) from stage_events)")
    assert failed(out) == {("events", "expect_column_values_to_be_in_set", "cameo_code_known"): "critical",
                           ("events", "expect_column_values_to_be_in_set", "cameo_root_matches_code"): "critical"}


def test_quad_class_disagreeing_with_root_is_critical(built: Path, tmp_path: Path):
    out = corrupt_and_check(built, tmp_path, "update stage_events set quad_class = 4 where quad_class = 1")
    assert failed(out) == {("events", "expect_column_values_to_be_in_set", "quad_class_matches_root"): "critical"}


def test_future_dates_are_critical(built: Path, tmp_path: Path):
    future = (date.today() + timedelta(days=30)).isoformat()
    out = corrupt_and_check(built, tmp_path, f"update stage_articles set published_date = '{future}'"
                            " where article_id = (select min(article_id) from stage_articles)")
    assert failed(out) == {("articles", "expect_column_values_to_be_between", "published_date"): "critical"}
    out = corrupt_and_check(built, tmp_path, "update stage_events set event_date = '2099-01-01' where article_id in"
                            " (select article_id from stage_articles where published_date is not null)")
    assert failed(out) == {("events", "expect_column_values_to_be_in_set", "not_after_published"): "critical"}


_NO_SOURCE = ", ".join(f"actor1_{c} = null" for c in ("entity_id", "text", "code", "role", "country_code"))
_NO_TARGET = ", ".join(f"actor2_{c} = null" for c in ("entity_id", "text", "code", "role", "country_code"))


def test_an_event_needs_a_source_or_a_target_and_its_named_actors_must_exist(built: Path, tmp_path: Path):
    # an agentless passive ("the embassy was attacked"): nobody named did it, GDELT's blank Actor1
    one = "where event_id = (select min(event_id) from stage_events where actor2_entity_id is not null)"
    assert failed(corrupt_and_check(built, tmp_path, f"update stage_events set {_NO_SOURCE} {one}")) == {}
    critical = {("events", "expect_column_values_to_be_in_set", "actors_exist"): "critical"}
    out = corrupt_and_check(built, tmp_path, f"update stage_events set {_NO_SOURCE}, {_NO_TARGET} {one}")
    assert failed(out) == critical
    missing = f"update stage_events set {_NO_SOURCE}, actor2_entity_id = 'e_missing' {one}"
    out = corrupt_and_check(built, tmp_path, missing)
    assert failed(out) == critical
    # a source the text names but nothing identifies is no actor, even beside a target
    unnamed = f"update stage_events set actor1_entity_id = null, actor1_code = null {one}"
    assert failed(corrupt_and_check(built, tmp_path, unnamed)) == critical


def test_orphan_mention_is_critical(built: Path, tmp_path: Path):
    out = corrupt_and_check(built, tmp_path, "update stage_entity_mentions set entity_id = 'e_missing'"
                            " where mention_id = (select min(mention_id) from stage_entity_mentions)")
    assert failed(out) == {("entity_mentions", "expect_column_values_to_be_in_set", "entity_exists"): "critical"}


def test_overlong_title_is_only_a_warning(built: Path, tmp_path: Path):
    out = corrupt_and_check(built, tmp_path, "update stage_articles set title = title || repeat('x', 500)"
                            " where article_id = (select min(article_id) from stage_articles)")
    assert failed(out) == {("articles", "expect_column_value_lengths_to_be_between", "title"): "warning"}


@pytest.mark.usefixtures("prefect_harness")
def test_a_critical_failure_keeps_the_last_good_state_published(seed_dir: Path, tmp_path: Path, capsys):
    data = tmp_path / "data"
    first = run_flow(seed_dir, data)
    assert first.status == "completed"
    before = q(data, "select article_id, title from articles order by 1")

    # A bad row in the stage (as a bug in the coder would stage it) fails the next run's validation...
    with duckdb.connect(str(data / "warehouse.duckdb")) as con:
        # (the row is named by its id: an "order by event_id" after "replace (? as event_id)" orders by the
        # replaced, constant id and takes any row)
        source_id, code = con.execute("select event_id, cameo_code from events order by event_id limit 1").fetchone()
        bad_event = (source_id + "x", code)
        con.execute("insert into stage_events by name select * replace (? as event_id, '999' as cameo_code)"
                    " from events where event_id = ?", [bad_event[0], source_id])
    shutil.copy(CASES / "incoming" / "new_article.txt", seed_dir / "new_article.txt")
    with pytest.raises(RuntimeError, match="cameo_code_known"):
        run_flow(seed_dir, data)
    # ...so the new article is staged but not published: users still see the previous state.
    assert q(data, "select article_id, title from articles order by 1") == before
    assert q(data, "select count(*) from stage_articles") == [(1,)]
    assert q(data, "select status, published from runs order by run_id desc limit 1") == [("failed", False)]
    code, out, _ = cli(capsys, "report", "--db", str(data / "warehouse.duckdb"))
    assert code == 1
    assert "FAILED [critical] events.cameo_code_known" in out and "not published" in out

    # Once the bad row is fixed, the next run validates the kept stage and publishes it.
    with duckdb.connect(str(data / "warehouse.duckdb")) as con:
        con.execute("update stage_events set cameo_code = ? where event_id = ?", [bad_event[1], bad_event[0]])
    third = run_flow(seed_dir, data)
    assert third.status == "completed" and third.articles == 6
    assert q(data, "select count(*) from stage_articles") == [(0,)]
    assert cli(capsys, "report", "--db", str(data / "warehouse.duckdb"))[0] == 0


@pytest.mark.usefixtures("prefect_harness")
def test_bad_files_among_the_seeds_are_quarantined_and_reported(seed_dir: Path, monkeypatch, capsys):
    (seed_dir / "zz_binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4)
    (seed_dir / "zz_empty.txt").write_bytes(b"")
    latin1 = ("Genève talks resume\n\n" + "Les délégués se sont réunis à Genève mardi pour reprendre les "
              "négociations sur le traité, a déclaré le ministère des affaires étrangères. " * 4)
    (seed_dir / "zz_latin1.txt").write_bytes(latin1.encode("latin-1"))
    (seed_dir / "zz_huge.txt").write_text("Moscow said the talks would go on. " * 2000)  # ~70 kB
    project = seed_dir.parent
    monkeypatch.chdir(project)
    monkeypatch.setenv("WIREHOUSE_MAX_FILE_BYTES", "60000")
    code, out, err = cli(capsys, "run")
    assert code == 0, err[-2000:]
    assert "4 quarantined" not in out and "3 quarantined" in out
    data = project / "data"
    assert dict(q(data, "select source_path, reason from quarantine")) == {
        "zz_binary.txt": "binary", "zz_empty.txt": "empty", "zz_huge.txt": "too_large"}
    assert q(data, "select title, encoding from articles where source_path = 'zz_latin1.txt'") == [
        ("Genève talks resume", "cp1252")]
    assert q(data, "select count(*) from articles") == [(6,)]
    code, out, _ = cli(capsys, "report")
    assert code == 0, out
    assert "quarantined files: 3" in out
    assert "zz_huge.txt: too_large" in out and "zz_binary.txt: binary" in out
    assert "zz_empty.txt: empty" in out
    assert "data docs:" in out and "(not built yet)" not in out


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not _chromium() and not os.environ.get("CI"), reason="chromium not installed (CI installs it)")
def test_data_docs_page_lists_every_suite_with_the_last_outcome(built: Path, tmp_path: Path):
    index = built.parent / "gx" / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    assert index.is_file()
    browser = _chromium()
    assert browser, "CI must install chromium (.ci/run does)"
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000", "--dump-dom", index.as_uri()],
        capture_output=True, text=True, timeout=120,
    ).stdout
    summary = dom[dom.index('id="wirehouse-summary"'):]
    summary = summary[: summary.index("</section>")]
    assert "wirehouse-run-000001" in summary
    for suite in ("articles", "entities", "entity_aliases", "entity_mentions", "events", "runs"):
        row = summary[summary.index(f">{suite}</a>"):]
        row = row[: row.index("</tr>")]
        assert "<td>Success</td>" in row, row
        link = summary[: summary.index(f">{suite}</a>")].rsplit('href="', 1)[1].split('"')[0]
        assert (index.parent / link).is_file(), link


# Injected into a copy of a page: records every resource that failed to load or went to the network, and
# what the styles and scripts did, into a <pre> that --dump-dom shows.
PROBE = """<script>
window.__failed = [];
window.addEventListener("error", function (e) {
  var t = e.target; if (t && t !== window && (t.src || t.href)) window.__failed.push(t.src || t.href); }, true);
window.addEventListener("load", function () { setTimeout(function () {
  var summary = document.querySelector("#wirehouse-summary table"), anyTable = document.querySelector("table.table");
  var probe = {
    failed: window.__failed,
    network: performance.getEntriesByType("resource").map(function (r) { return r.name; })
      .filter(function (n) { return /^https?:/.test(n); }),
    fonts: Array.from(document.fonts).filter(function (f) { return /Font Awesome/.test(f.family); })
      .map(function (f) { return f.status; }),
    jquery: typeof window.jQuery, vegaEmbed: typeof window.vegaEmbed,
    bootstrapTables: document.querySelectorAll(".bootstrap-table").length,
    bodyFont: getComputedStyle(document.body).fontFamily,
    summaryMargin: summary ? getComputedStyle(summary).marginBottom : null,
    tableCollapse: anyTable ? getComputedStyle(anyTable).borderCollapse : null,
  };
  var pre = document.createElement("pre"); pre.id = "wirehouse-probe"; pre.textContent = JSON.stringify(probe);
  document.body.appendChild(pre);
}, 1000); });
</script>"""


def _offline(command: list[str]) -> list[str]:
    """``command`` with no network: in a network namespace of its own where that is allowed (root, as in
    CI), else with every host name unresolvable."""
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
        return ["unshare", "-n", *command]
    return [command[0], "--host-resolver-rules=MAP * ~NOTFOUND", *command[1:]]


def _browse(page: Path, profile: Path, *action: str) -> str:
    browser = _chromium()
    assert browser, "CI must install chromium (.ci/run does)"
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
               "--disable-background-networking", "--disable-component-update", f"--user-data-dir={profile}",
               "--window-size=1280,1000", "--virtual-time-budget=8000", *action, page.as_uri()]
    return subprocess.run(_offline(command), capture_output=True, text=True, timeout=120).stdout


def _probe(page: Path, profile: Path) -> dict:
    probed = page.with_name(page.stem + ".probe.html")
    probed.write_text(page.read_text(encoding="utf-8").replace("<head>", "<head>" + PROBE, 1), encoding="utf-8")
    dom = _browse(probed, profile, "--dump-dom")
    found = re.search(r'<pre id="wirehouse-probe">(.*?)</pre>', dom, re.DOTALL)
    assert found, dom[-2000:]
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.skipif(not _chromium() and not os.environ.get("CI"), reason="chromium not installed (CI installs it)")
def test_data_docs_render_styled_with_no_network(built: Path, tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(built.parent / "gx" / "gx" / "uncommitted" / "data_docs" / "local_site", site)
    for page in site.rglob("*.html"):
        assert remote_resources(page.read_text(encoding="utf-8")) == [], page
    index = site / "index.html"
    validation = next((site / "validations" / "events").rglob("*.html"))
    for page in (index, validation):
        probe = _probe(page, tmp_path / "profile")
        assert probe["failed"] == [] and probe["network"] == [], (page.name, probe)
        # Bootstrap's stylesheet: its font stack on the body, its collapsed table borders.
        assert probe["bodyFont"].startswith("-apple-system"), probe
        assert probe["tableCollapse"] == "collapse", probe
        # The scripts ran: jQuery, bootstrap-table drew its tables, Vega is there for charts, and the
        # Font Awesome icons' font loaded.
        assert probe["jquery"] == "function" and probe["vegaEmbed"] == "function", probe
        assert probe["bootstrapTables"] >= 1, probe
        assert "loaded" in probe["fonts"] and "error" not in probe["fonts"], probe
        if page == index:  # the run summary is a bootstrap .table: 1rem under it
            assert probe["summaryMargin"] == "16px", probe
    shot = tmp_path / "index.png"
    _browse(index, tmp_path / "profile", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


@pytest.mark.usefixtures("prefect_harness")
def test_the_run_publishes_prefect_artifacts(built: Path):
    from uuid import UUID

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    ((flow_run_id,),) = q(built, "select flow_run_id from runs where run_id = 1")
    with get_client(sync_client=True) as client:
        summaries = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["wirehouse-validation"])))
        links = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["wirehouse-data-docs"])))
    # The artifacts of the run that built this warehouse (other tests' runs publish theirs too).
    summary = [a for a in summaries if a.flow_run_id == UUID(flow_run_id)]
    link = [a for a in links if a.flow_run_id == UUID(flow_run_id)]
    assert summary and link
    text = summary[-1].data
    assert "| articles |" in text and "| events |" in text and "Quarantined files" in text
    assert "index.html" in link[-1].data
