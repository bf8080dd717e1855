"""An archive of thousands of dumps: bad files are reported and skipped, the
published outputs are never half-written, and the outputs do not depend on the
order of the input or the number of worker processes."""

from __future__ import annotations

import csv
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl import schema
from etl.cli import app
from etl.database import table_rows
from etl.package import validate
from etl.pipeline import BuildError, build
from etl.workers import BACKGROUND_NICENESS, pool
from dbcontent import content
from pagegen import generate

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def snapshot(folder: Path, db_content: bool = False) -> dict[str, object]:
    """Every file's bytes; with `db_content`, the database's content instead
    (a rebuild from the page cache edits the earlier database: the same rows,
    numbered in another order)."""
    return {f.name: content(f) if db_content and f.suffix == ".db" else f.read_bytes() for f in sorted(folder.iterdir())}


def table(out: Path, name: str) -> list[dict]:
    with open(out / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """24 generated pages: some UTF-8, some GBK, some UTF-16, with CRLF line ends."""
    folder = tmp_path_factory.mktemp("corpus")
    for seed in range(24):
        text = generate(1000 + seed).text
        data = {0: text.encode("utf-8"), 1: text.encode("gb18030"), 2: text.replace("\n", "\r\n").encode("utf-16")}[seed % 3]
        (folder / f"page_{seed:03d}.txt").write_bytes(data)
    return folder


@pytest.fixture
def messy(tmp_path, sample_files) -> Path:
    """The sample pages plus one file of every kind of trouble."""
    folder = tmp_path / "archive"
    folder.mkdir()
    for f in sample_files:
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "copy_of_first.txt").write_bytes(sample_files[0].read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe\x00" * 50)
    (folder / "banner_only.txt").write_text("理论周刊\n\n学习贯彻党的二十大精神，\n", encoding="utf-8")
    (folder / "dangling.txt").symlink_to(tmp_path / "moved_away.txt")
    return folder


def test_bad_files_are_skipped_and_reported_and_the_rest_is_built(messy, tmp_path):
    report = build([messy], tmp_path / "out")
    messages = {Path(i.message.split(":")[0]).name: (i.severity, i.message) for i in report.issues}
    assert messages["scan.txt"][0] == "error" and "binary data" in messages["scan.txt"][1]
    assert messages["dangling.txt"][0] == "error" and "broken link" in messages["dangling.txt"][1]
    assert messages["copy_of_first.txt"][0] == "warning" and "same content as" in messages["copy_of_first.txt"][1]
    assert messages["empty.txt"] == ("warning", f"{messy / 'empty.txt'}: the file is empty; recorded as a page with no articles")
    assert messages["banner_only.txt"][0] == "warning" and "no article" in messages["banner_only.txt"][1]
    assert len(report.skipped) == 2

    pages = {p["file_name"]: p for p in table(tmp_path / "out", "pages")}
    assert sorted(pages) == sorted(["000_e7e1391f1c01140b.txt", "002_c3b3e6f2fd2f952e.txt", "banner_only.txt", "empty.txt"])
    assert pages["empty.txt"]["article_count"] == "0" and pages["empty.txt"]["encoding"] == "empty"
    banner = pages["banner_only.txt"]
    assert banner["article_count"] == "0" and banner["accounted_share"] == "1"
    residue = [r["text"] for r in table(tmp_path / "out", "page_residue") if r["page_id"] == banner["page_id"]]
    assert "".join(residue).replace(" ", "") == "理论周刊学习贯彻党的二十大精神，"
    assert validate(tmp_path / "out" / "datapackage.json") == []


def test_the_exit_code_says_whether_anything_was_skipped(messy, tmp_path, sample_files):
    clean = runner.invoke(app, ["build", *map(str, sample_files), "--out", str(tmp_path / "a")])
    assert clean.exit_code == 0, clean.output
    result = runner.invoke(app, ["build", str(messy), "--out", str(tmp_path / "b")])
    assert result.exit_code == 2, result.output
    assert f"error: {messy / 'scan.txt'}: binary data" in result.output
    assert "2 of 7 files skipped, 3 warnings" in result.output
    summary = result.output.split("2 of 7 files skipped, 3 warnings")[1]
    assert f"skipped: {messy / 'dangling.txt'}: not a regular file" in summary
    assert f"skipped: {messy / 'scan.txt'}: binary data" in summary
    assert "Traceback" not in result.output


def test_strict_makes_any_problem_fatal_and_writes_nothing(messy, built_copy):
    before = snapshot(built_copy)
    with pytest.raises(BuildError, match="--strict"):
        build([messy], built_copy, strict=True)
    assert snapshot(built_copy) == before
    result = runner.invoke(app, ["build", str(messy), "--out", str(built_copy), "--strict"])
    assert result.exit_code == 1
    assert snapshot(built_copy) == before
    assert not list(built_copy.parent.glob(".outputs.*"))


def test_nothing_usable_is_an_error_and_keeps_the_previous_output(built_copy, tmp_path):
    before = snapshot(built_copy)
    scan = tmp_path / "scan.txt"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\xfa\x00binary")
    with pytest.raises(BuildError, match="no usable page"):
        build([scan], built_copy)
    assert snapshot(built_copy) == before


def test_outputs_are_identical_for_any_number_of_jobs_and_any_input_order(corpus, tmp_path):
    files = sorted(corpus.glob("*.txt"))
    build(files, tmp_path / "one", jobs=1)
    build(list(reversed(files)), tmp_path / "two", jobs=2)
    build([corpus], tmp_path / "three", jobs=3)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two") == snapshot(tmp_path / "three")
    encodings = {p["file_name"]: p["encoding"] for p in table(tmp_path / "one", "pages")}
    assert {encodings[f"page_{s:03d}.txt"] for s in range(0, 24, 3)} == {"utf-8"}
    assert {encodings[f"page_{s:03d}.txt"] for s in range(1, 24, 3)} == {"gb18030"}
    assert {encodings[f"page_{s:03d}.txt"] for s in range(2, 24, 3)} == {"utf-16-le"}


def test_each_csv_holds_its_database_table_in_primary_key_order(corpus, tmp_path):
    # The CSVs are written as the pages stream in, not exported from the
    # database afterwards: both must still hold the same rows, in key order.
    build([corpus], tmp_path / "out", jobs=2)
    db = tmp_path / "out" / f"{schema.DATABASE_NAME}.db"
    for t in schema.TABLES:
        types = [f.type for f in t.fields]
        in_csv = [
            tuple(None if cell == "" else int(cell) if kind == "integer" else float(cell) if kind == "number" else cell
                  for cell, kind in zip(row.values(), types))
            for row in table(tmp_path / "out", t.name)
        ]
        in_db = list(table_rows(db, t))
        assert in_csv == in_db, t.name
        assert len(in_db) > 0 or t.name in ("page_residue", "corrections"), t.name  # no correction files here


def test_background_workers_run_at_a_lower_priority():
    # Validation workers run beside the keyword pass of the main process,
    # which the rest of the build waits for: they must not take its core.
    with pool(1, background=True) as workers:
        assert workers.apply(os.nice, (0,)) == min(19, os.nice(0) + BACKGROUND_NICENESS)
    with pool(1) as workers:
        assert workers.apply(os.nice, (0,)) == os.nice(0)


def test_progress_is_plain_log_lines_without_a_terminal(corpus, tmp_path):
    result = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "o"), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "pages 1/24" in result.output and "pages 24/24 (" in result.output
    assert "pages/s" in result.output
    # The stages after the pages say when they start, so a long validation is not a silent wait.
    lines = [ln for ln in result.output.splitlines() if ln.startswith(("keywords:", "write:", "validate:"))]
    assert lines == [f"{stage}: {what}" for stage in ("keywords", "write", "validate") for what in ("started", "done")]


