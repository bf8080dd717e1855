"""The `etl` command: a thin layer over `etl.pipeline`, `etl.package` and Datasette."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn,
)
from rich.text import Text

from . import schema
from .package import validate as validate_package
from .publish.metadata import SETTINGS
from .pipeline import DEFAULT_OUT, BuildError, Issue, default_cache
from .pipeline import build as build_package
from .read import PageError

app = typer.Typer(
    help="Turn page dumps of a Chinese workers' newspaper's theory pages into a data package, a SQLite database and a Datasette site.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

DEFAULT_DESCRIPTOR = Path("datapackage.json")
#: Exit code of a build that succeeded without some input files (listed on stderr).
SKIPPED = 2
#: Exit code after Ctrl-C (128 + SIGINT, as shells report it).
INTERRUPTED = 130


def fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


class _PlainProgress:
    """Progress as log lines, for logs and CI (no terminal to redraw)."""

    EVERY = 5.0  # seconds between lines

    def __init__(self) -> None:
        self.started: dict[str, float] = {}
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        start = self.started.setdefault(stage, now)
        if stage != "pages" and done == 0:
            err.print(f"{stage}: started", highlight=False)  # a stage of the publishing tail
            return
        if done < total and now - self.last < self.EVERY and done != 1:
            return
        self.last = now
        if stage == "pages":
            rate = (done - 1) / (now - start) if done > 1 and now > start else 0.0  # timed from the first page
            speed = f" ({rate:.1f} pages/s" + (f", ETA {(total - done) / rate:.0f}s)" if done < total else ")") if rate else ""
            err.print(f"pages {done}/{total}{speed}", highlight=False)
        elif done == total:
            err.print(f"{stage}: done", highlight=False)


class _PagesPerSecond(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} pages/s" if speed and task.description == "pages" else "")


def _build(
    paths: list[Path], out_dir: Path, userdict: list[Path], stopwords: list[Path], root: bool | None,
    jobs: int = 1, strict: bool = False, corrections: Path | None = None, catalog: Path | None = None,
    cache: Path | None = None, no_cache: bool = False, frictionless: bool = False,
) -> None:
    root_descriptor = DEFAULT_DESCRIPTOR if (root if root is not None else out_dir.resolve() == DEFAULT_OUT.resolve()) else None
    for f in [*userdict, *stopwords]:
        if not f.is_file():
            fail(f"{f}: no such lexicon file")
    if jobs < 0:
        fail(f"--jobs must be 0 (one per CPU) or more (got {jobs})")
    jobs = jobs or os.cpu_count() or 1
    # No refresh thread: worker processes are forked during the build.
    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), _PagesPerSecond(),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=err, transient=True, auto_refresh=False,
    )
    tasks: dict[str, int] = {}

    def live(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done)
        bar.refresh()

    def show(issue: Issue) -> None:
        colour = "red" if issue.severity == "error" else "yellow"
        suffix = " (skipped)" if issue.severity == "error" and issue.about == "file" else ""
        err.print(f"[bold {colour}]{issue.severity}:[/] {escape(issue.message)}{suffix}", highlight=False)

    progress = live if err.is_terminal else _PlainProgress()
    try:
        with bar if err.is_terminal else contextlib.nullcontext():
            report = build_package(
                paths or None, out_dir, root_descriptor, tuple(userdict), tuple(stopwords), progress,
                jobs=jobs, strict=strict, on_issue=show, corrections=corrections, catalog=catalog,
                cache=None if no_cache else (cache or default_cache(out_dir)), frictionless=frictionless,
            )
    except KeyboardInterrupt:
        fail(f"interrupted: nothing was written, {out_dir}/ is as it was", code=INTERRUPTED)
    except PageError as e:
        fail(str(e))
    except BuildError as e:
        for p in e.problems[:20]:
            err.print(f"  {p}", highlight=False)
        fail(str(e))
    out.print(
        f"built {report.out}/: {report.pages} pages, {report.articles} articles, {report.paragraphs} paragraphs, "
        f"{report.claims} numeric claims, {report.keywords} keywords ({report.idf_source} IDF), "
        f"{report.residue} residue rows in {report.seconds:.1f}s",
        highlight=False,
    )
    if report.cache:
        out.print(f"cache: {report.cache}", highlight=False)
    if root_descriptor:
        out.print(f"wrote {root_descriptor} (describes {report.out}/)", highlight=False)
    if report.issues:
        stale = f", {len(report.not_applied)} corrections or catalog rows not used" if report.not_applied else ""
        err.print(
            f"{len(report.skipped)} of {report.files} files skipped, {len(report.warnings)} warnings{stale}",
            highlight=False,
        )
        for issue in report.skipped:  # the errors again, together, after the progress lines
            err.print(f"  skipped: {escape(issue.message)}", highlight=False)
        for issue in report.not_applied:
            err.print(f"  not applied: {escape(issue.message)}", highlight=False)
    if report.skipped or report.not_applied:
        raise typer.Exit(SKIPPED)


BUNDLED_CATALOG = Path("data/catalog.csv")


def _catalog(paths: list[Path] | None, catalog: Path | None) -> Path | None:
    """The catalog named, or the bundled one when the bundled pages are built."""
    if catalog is not None:
        if not catalog.is_file():
            fail(f"{catalog}: no such catalog file")
        return catalog
    return BUNDLED_CATALOG if not paths and BUNDLED_CATALOG.is_file() else None


PATHS = typer.Argument(None, help="Page files or folders of *.txt page dumps (default: the bundled data/pages).", show_default=False)
OUT = typer.Option(DEFAULT_OUT, "--out", "-o", help="Folder to write the package, database and site metadata into.")
USERDICT = typer.Option([], "--userdict", help="Extra user-dictionary file (jieba format: a word per line, optionally followed by its frequency and tag); repeatable.")
STOPWORDS = typer.Option([], "--stopwords", help="Extra stop-word file, one word per line; repeatable.")
ROOT = typer.Option(None, "--root-descriptor/--no-root-descriptor", help="Also write ./datapackage.json describing the output (default: only when building into ./outputs).")
JOBS = typer.Option(1, "--jobs", "-j", help="Worker processes (0: one per CPU); the outputs are identical for any number.")
CATALOG = typer.Option(
    None, "--catalog", help="CSV of the pages' bibliographic facts: file_name or sha256, newspaper, published (YYYY-MM-DD), page_no, page_name, edition, source_url (default: data/catalog.csv if the pages are the bundled ones).",
)
CORRECTIONS = typer.Option(
    Path("corrections"), "--corrections", help="Folder of correction files (one <page file name>.toml per page; see `etl review --stub`).",
)
CACHE = typer.Option(
    None, "--cache", help="Folder of the page cache: pages whose bytes, corrections, catalog row and code are unchanged are not processed again (default: .<out>-cache beside the output folder).", show_default=False,
)
NO_CACHE = typer.Option(False, "--no-cache", help="Process every page, as on a first build; the cache is neither read nor written.")
FRICTIONLESS = typer.Option(
    False, "--frictionless",
    help="Validate the whole package with Frictionless before it replaces the outputs, instead of checking rows as they are made (what `etl validate` does after a build; slower, and more so as the archive grows).",
)
STRICT = typer.Option(False, "--strict", help="Stop at the first problem with an input file (by default such files are skipped or noted, and the exit code is 2 if any was skipped).")


@app.command()
def build(
    paths: Optional[list[Path]] = PATHS,
    out_dir: Path = OUT,
    userdict: list[Path] = USERDICT,
    stopwords: list[Path] = STOPWORDS,
    root: Optional[bool] = ROOT,
    jobs: int = JOBS,
    strict: bool = STRICT,
    corrections: Path = CORRECTIONS,
    catalog: Optional[Path] = CATALOG,
    cache: Optional[Path] = CACHE,
    no_cache: bool = NO_CACHE,
    frictionless: bool = FRICTIONLESS,
) -> None:
    """Read page dumps and write CSVs, datapackage.json, a zip and the SQLite database.

    Files that cannot be used are reported and skipped (exit code 2); the
    previous outputs stay untouched unless the whole build succeeds.  A
    rebuild processes only the pages that changed (see --cache).

    Example: etl build data/pages --out outputs --jobs 2
    """
    _build(paths or [], out_dir, userdict, stopwords, root, jobs, strict, corrections, _catalog(paths, catalog), cache, no_cache,
           frictionless)


@app.command()
def validate(
    descriptor: Path = typer.Argument(DEFAULT_DESCRIPTOR, help="The datapackage.json to validate."),
) -> None:
    """Validate a data package with Frictionless; list every problem and exit 1 if any.

    Example: etl validate outputs/datapackage.json
    """
    if not descriptor.is_file():
        fail(f"{descriptor}: no such file (run `etl build` first)")
    problems = validate_package(descriptor)
    if problems:
        for p in problems[:50]:
            err.print(f"  {p}", highlight=False)
        if len(problems) > 50:
            err.print(f"  … and {len(problems) - 50} more", highlight=False)
        fail(f"{descriptor}: {len(problems)} problems")
    out.print(f"{descriptor}: valid", highlight=False)


@app.command("schema")
def schema_doc() -> None:
    """Print every table and column as Markdown (the text of SCHEMA.md).

    Example: etl schema > SCHEMA.md
    """
    out.print(schema.markdown(), markup=False, highlight=False)


@app.command()
def review(
    paths: Optional[list[Path]] = PATHS,
    corrections: Path = CORRECTIONS,
    stub: Optional[Path] = typer.Option(None, "--stub", help="Write a correction file for this page file into the corrections folder, with every article's current values."),
    force: bool = typer.Option(False, "--force", help="With --stub: replace an existing correction file."),
    limit: int = typer.Option(50, "--limit", help="Show at most this many articles."),
) -> None:
    """List the articles to check, flagged ones first, each beside the page's own lines.

    Example: etl review data/pages   ·   etl review --stub data/pages/2023-05-16_07.txt
    """
    from .pipeline import identify, load_corrections, survey_pages
    from .read import find_pages
    from .review import articles_to_check, stub as write_stub

    fixes, problems = load_corrections(corrections)
    for issue in problems:
        err.print(f"[bold red]error:[/] {escape(issue.message)}", highlight=False)
    # Pages are read against their archive, as `etl build` reads them (a
    # line printed atop many pages is their banner): the pages given, or for
    # --stub the page's own folder.
    if stub is not None:
        if not stub.is_file():
            fail(f"{stub}: no such page file")
        archive, _ = find_pages(list(paths) if paths else [stub.parent])
        banners = survey_pages(identify(sorted(set(archive) | {stub}, key=str))[0])
        target = corrections / f"{stub.stem}.toml"
        if target.exists() and not force:
            fail(f"{target}: exists (edit it, or use --force to start again)")
        try:
            text = write_stub(stub, fixes, banners)
        except PageError as e:
            fail(str(e))
        corrections.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        out.print(f"wrote {target}: edit the values that are wrong, give a reason and your name, then `etl build`", highlight=False)
        return
    files, missing = find_pages(list(paths) if paths else [Path("data/pages")])
    banners = survey_pages(identify(files)[0])
    for e in missing:
        err.print(f"[bold red]error:[/] {escape(str(e))}", highlight=False)
    try:
        found, total, done = articles_to_check(files, fixes, banners)
    except PageError as e:
        fail(str(e))
    corrected = f"; {done} flagged articles already corrected" if done else ""
    if not found:
        out.print(f"nothing to check: no article carries a review flag ({total} articles on {len(files)} pages{corrected})", highlight=False)
        return
    out.print(f"{len(found)} of {total} articles to check, most flagged first{corrected}:", highlight=False)
    for item in found[:limit]:
        head = f"{item.file} · article {item.seq} · {', '.join(f.kind for f in item.flags)}"
        if out.is_terminal:
            from rich.table import Table

            table = Table(title=head, show_lines=False, expand=True)
            table.add_column("reconstruction", ratio=1)
            table.add_column("the page's lines", ratio=1)
            left = "\n".join(f"[bold]{escape(k)}[/]: {escape(v)}" for k, v in item.fields)
            right = "\n".join(f"[dim]{n:>4}[/] {escape(text)}" for n, text in item.source)
            notes = "\n".join(f"[yellow]{f.kind}[/] (lines {f.line_start}-{f.line_end}): {escape(f.detail)}" for f in item.flags)
            table.add_row(left + "\n\n" + notes, right)
            out.print(table)
        else:
            out.print(f"\n== {head}", highlight=False, markup=False)
            for f in item.flags:
                out.print(f"   flag {f.kind} (lines {f.line_start}-{f.line_end}): {f.detail}", highlight=False, markup=False)
            for k, v in item.fields:
                out.print(f"   {k}: {v}", highlight=False, markup=False)
            out.print("   -- the page's lines:", highlight=False, markup=False)
            for n, text in item.source:
                out.print(f"   {n:>4} {text}", highlight=False, markup=False)
    if len(found) > limit:
        out.print(f"... and {len(found) - limit} more (--limit)", highlight=False)


def datasette_command(out_dir: Path, host: str, port: int) -> list[str]:
    db = out_dir / f"{schema.DATABASE_NAME}.db"
    metadata = out_dir / "metadata.json"
    for f in (db, metadata):
        if not f.is_file():
            fail(f"{f}: missing (run `etl build --out {out_dir}` first)")
    return [
        sys.executable, "-m", "datasette", "serve",
        "-i", str(db),
        "--metadata", str(metadata),
        "--host", host, "--port", str(port),
        "--static", f"downloads:{out_dir}",
        *(arg for name, value in SETTINGS.items() for arg in ("--setting", name, _setting(value))),
    ]


def _setting(value) -> str:
    """A setting as Datasette's command line takes it (booleans as on/off)."""
    return ("on" if value else "off") if isinstance(value, bool) else str(value)


