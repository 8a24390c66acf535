"""The facts table as a DataFrame, and its CSV / JSON Lines / Parquet files.

Writes are atomic (temporary file in the same folder, then ``os.replace``) so a crash or a
full disk never leaves a half-written table where the dashboard would read it. Reads give
back the same columns and dtypes whatever the format, so the three formats are interchangeable.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from extract.schema import COLUMNS, NUMERIC_COLUMNS, Mention

INT_COLUMNS = ("line", "char_start", "char_end")
FLOAT_COLUMNS = tuple(c for c in NUMERIC_COLUMNS if c not in INT_COLUMNS)
STRING_COLUMNS = tuple(c for c in COLUMNS if c not in NUMERIC_COLUMNS)
FORMATS = (".csv", ".jsonl", ".parquet")


def to_frame(mentions: Iterable[Mention]) -> pd.DataFrame:
    """Mentions as a DataFrame in COLUMNS order; an empty list still has every column.

    Each column is built once with its schema dtype, since mentions already hold typed values."""
    records = [m.__dict__ for m in mentions]
    columns: dict[str, object] = {}
    for column in COLUMNS:
        values = [r[column] for r in records]
        if column in INT_COLUMNS:
            columns[column] = np.array(values, dtype="int64")
        elif column in FLOAT_COLUMNS:
            columns[column] = np.array([math.nan if v is None else v for v in values], dtype="float64")
        else:
            columns[column] = pd.array(["" if v is None else v for v in values], dtype="str")
    return pd.DataFrame(columns)


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Give the facts-table columns present their schema dtypes: int64, float64, str ('' not NaN).

    Other columns are left as they are, so tables with extra or different columns pass through.
    """
    out = frame.copy()
    for column in INT_COLUMNS:
        if column in out:
            values = pd.to_numeric(out[column], errors="raise")
            if values.isna().any():
                raise ValueError(f"column {column!r} has missing values")
            out[column] = values.astype("int64")
    for column in FLOAT_COLUMNS:
        if column in out:
            out[column] = pd.to_numeric(out[column], errors="raise").astype("float64")
    for column in STRING_COLUMNS:
        if column in out:
            out[column] = out[column].astype(object).where(out[column].notna(), "").astype("str")
    return out


def table_format(path: str | Path) -> str:
    """The table format chosen by the file extension; ValueError for any other extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        shown = f"'{suffix}'" if suffix else "no extension"
        raise ValueError(f"{path}: unknown table format ({shown}); use .csv, .jsonl or .parquet")
    return suffix


def write_table(frame: pd.DataFrame, path: str | Path) -> None:
    """Write the frame atomically; the previous file stays intact if anything fails."""
    target = Path(path)
    writer = _WRITERS[table_format(target)]
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            writer(frame, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a table written by write_table; facts-table columns come back with schema dtypes."""
    fmt = table_format(path)
    try:
        frame = _READERS[fmt](Path(path))
        return conform(frame)
    except (ValueError, TypeError) as exc:
        if str(exc).startswith(f"{path}:"):
            raise ValueError(str(exc)) from None
        raise ValueError(f"{path}: not a readable {fmt[1:]} table ({exc})") from None


def _write_csv(frame: pd.DataFrame, handle: BinaryIO) -> None:
    frame.to_csv(handle, index=False, encoding="utf-8", lineterminator="\n")


def _write_parquet(frame: pd.DataFrame, handle: BinaryIO) -> None:
    frame.to_parquet(handle, index=False, engine="pyarrow")


def _write_jsonl(frame: pd.DataFrame, handle: BinaryIO) -> None:
    """One JSON object per row; floats keep full precision and NaN becomes null."""
    columns = [str(c) for c in frame.columns]
    values = [[_json_value(v) for v in frame[c].tolist()] for c in frame.columns]
    for row in zip(*values, strict=True):
        record = dict(zip(columns, row, strict=True))
        handle.write(json.dumps(record, ensure_ascii=False, allow_nan=False).encode("utf-8"))
        handle.write(b"\n")


def _json_value(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _read_csv(path: Path) -> pd.DataFrame:
    """Strings stay strings ('NA', '72' and '' are text in text columns); '' is missing elsewhere."""
    header = pd.read_csv(path, nrows=0).columns
    text = {c: "str" for c in header if c in STRING_COLUMNS}
    missing = {c: [""] for c in header if c not in STRING_COLUMNS}
    return pd.read_csv(path, dtype=text, keep_default_na=False, na_values=missing)


def _read_jsonl(path: Path) -> pd.DataFrame:
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}: line {number} is not valid JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise TypeError(f"{path}: line {number} is not a JSON object")
            records.append(record)
    if not records:
        return pd.DataFrame({c: [] for c in COLUMNS})
    return pd.DataFrame.from_records(records)


def _read_parquet(path: Path) -> pd.DataFrame:
    return pd.read_parquet(path, engine="pyarrow")


_WRITERS: dict[str, Callable[[pd.DataFrame, BinaryIO], None]] = {
    ".csv": _write_csv,
    ".jsonl": _write_jsonl,
    ".parquet": _write_parquet,
}
_READERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    ".csv": _read_csv,
    ".jsonl": _read_jsonl,
    ".parquet": _read_parquet,
}