def _etl_build(pages: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "etl", "build", str(pages), "--out", str(out), "--no-root-descriptor"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def test_a_build_killed_at_any_moment_leaves_the_previous_outputs_intact(corpus, sample_files, tmp_path):
    out = tmp_path / "outputs"
    build(sample_files, out)
    old = snapshot(out, db_content=True)
    # A clean run of the new build, to know what a finished one leaves.
    build([corpus], tmp_path / "reference")
    new = snapshot(tmp_path / "reference", db_content=True)
    started = time.perf_counter()
    proc = _etl_build(corpus, tmp_path / "timing")
    assert proc.wait(timeout=300) == 0
    duration = time.perf_counter() - started

    rng = random.Random(7)
    for attempt in range(8):
        proc = _etl_build(corpus, out)
        time.sleep(rng.uniform(0.05, duration))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        state = snapshot(out, db_content=True)
        # Either the whole previous build or the whole new one: never a mix, never missing.
        assert state in (old, new), f"attempt {attempt}: {sorted(state)}"
        assert validate(out / "datapackage.json") == []
    # The next run cleans up what the killed ones left behind.
    build(sample_files, out)
    assert snapshot(out, db_content=True) == old
    # (the page caches beside the output folders are kept: see etl.cache)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".") and not p.name.endswith("-cache")) == []


def test_a_build_interrupted_between_the_two_renames_is_repaired(sample_files, tmp_path):
    # Where the atomic exchange is unavailable, the old folder is renamed
    # aside first; a run killed right then leaves no outputs/ at all, and
    # the next run puts the old one back before anything else.
    out = tmp_path / "outputs"
    build(sample_files, out)
    old = snapshot(out)
    out.rename(tmp_path / f".outputs.old-{2**22 + 1}")
    from etl.outfolder import recover

    recover(out)
    assert snapshot(out) == old


def test_on_a_terminal_the_progress_bar_shows_pages_per_second_and_eta(corpus, tmp_path, monkeypatch):
    import io

    from rich.console import Console

    from etl import cli

    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=120, color_system=None))
    result = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "o"), "--jobs", "0"])
    assert result.exit_code == 0, result.output
    drawn = screen.getvalue()
    assert "pages" in drawn and "24/24" in drawn and "pages/s" in drawn and "ETA" in drawn
    assert "pages 1/24" not in drawn  # no log lines on a terminal


