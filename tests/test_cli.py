"""The `etl` command line: help with examples, one-line errors, exit codes."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from etl.cli import app

runner = CliRunner()


@pytest.mark.parametrize("command", ["build", "validate", "serve", "run"])
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: etl" in result.output


def test_build_and_validate_from_the_command_line(tmp_path, sample_files):
    out = tmp_path / "site"
    result = runner.invoke(app, ["build", *map(str, sample_files), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 pages, 8 articles" in result.output
    result = runner.invoke(app, ["validate", str(out / "datapackage.json")])
    assert result.exit_code == 0
    assert "valid" in result.output


def test_a_missing_input_is_one_clear_line_and_a_non_zero_exit(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "nope.txt: no such file or folder" in result.output
    assert "Traceback" not in result.output


def test_validate_lists_problems_and_fails(built_copy):
    (built_copy / "pages.csv").write_text("page_id,file_name\nzz,x\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(built_copy / "datapackage.json")])
    assert result.exit_code == 1
    assert "pages" in result.output and "problems" in result.output


def test_serve_without_a_build_says_what_to_do(tmp_path):
    result = runner.invoke(app, ["serve", "--dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "run `etl build" in result.output


def test_schema_doc_is_up_to_date():
    from pathlib import Path

    from etl import schema

    committed = (Path(__file__).resolve().parent.parent / "SCHEMA.md").read_text(encoding="utf-8")
    assert committed.strip() == schema.markdown().strip(), "SCHEMA.md is stale: run `make build`"
