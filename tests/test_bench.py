"""The benchmark scripts run end to end (on a few pages; their numbers are not checked here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(script: str, *args: str) -> str:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_bench_reports_every_target_of_issue_7(tmp_path):
    out = run("bench.py", "--pages", "6", "--sizes", "3,6", "--no-search", "--repeat", "1", "--out", str(tmp_path))
    assert "build --jobs 1 / jieba.lcut pass:" in out
    assert "--jobs 2 speedup:" in out
    assert "build --jobs 2 / jieba.lcut pass:" in out
    assert "peak RSS of any process:" in out
    assert "adding 3 pages / full build:" in out
    assert "on disk: database" in out
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert [(b["pages"], b["jobs"]) for b in results["builds"]] == [(3, 1), (6, 1), (6, 2)]


def test_stages_shows_where_the_time_goes(tmp_path):
    out = run("stages.py", "--pages", "4", "--out", str(tmp_path))
    for stage in ("page reconstruction", "tagging (rjieba)", "TextRank", "Frictionless validation",
                  "without page reconstruction"):
        assert stage in out
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("stages-")]  # its scratch builds are removed
