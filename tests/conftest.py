"""Shared fixtures: the bundled sample pages and one build of them per session."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from etl.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "data" / "pages"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def sample_files() -> list[Path]:
    return sorted(PAGES.glob("*.txt"))


@pytest.fixture(scope="session")
def expected_samples() -> dict:
    data = json.loads((FIXTURES / "sample_pages.json").read_text(encoding="utf-8"))
    data.pop("_about")
    return data


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The bundled pages built once into a temporary folder."""
    out = tmp_path_factory.mktemp("build") / "outputs"
    build([PAGES], out)
    return out


@pytest.fixture
def built_copy(built, tmp_path) -> Path:
    """A private copy of the build that a test may damage."""
    target = tmp_path / "outputs"
    shutil.copytree(built, target)
    return target
