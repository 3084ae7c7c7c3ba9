from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from .helpers import copy_seeds, run_flow

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
# The compiled reference data of the session's runs: compiled once, and not in the user's own cache.
if "WIREHOUSE_CACHE" not in os.environ:
    os.environ["WIREHOUSE_CACHE"] = tempfile.mkdtemp(prefix="wirehouse-test-cache-")


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect API for the tests that run flows; the rest never start it."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    return copy_seeds(tmp_path / "seeds")


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory, prefect_harness) -> Path:
    """The seeds loaded by one real flow run, shared by tests that only read it (or copy it first)."""
    root = tmp_path_factory.mktemp("seeds_warehouse")
    run_flow(copy_seeds(root / "seeds"), root)
    return root / "warehouse.duckdb"
