from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture(scope="session", autouse=True)
def prefect_harness():
    """One temporary Prefect API for the whole session: flow runs are real, the server starts once."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    target.mkdir()
    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copy2(f, target / f.name)
    return target


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory, prefect_harness) -> Path:
    """The seeds loaded by one real flow run, shared by tests that only read it (or copy it first)."""
    from wirehouse.pipeline import ingest

    root = tmp_path_factory.mktemp("seeds_warehouse")
    (root / "seeds").mkdir()
    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copy2(f, root / "seeds" / f.name)
    ingest(source=str(root / "seeds"), db=str(root / "warehouse.duckdb"), data_dir=str(root))
    return root / "warehouse.duckdb"
