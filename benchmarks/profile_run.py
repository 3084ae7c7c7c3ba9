"""Where a run's time goes: ``wirehouse run`` under py-spy (cold, then no-op) and the import cost.

Samples every process of the run (the CLI, Prefect's temporary server, spaCy workers) with
``py-spy record --subprocesses`` and writes the collapsed stacks (flamegraph input) to
``<out>/<label>.txt``, then prints, from those stacks: samples per process, the share spent importing,
the pipeline's own functions by inclusive time, and the libraries where the time is finally spent.
Last, ``python -X importtime -c 'import wirehouse.pipeline'`` summed per top-level package.

    python benchmarks/profile_run.py [--corpus data/bench/corpora/322] [--out data/bench/profile]

The corpus folder is the one ``benchmarks/performance.py`` builds (the 322 real articles); py-spy must
be installed (``pip install py-spy``). Run it on a quiet machine: it runs the pipeline twice.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")
# Where a sample's time finally goes: the first of these packages met walking from the leaf up the stack.
# (py-spy names files relative to their sys.path entry: "spacy/language.py", "threading.py".)
LIBRARIES = (
    ("spacy/thinc (NLP)", ("spacy", "thinc", "cymem", "preshed", "srsly", "blis")),
    ("great_expectations", ("great_expectations",)),
    ("prefect", ("prefect",)),
    ("duckdb", ("duckdb",)),
    ("polars", ("polars",)),
    ("pandas", ("pandas",)),
    ("pyarrow", ("pyarrow",)),
    ("justext/lxml", ("justext", "lxml")),
    ("dateparser/regex", ("dateparser", "regex")),
    ("rapidfuzz", ("rapidfuzz",)),
    ("pydantic", ("pydantic", "pydantic_core")),
    ("sqlalchemy/aiosqlite/alembic", ("sqlalchemy", "aiosqlite", "alembic")),
    ("uvicorn/fastapi/starlette/anyio/httpx/asyncio", ("uvicorn", "fastapi", "starlette", "anyio", "httpx",
                                                       "httpcore", "asyncio")),
    ("jinja2/altair/mistune (Data Docs)", ("jinja2", "altair", "mistune", "markupsafe")),
    ("wirehouse (own code)", ("wirehouse",)),
)


def _package(path: str) -> str:
    """The top-level package a py-spy file name belongs to ("spacy/language.py" -> "spacy")."""
    path = re.sub(r".*/site-packages/", "", path)
    return path.split("/")[0].removesuffix(".py")


def parse(path: Path) -> list[tuple[list[str], int]]:
    stacks = []
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks.append((stack.split(";"), int(count)))
    return stacks


def _file(frame: str) -> str:
    match = FRAME.match(frame)
    return match["file"] if match else ""


def _process(frames: list[str]) -> str:
    """The process a stack was sampled in: py-spy nests a child process's stacks under its parent's."""
    own = [f for f in frames if f.startswith("process ")]
    if not own:
        return "main"
    command = own[-1].partition(":")[2].strip('"')
    for name in ("uvicorn", "wirehouse", "spawn_main", "forkserver", "multiprocessing"):
        if name in command:
            return {"spawn_main": "spaCy/multiprocessing worker", "forkserver": "spaCy/multiprocessing worker",
                    "multiprocessing": "spaCy/multiprocessing worker",
                    "uvicorn": "Prefect temporary server", "wirehouse": "wirehouse CLI"}[name]
    return command[:60]


def _library(frames: list[str]) -> str:
    for frame in reversed(frames[1:]):
        package = _package(_file(frame))
        for name, packages in LIBRARIES:
            if package in packages:
                return name
    return "other (stdlib, interpreter)"


def summarise(path: Path, top: int = 25) -> None:
    stacks = parse(path)
    total = sum(n for _, n in stacks) or 1
    by_process: Counter[str] = Counter()
    imports: Counter[str] = Counter()
    libraries: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for frames, n in stacks:
        process = _process(frames)
        by_process[process] += n
        if process != "wirehouse CLI" and process != "main":
            continue
        if any(f.startswith("_find_and_load ") for f in frames):
            # The first module imported at the top of this import chain names the package that was paid for.
            chain = [_package(_file(f)) for f in frames if f.startswith("<module> ")]
            imports[next((c for c in chain if c != "wirehouse"), "wirehouse")] += n
            continue
        libraries[_library(frames)] += n
        seen = set()
        for frame in frames:
            match = FRAME.match(frame)
            if match and _package(match["file"]) == "wirehouse" and match["file"] != "wirehouse":
                key = f"{Path(match['file']).name}:{match['func']}"
                if key not in seen:
                    seen.add(key)
                    own[key] += n
    print(f"\n== {path.name}: {total} samples")
    print("samples per process (% of all samples):")
    for name, n in by_process.most_common():
        print(f"  {n / total:6.1%}  {name}")
    cli = by_process["wirehouse CLI"] + by_process["main"] or 1
    print(f"wirehouse CLI process: importing {sum(imports.values()) / cli:.1%} of its samples; by package:")
    for name, n in imports.most_common(12):
        print(f"  {n / cli:6.1%}  {name}")
    print("wirehouse CLI process, not importing, by the library the time is spent in:")
    for name, n in libraries.most_common():
        print(f"  {n / cli:6.1%}  {name}")
    print(f"wirehouse functions, inclusive (% of the CLI process), top {top}:")
    for name, n in own.most_common(top):
        print(f"  {n / cli:6.1%}  {name}")


def profile(label: str, cmd: list[str], out: Path, env: dict[str, str], rate: int) -> Path:
    """Record ``cmd`` under py-spy, and the RSS of each of its processes every half second beside it
    (``<label>-rss.csv``: seconds since start, pid, command, RSS MiB), to line up with the run's log."""
    target = out / f"{label}.txt"
    spy = Path(sys.executable).with_name("py-spy")
    record = [str(spy) if spy.exists() else "py-spy", "record", "--subprocesses", "--rate", str(rate),
              "--format", "raw", "--output", str(target), "--", *cmd]
    started = time.perf_counter()
    with (out / f"{label}.log").open("w") as log, (out / f"{label}-rss.csv").open("w") as rss:
        rss.write("seconds,pid,command,rss_mib\n")
        proc = subprocess.Popen(record, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        spy_process = psutil.Process(proc.pid)
        while proc.poll() is None:
            with contextlib.suppress(psutil.Error):
                for child in spy_process.children(recursive=True):
                    with contextlib.suppress(psutil.Error):
                        command = " ".join(child.cmdline()[1:3])[:80].replace(",", " ")
                        rss.write(f"{time.perf_counter() - started:.1f},{child.pid},{command},"
                                  f"{child.memory_info().rss / 2**20:.0f}\n")
            time.sleep(0.5)
    if proc.returncode:
        raise SystemExit(f"{label}: py-spy exited {proc.returncode}; see {out / f'{label}.log'}")
    print(f"{label}: {time.perf_counter() - started:.1f} s under py-spy ({rate} Hz) -> {target}")
    return target


def import_times(env: dict[str, str], out: Path) -> None:
    """Each module's own import time (``self``), summed per top-level package."""
    log = out / "importtime.txt"
    with log.open("w") as err:
        subprocess.run([sys.executable, "-X", "importtime", "-c", "import wirehouse.pipeline"], env=env,
                       check=True, stderr=err, cwd=ROOT)
    per_package: defaultdict[str, int] = defaultdict(int)
    for line in log.read_text().splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        per_package[parts[2].strip().split(".")[0]] += int(parts[0].rpartition(":")[2])
    total = sum(per_package.values())
    print(f"\n== python -X importtime -c 'import wirehouse.pipeline': {total / 1e6:.2f} s of module code "
          f"(self times summed per top-level package; full log {log})")
    for name, micro in sorted(per_package.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {micro / 1e6:6.2f} s  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "bench" / "corpora" / "322")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "bench" / "profile")
    parser.add_argument("--rate", type=int, default=50, help="py-spy samples per second")
    parser.add_argument("--summarise-only", action="store_true", help="summarise stacks recorded before")
    args = parser.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "flows"), os.environ.get("PYTHONPATH", "")]),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "GX_ANALYTICS_ENABLED": "False", "DO_NOT_TRACK": "1"}
    if not args.summarise_only:
        if not args.corpus.is_dir():
            print(f"no corpus at {args.corpus}: run benchmarks/performance.py first", file=sys.stderr)
            return 1
        warehouse = out / "warehouse"
        shutil.rmtree(warehouse, ignore_errors=True)
        cli = str(Path(sys.executable).with_name("wirehouse"))
        run = [cli, "run", "--source", str(args.corpus.resolve()), "--db", str(warehouse / "warehouse.duckdb")]
        profile("cold", run, out, env, args.rate)
        profile("noop", run, out, env, args.rate)
    for label in ("cold", "noop"):
        if (out / f"{label}.txt").exists():
            summarise(out / f"{label}.txt")
    import_times(env, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