HOST = typer.Option("127.0.0.1", "--host", help="Interface to listen on (127.0.0.1 keeps the site private to this machine).")
PORT = typer.Option(8001, "--port", "-p", help="Port to listen on.")
DIR = typer.Option(DEFAULT_OUT, "--dir", "-d", help="Build folder holding the database and metadata.json.")


REPOSITORY = typer.Option(
    None, "--repository", envvar="ETL_REPOSITORY",
    help="Address of the project's repository (https://…): links of the about page to files the site does not serve go there.",
)


@app.command()
def serve(out_dir: Path = DIR, host: str = HOST, port: int = PORT, repository: Optional[str] = REPOSITORY) -> None:
    """Serve the database with Datasette, read-only, with the project's metadata.

    Example: etl serve --port 8001
    """
    cmd = datasette_command(out_dir, host, port)
    env = dict(os.environ)
    if Path("README.md").is_file():
        env.setdefault("ETL_README", str(Path("README.md").resolve()))  # for /-/about
    if repository:
        env["ETL_REPOSITORY"] = repository
    out.print(f"serving {out_dir} at http://{host}:{port}/ (Ctrl-C to stop)", highlight=False)
    sys.stdout.flush()
    sys.stderr.flush()
    # This process becomes Datasette: a signal that stops `etl serve` (Ctrl-C,
    # a service manager's SIGTERM) stops the server, and no child is left behind.
    if hasattr(os, "execve"):
        os.execve(cmd[0], cmd, env)
    try:
        raise typer.Exit(subprocess.call(cmd, env=env))
    except KeyboardInterrupt:
        raise typer.Exit(0)


@app.command()
def run(
    paths: Optional[list[Path]] = PATHS,
    out_dir: Path = OUT,
    userdict: list[Path] = USERDICT,
    stopwords: list[Path] = STOPWORDS,
    host: str = HOST,
    port: int = PORT,
    jobs: int = JOBS,
    strict: bool = STRICT,
    corrections: Path = CORRECTIONS,
    catalog: Optional[Path] = CATALOG,
    cache: Optional[Path] = CACHE,
    no_cache: bool = NO_CACHE,
) -> None:
    """The main job: build, validate, then serve the site.

    Example: etl run   (bundled pages → outputs/ → http://127.0.0.1:8001/)
    """
    try:
        _build(paths or [], out_dir, userdict, stopwords, None, jobs, strict, corrections, _catalog(paths, catalog), cache, no_cache)
    except typer.Exit as e:
        if e.exit_code != SKIPPED:
            raise
    validate(out_dir / "datapackage.json")
    serve(out_dir, host, port, os.environ.get("ETL_REPOSITORY"))


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
