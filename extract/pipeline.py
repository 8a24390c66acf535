"""From files and folders to one facts table, collecting every unreadable input as a message.

A batch over many transcripts should not stop at the first bad file: each path problem
becomes a line in `errors` naming the file, and everything that could be read is extracted.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from extract.documents import DocumentError, parse_document, read_document
from extract.ledger import build_ledger
from extract.mentions import mentions_in_document
from extract.schema import Mention
from extract.table import to_frame

SUFFIXES = (".txt", ".md")


@dataclass
class Extraction:
    """The facts table of a run plus what went wrong, for the CLI and the dashboard to report."""

    frame: pd.DataFrame
    errors: list[str] = field(default_factory=list)
    documents: int = 0
    seconds: float = 0.0
    titles: dict[str, str] = field(default_factory=dict)  # document name -> title
    claims: pd.DataFrame | None = None  # the claims ledger, when asked for


def extract_text(text: str, doc: str = "text") -> list[Mention]:
    """Mentions in a text given directly (a pasted transcript, a test snippet)."""
    return mentions_in_document(parse_document(text, doc))


def extract_paths(paths: Iterable[str | Path], progress: bool = False,
                  claims: bool = False) -> Extraction:
    """Extract every .txt/.md file under the given files and folders into one table; with
    `claims`, also group the mentions into the claims ledger (the table gains claim_id)."""
    started = time.perf_counter()
    files, errors = collect_files(paths)
    names = _document_names(files)
    mentions: list[Mention] = []
    titles: dict[str, str] = {}
    documents = 0
    bar = tqdm(files, desc="extracting", unit="doc", file=sys.stderr,
               disable=not progress or len(files) <= 1, leave=False)
    for path, given in bar:
        try:
            document = read_document(given, name=names[path])
        except DocumentError as exc:
            errors.append(str(exc))
            continue
        try:
            mentions.extend(mentions_in_document(document))
        except Exception as exc:  # noqa: BLE001 - one faulty document must not lose the batch
            errors.append(f"{given}: extraction failed ({type(exc).__name__}: {exc})")
            continue
        titles[document.name] = document.title
        documents += 1
    bar.close()
    result = Extraction(to_frame(mentions), errors, documents, 0.0, titles)
    if claims and documents:
        result.frame, result.claims = build_ledger(result.frame, titles)
    result.seconds = time.perf_counter() - started
    return result


def collect_files(paths: Iterable[str | Path]) -> tuple[list[tuple[Path, str]], list[str]]:
    """Files to read as (resolved path, path as the user would name it) and path errors.

    Folders are searched recursively for .txt and .md files in sorted order, skipping hidden
    files and folders (.git, .venv); a file named explicitly is read whatever its extension.
    The same file reached twice is read once.
    """
    found: list[tuple[Path, str]] = []
    errors: list[str] = []
    seen: set[Path] = set()
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            inside = _files_in_folder(path)
            if not inside:
                errors.append(f"{entry}: folder has no .txt or .md files")
            candidates = [(f, str(f)) for f in inside]
        elif path.exists():
            candidates = [(path, str(entry))]
        else:
            errors.append(f"{entry}: no such file or folder")
            candidates = []
        for file, shown in candidates:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                found.append((key, shown))
    return found, errors


def _files_in_folder(folder: Path) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.extend(Path(root) / n for n in names
                     if not n.startswith(".") and n.lower().endswith(SUFFIXES))
    return sorted(files, key=lambda f: f.relative_to(folder).as_posix())


def _document_names(files: list[tuple[Path, str]]) -> dict[Path, str]:
    """The `doc` column: the file name, or the path as given when two files share a name."""
    counts = Counter(path.name for path, _ in files)
    return {path: path.name if counts[path.name] == 1 else Path(shown).as_posix()
            for path, shown in files}
