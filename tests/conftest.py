"""Shared fixtures: the bundled sample pages and one build of them per session."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
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
    build([PAGES], out, catalog=PAGES.parent / "catalog.csv")
    return out


@pytest.fixture
def built_copy(built, tmp_path) -> Path:
    """A private copy of the build that a test may damage."""
    target = tmp_path / "outputs"
    shutil.copytree(built, target)
    return target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(folder: Path):
    """Serve a build folder with the exact `etl serve` command line (from the
    project folder, as `make run` does), on 127.0.0.1 and a free port; its
    log goes to ``serve.log`` beside the folder, for the tests that read it."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("ETL_README", "ETL_REPOSITORY")}
    log_path = folder.parent / "serve.log"
    log = open(log_path, "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "etl", "serve", "--dir", str(folder), "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(url + "/-/versions.json", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(log_path.read_text())
            time.sleep(0.2)
    yield Site(url, log_path)
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def site(built):
    """The build of the bundled pages, served (see `serve`)."""
    yield from serve(built)


class Site(str):
    """The site's address (a str), with the path of its server log."""

    def __new__(cls, url: str, log: Path) -> "Site":
        obj = super().__new__(cls, url)
        obj.log = log
        return obj


@pytest.fixture(scope="session")
def dated_build(tmp_path_factory) -> Path:
    """40 generated pages named by issue date and page (2023-03-07_07.txt), over
    several months, with a catalog naming the newspaper (by file name for some
    pages, by sha256 for the others); built once."""
    import hashlib

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pagegen import generate

    pages = tmp_path_factory.mktemp("dated-pages")
    rows = ["file_name,sha256,newspaper,page_name"]
    for k in range(40):
        month, day = 3 + k // 10, 1 + (k % 10) * 3
        name = f"2023-{month:02d}-{day:02d}_07.txt"
        text = generate(3000 + k).text
        (pages / name).write_text(text, encoding="utf-8")
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        rows.append(f"{name},,工人日报,理论版" if k % 2 else f",{sha},工人日报,理论版")
    catalog = pages.parent / "dated-catalog.csv"
    catalog.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("dated") / "outputs"
    build([pages], out, catalog=catalog, jobs=2)
    return out


@pytest.fixture(scope="session")
def dated_site(dated_build):
    """The dated archive, served (see `serve`)."""
    yield from serve(dated_build)
