"""`python -m extract` end to end, as a user runs it: exit codes, messages, summary, outputs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract.outputs import extractor_fingerprint
from extract.schema import COLUMNS
from extract.table import read_table

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
SUMMARY = re.compile(r"^(\d+) documents?, (\d+) mentions?, \d+\.\d\d s → (\S+)"
                     r"(?:, \d+ claims? \(\d+ conflicts?\) → \S+)?$")
FACTS_COLUMNS = (*COLUMNS, "claim_id")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extract", *args], cwd=cwd, capture_output=True, text=True,
        timeout=600, env=ENV, check=False,
    )


def summary(stderr: str) -> tuple[int, int, str]:
    match = SUMMARY.match(stderr.strip().splitlines()[-1])
    assert match, stderr
    return int(match.group(1)), int(match.group(2)), match.group(3)


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One run with all defaults in a folder holding a copy of the seeds."""
    work = tmp_path_factory.mktemp("defaults")
    shutil.copytree(SEEDS, work / "seeds")
    return work, run(cwd=work)


def test_defaults_read_seeds_and_write_parquet(seeds_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    work, result = seeds_run
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    documents, mentions, out = summary(result.stderr)
    assert (documents, out) == (5, "data/facts.parquet")
    frame = read_table(work / "data" / "facts.parquet")
    assert tuple(frame.columns) == FACTS_COLUMNS
    assert len(frame) == mentions > 0
    assert set(frame["doc"]) <= {p.name for p in SEEDS.glob("*.txt")}
    assert "error:" not in result.stderr


def test_claims_ledger_is_written_beside_the_facts(
        seeds_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    work, result = seeds_run
    facts = read_table(work / "data" / "facts.parquet")
    claims = read_table(work / "data" / "claims.parquet")
    assert "claims" in result.stderr.splitlines()[-1]
    assert set(facts["claim_id"]) == set(claims["claim_id"])
    assert claims["n_mentions"].sum() == len(facts)
    stamp = (work / "data" / "facts.version").read_text(encoding="utf-8").strip()
    assert stamp == extractor_fingerprint()  # the dashboard will not rebuild this table


def test_no_claims_leaves_only_the_mentions(tmp_path: Path) -> None:
    out = tmp_path / "facts.csv"
    result = run(str(SEEDS / "002_bbe9685bcaad8dc0.txt"), "-o", str(out), "--no-claims", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert tuple(read_table(out).columns) == COLUMNS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.csv"]


def test_seed_rows_point_at_real_lines(seeds_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    work, _ = seeds_run
    frame = read_table(work / "data" / "facts.parquet")
    lines = {p.name: p.read_text(encoding="utf-8").split("\n") for p in SEEDS.glob("*.txt")}
    for row in frame.head(300).itertuples():
        text = lines[row.doc][row.line - 1]
        assert text[row.char_start:row.char_end] == row.surface


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_each_output_format(tmp_path: Path, suffix: str,
                            seeds_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out = tmp_path / "deep" / "dir" / f"facts{suffix}"
    result = run(str(SEEDS / "001_9aa677d05b5fb973.txt"), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    documents, mentions, shown = summary(result.stderr)
    assert (documents, shown) == (1, str(out))
    frame = read_table(out)
    assert tuple(frame.columns) == FACTS_COLUMNS
    assert len(frame) == mentions
    assert set(frame["doc"]) == {"001_9aa677d05b5fb973.txt"}
    assert (frame["source_url"].str.startswith("https://www.youtube.com/watch?v=cHgCbDWejIs")).all()
    seeds_frame = read_table(seeds_run[0] / "data" / "facts.parquet")
    assert len(frame) == (seeds_frame["doc"] == "001_9aa677d05b5fb973.txt").sum()


def test_bad_inputs_are_reported_and_the_rest_is_written(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("# Notes\n\nA rack holds 72 GPUs and draws 120 kW.\n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02 binary")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"caf\xe9 5 euros")
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "facts.jsonl"
    result = run("good.md", "missing.txt", "blob.txt", "latin.txt", "empty", "-o", "facts.jsonl", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stderr.strip().splitlines()
    assert lines[:4] == [
        "error: missing.txt: no such file or folder",
        "error: empty: folder has no .txt or .md files",
        "error: blob.txt: binary file, not text (NUL byte at offset 0)",
        "error: latin.txt: not UTF-8 or UTF-16 text (byte 0xe9 at offset 3)",
    ]
    assert summary(result.stderr)[0] == 1
    frame = read_table(out)
    assert set(frame["doc"]) == {"good.md"}
    assert "Traceback" not in result.stderr


def test_nothing_readable_exits_1_and_keeps_old_output(tmp_path: Path) -> None:
    out = tmp_path / "facts.csv"
    out.write_text("previous table\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("empty.txt", "nope", "-o", "facts.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: nope: no such file or folder",
        "error: empty.txt: empty file",
        "error: no document could be read; facts.csv left unchanged",
    ]
    assert out.read_text(encoding="utf-8") == "previous table\n"


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "facts.xlsx"], "facts.xlsx: unknown table format ('.xlsx'); use .csv, .jsonl or .parquet"),
    (["-o", "."], ".: unknown table format (no extension)"),
    (["--frobnicate"], "unrecognized arguments: --frobnicate"),
    (["-o"], "argument -o/--output: expected one argument"),
])
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.startswith("usage: python -m extract")
    assert list(tmp_path.iterdir()) == []


def test_output_folder_named_like_a_table_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "out.csv").mkdir()
    result = run(str(SEEDS), "-o", "out.csv", cwd=tmp_path)
    assert result.returncode == 2
    assert "out.csv: is a folder" in result.stderr


def test_unwritable_output_exits_1_with_message(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    result = run(str(SEEDS / "003_b35aa75e222784c9.txt"), "-o", "file/facts.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("error: file/facts.csv: cannot write (")
    assert "Traceback" not in result.stderr


def test_help(tmp_path: Path) -> None:
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "-o OUT, --output OUT" in result.stdout and ".csv .jsonl .parquet" in result.stdout
