"""Command line: ``python -m extract [PATH ...] -o OUT`` writes the facts table.

Exit status: 0 when at least one document was read, 1 when nothing could be read or the
table could not be written, 2 for usage errors. Problems go to stderr one per line as
``error: <file>: <problem>``; the summary line is the last thing printed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

from extract.outputs import claims_path, write_stamp
from extract.pipeline import extract_paths
from extract.table import FORMATS, table_format, write_table

DEFAULT_PATHS = ["seeds/"]
DEFAULT_OUTPUT = "data/facts.parquet"


def build_parser() -> argparse.ArgumentParser:
    """Arguments of the command; output options are checked before any work starts."""
    parser = argparse.ArgumentParser(
        prog="python -m extract",
        description="Extract every quantitative claim from transcripts and notes into a facts table.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", default=DEFAULT_PATHS,
                        help="files or folders (searched for .txt and .md); default: seeds/")
    parser.add_argument("-o", "--output", default=DEFAULT_OUTPUT, metavar="OUT",
                        help=f"table to write, {' '.join(FORMATS)}; default: {DEFAULT_OUTPUT}")
    parser.add_argument("--claims", metavar="CLAIMS",
                        help="claims ledger to write (one row per fact, with its evidence and "
                             "conflicts); default: beside OUT, e.g. data/claims.parquet")
    parser.add_argument("--no-claims", action="store_true",
                        help="only the mentions: no claims ledger and no claim_id column")
    return parser


def _check_output(parser: argparse.ArgumentParser, path: str) -> None:
    try:
        table_format(path)
    except ValueError as exc:
        parser.error(str(exc))
    if Path(path).is_dir():
        parser.error(f"{path}: is a folder; give a file name such as {Path(path) / 'facts.parquet'}")


def _write(frame: pd.DataFrame, path: str) -> bool:
    """Write one output table, reporting a failure on stderr instead of a traceback."""
    try:
        write_table(frame, path)
    except OSError as exc:
        print(f"error: {path}: cannot write ({exc.strerror or exc})", file=sys.stderr)
        return False
    return True


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def main(argv: list[str] | None = None) -> int:
    """Run the command and return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _check_output(parser, args.output)
    claims_out = None if args.no_claims else args.claims or str(claims_path(args.output))
    if claims_out:
        _check_output(parser, claims_out)

    started = time.perf_counter()
    result = extract_paths(args.paths, progress=sys.stderr.isatty(), claims=claims_out is not None)
    for error in result.errors:
        print(f"error: {error}", file=sys.stderr)
    if result.documents == 0:
        print(f"error: no document could be read; {args.output} left unchanged", file=sys.stderr)
        return 1
    if not _write(result.frame, args.output):
        return 1
    written = args.output
    if claims_out and result.claims is not None:
        if not _write(result.claims, claims_out):
            return 1
        write_stamp(args.output)
        conflicts = int(result.claims["conflict"].sum())
        written += f", {_count(len(result.claims), 'claim')} ({_count(conflicts, 'conflict')}) → {claims_out}"
    print(f"{_count(result.documents, 'document')}, {_count(len(result.frame), 'mention')}, "
          f"{time.perf_counter() - started:.2f} s → {written}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