@pytest.mark.parametrize("moment", ["pages 1/", "keywords: started", "validate: started"])
def test_ctrl_c_stops_the_workers_and_keeps_the_previous_outputs(corpus, sample_files, tmp_path, moment):
    # While pages are processed, and in the publishing tail where background
    # workers validate the package and write the zip.
    out = tmp_path / "outputs"
    build(sample_files, out)
    before = snapshot(out)
    proc = subprocess.Popen(
        [sys.executable, "-m", "etl", "build", str(corpus), "--out", str(out), "--jobs", "2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    for line in proc.stdout:
        if line.startswith(moment):
            break
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C: the whole process group
    rest, _ = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in rest  # the workers ignore it; the main process stops them
    assert f"interrupted: nothing was written, {out}/ is as it was" in " ".join(rest.split())
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".outputs-cache", "outputs"]
    # The page cache keeps nothing of an interrupted build.
    conn = sqlite3.connect(tmp_path / ".outputs-cache" / "pages.sqlite")
    assert conn.execute("SELECT count(*) FROM pages").fetchone() == (0,)
    conn.close()
    # No worker is left behind in the process group.  (Processes that stop
    # when the build's process exits, such as multiprocessing's resource
    # tracker, may take a moment on a loaded machine: a worker left behind
    # would still be there seconds later.)
    deadline = time.monotonic() + 10
    while True:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        assert time.monotonic() < deadline, "a process of the build's group is still running 10 s after it exited"
        time.sleep(0.05)
