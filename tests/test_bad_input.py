"""Inputs a user may throw at the extractor: wrong paths, wrong bytes, and very long lines."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract.documents import parse_document
from extract.pipeline import collect_files, extract_paths, extract_text
from extract.schema import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("the cluster uses about GPUs and the lab spent on training while revenue grew to "
         "per hour in power for each rack of tokens with parameters Nvidia AMD Meta OpenAI "
         "said that model costs roughly").split()
NUMBERS = ("72", "$6", "20%", "1 GW", "100,000", "$2.5 billion", "10x", "400B", "3 years", "120 kW")


def prose(size: int, seed: int = 7) -> str:
    """Realistic one-line text of about `size` characters: sentences of words, some numbers."""
    rng = random.Random(seed)
    sentences: list[str] = []
    length = 0
    while length < size:
        words = [rng.choice(NUMBERS) if rng.random() < 0.08 else rng.choice(WORDS)
                 for _ in range(rng.randint(6, 30))]
        text = " ".join(words)
        sentence = text[0].upper() + text[1:] + rng.choice((".", ".", ".", "?", "!"))
        sentences.append(sentence)
        length += len(sentence) + 1
    return " ".join(sentences)


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_every_problem_is_a_message_and_good_files_still_count(tmp_path: Path) -> None:
    write(tmp_path / "notes" / "a.md", b"We rented 72 GPUs.\n")
    write(tmp_path / "notes" / "sub" / "b.txt", b"\xef\xbb\xbfIt cost $6 an hour.\n")
    write(tmp_path / "notes" / "sub" / "empty.txt", b"")
    write(tmp_path / "notes" / "c.txt", b"\xff\xfeA\x00")  # "A" in UTF-16 with BOM
    write(tmp_path / "notes" / "image.md", b"GIF89a\x00\x01")
    write(tmp_path / "notes" / "ignored.pdf", b"%PDF-1.4 4 GPUs")
    write(tmp_path / "notes" / ".hidden" / "x.txt", b"\x00")
    write(tmp_path / "cp1252.txt", "price 5 €".encode("cp1252"))
    (tmp_path / "nothing").mkdir()
    write(tmp_path / "only_pdf" / "x.pdf", b"%PDF")

    result = extract_paths([tmp_path / "notes", tmp_path / "cp1252.txt", tmp_path / "nothing",
                            tmp_path / "only_pdf", tmp_path / "gone.txt"])
    assert result.errors == [
        f"{tmp_path / 'nothing'}: folder has no .txt or .md files",
        f"{tmp_path / 'only_pdf'}: folder has no .txt or .md files",
        f"{tmp_path / 'gone.txt'}: no such file or folder",
        f"{tmp_path / 'notes' / 'image.md'}: binary file, not text (NUL byte at offset 6)",
        f"{tmp_path / 'notes' / 'sub' / 'empty.txt'}: empty file",
        f"{tmp_path / 'cp1252.txt'}: not UTF-8 or UTF-16 text (byte 0x80 at offset 8)",
    ]
    assert result.documents == 3
    assert tuple(result.frame.columns) == COLUMNS
    assert set(result.frame["doc"]) <= {"a.md", "b.txt", "c.txt"}
    assert result.seconds > 0


def test_folders_are_searched_recursively_in_sorted_order_once(tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.md", "a/b.TXT", "c.md", "notes.pdf"):
        write(tmp_path / name, b"x")
    files, errors = collect_files([tmp_path, tmp_path / "c.md"])
    assert errors == []
    assert [p.relative_to(tmp_path).as_posix() for p, _ in files] == ["a/b.TXT", "a/z.md", "b.txt", "c.md"]


def test_same_file_name_in_two_folders_gets_distinct_doc_names(tmp_path: Path) -> None:
    write(tmp_path / "x" / "ep.txt", b"We bought 72 GPUs.\n")
    write(tmp_path / "y" / "ep.txt", b"We bought 8 GPUs.\n")
    result = extract_paths([tmp_path])
    assert result.errors == []
    assert result.documents == 2
    docs = set(result.frame["doc"])
    assert len(docs) == 2
    assert all(d.endswith("ep.txt") for d in docs)


def test_empty_input_list_and_empty_text() -> None:
    result = extract_paths([])
    assert (result.documents, result.errors, len(result.frame)) == (0, [], 0)
    assert tuple(result.frame.columns) == COLUMNS
    assert extract_text("") == []


def test_extract_text_finds_mentions_with_line_numbers() -> None:
    mentions = extract_text("Title\n\n(00:18) Dylan Patel:\nWe run 100,000 GPUs today.\n", doc="pasted")
    assert mentions, "a plain count of GPUs is a claim"
    found = [m for m in mentions if "100,000" in m.surface]
    assert found and found[0].doc == "pasted" and found[0].line == 4
    assert found[0].speaker == "Dylan Patel" and found[0].timestamp == "00:00:18"


def test_parse_is_linear_for_huge_inputs() -> None:
    one_line = prose(10_000_000)
    started = time.perf_counter()
    doc = parse_document(one_line, "big.txt")
    assert time.perf_counter() - started < 10
    assert len(doc.lines) == 1 and len(doc.title) <= 200
    many = "\n".join(prose(80, seed=i) for i in range(50_000))
    started = time.perf_counter()
    assert len(parse_document(many, "many.txt").lines) == 50_000
    assert time.perf_counter() - started < 10


def run_cli(path: Path, out: Path, timeout: float) -> tuple[float, int]:
    """Extract one file with the command line; (seconds it reports, mentions written)."""
    try:
        result = subprocess.run(
            [sys.executable, "-m", "extract", str(path), "-o", str(out)], cwd=ROOT,
            capture_output=True, text=True, timeout=timeout, check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"extracting {path.stat().st_size / 1e6:.0f} MB took more than {timeout:.0f} s")
    assert result.returncode == 0, result.stderr
    match = re.search(r"1 document, (\d+) mentions?, (\d+\.\d\d) s → ", result.stderr)
    assert match, result.stderr
    return float(match.group(2)), int(match.group(1))


@pytest.fixture(scope="module")
def timings(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[float, int]]:
    """Seconds and mention count for single-line files of 1, 4 and 10 MB."""
    folder = tmp_path_factory.mktemp("big")
    out = {}
    for megabytes in (1, 4, 10):
        path = folder / f"{megabytes}mb.txt"
        path.write_text(prose(megabytes * 1_000_000, seed=megabytes), encoding="utf-8")
        out[megabytes] = run_cli(path, folder / f"{megabytes}mb.parquet", timeout=60 * megabytes)
    return out


def test_ten_megabyte_single_line_completes(timings: dict[int, tuple[float, int]]) -> None:
    _, mentions = timings[10]
    assert mentions > 10_000  # about one number in twelve words


def test_time_grows_linearly_with_size(timings: dict[int, tuple[float, int]]) -> None:
    (small, _), (large, _) = timings[1], timings[4]
    assert large / small < 8, f"1 MB took {small:.2f} s, 4 MB took {large:.2f} s"


def test_progress_bar_on_stderr_only_for_several_files(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    one = write(tmp_path / "a.txt", b"We rented 72 GPUs.\n")
    write(tmp_path / "b.txt", b"It cost $6 an hour.\n")
    extract_paths([tmp_path], progress=True)
    captured = capsys.readouterr()
    assert "extracting:" in captured.err and "| 0/2 " in captured.err
    assert captured.out == ""
    extract_paths([tmp_path], progress=False)
    extract_paths([one], progress=True)
    assert capsys.readouterr().err == ""
