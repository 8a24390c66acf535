"""The facts table: exact columns and dtypes, lossless files in three formats, atomic writes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from extract import table
from extract.schema import COLUMNS, Mention
from extract.table import read_table, to_frame, write_table

MENTION = Mention(
    mention_id="001_9aa677d05b5fb973.txt:42:10", doc="001_9aa677d05b5fb973.txt", line=42,
    char_start=10, char_end=22, surface="$6 an hour", value=6.0, low=None, high=None,
    unit="USD / hour", qualifier="exact", base_value=6.0, base_unit="USD / hour",
    dimension="currency rate", subject="H100 rental", entity="Nvidia", topic="pricing",
    speaker="Dylan Patel", timestamp="00:35:59",
    source_url="https://www.youtube.com/watch?v=cHgCbDWejIs",
    quote='He said "GPUs cost $6 an hour",\nthen left.', lang="en",
)
OTHER = replace(
    MENTION, mention_id="004:9:0", doc="004.txt", line=9, surface="1000亿", value=1e11,
    low=0.1, high=123456789.123456789, unit="", qualifier="approx", base_value=1e-7,
    speaker="", timestamp="", source_url="", quote="NA", subject="72", entity="", lang="zh",
)
FORMATS = (".csv", ".jsonl", ".parquet")


def test_to_frame_has_exact_columns_and_dtypes() -> None:
    frame = to_frame([MENTION, OTHER])
    assert tuple(frame.columns) == COLUMNS
    assert frame["line"].dtype == "int64" and frame["char_end"].dtype == "int64"
    assert frame["value"].dtype == "float64" and frame["low"].dtype == "float64"
    assert pd.api.types.is_string_dtype(frame["surface"]) and pd.api.types.is_string_dtype(frame["lang"])
    assert frame.loc[0, "surface"] == "$6 an hour"
    assert pd.isna(frame.loc[0, "low"])
    assert frame.loc[1, "speaker"] == ""


def test_empty_frame_keeps_columns_and_dtypes() -> None:
    empty, full = to_frame([]), to_frame([MENTION])
    assert tuple(empty.columns) == COLUMNS
    assert len(empty) == 0
    assert empty.dtypes.astype(str).tolist() == full.dtypes.astype(str).tolist()


@pytest.mark.parametrize("suffix", FORMATS)
def test_round_trip_is_lossless(tmp_path: Path, suffix: str) -> None:
    frame = to_frame([MENTION, OTHER])
    path = tmp_path / f"facts{suffix}"
    write_table(frame, path)
    back = read_table(path)
    pd.testing.assert_frame_equal(back, frame)
    assert back.loc[1, "high"] == 123456789.123456789  # full float precision
    assert back.loc[1, "quote"] == "NA" and back.loc[1, "subject"] == "72"  # text stays text
    assert back.loc[0, "quote"] == 'He said "GPUs cost $6 an hour",\nthen left.'


@pytest.mark.parametrize("suffix", FORMATS)
def test_empty_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    write_table(to_frame([]), path)
    pd.testing.assert_frame_equal(read_table(path), to_frame([]))


def test_files_are_plain_and_readable_by_other_tools(tmp_path: Path) -> None:
    frame = to_frame([MENTION, OTHER])
    write_table(frame, tmp_path / "f.csv")
    write_table(frame, tmp_path / "f.jsonl")
    csv_text = (tmp_path / "f.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines()[0] == ",".join(COLUMNS)
    assert "1000亿" in csv_text  # UTF-8, no escaping
    rows = [json.loads(line) for line in (tmp_path / "f.jsonl").read_text(encoding="utf-8").splitlines()]
    assert list(rows[0]) == list(COLUMNS)
    assert rows[0]["low"] is None and rows[0]["line"] == 42 and rows[1]["surface"] == "1000亿"


def test_write_creates_parent_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "facts.parquet"
    write_table(to_frame([MENTION]), path)
    assert len(read_table(path)) == 1


@pytest.mark.parametrize("name", ["facts.xlsx", "facts", "facts.json"])
def test_unknown_extension_is_refused_before_writing(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match=r"unknown table format .*use \.csv, \.jsonl or \.parquet"):
        write_table(to_frame([MENTION]), tmp_path / name)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match="unknown table format"):
        read_table(tmp_path / name)


@pytest.mark.parametrize("suffix", FORMATS)
def test_failed_write_keeps_old_file_and_leaves_no_temp(tmp_path: Path, suffix: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / f"facts{suffix}"
    write_table(to_frame([MENTION]), path)
    before = path.read_bytes()

    def broken(frame: pd.DataFrame, handle: object) -> None:
        handle.write(b"partial")  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(table._WRITERS, suffix, broken)
    with pytest.raises(OSError, match="No space left"):
        write_table(to_frame([MENTION, OTHER]), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_failed_first_write_leaves_nothing(tmp_path: Path) -> None:
    frame = pd.DataFrame({"bad": [object()]})  # pyarrow cannot store arbitrary objects
    with pytest.raises(Exception, match="bad|object|Conversion"):
        write_table(frame, tmp_path / "facts.parquet")
    assert list(tmp_path.iterdir()) == []


def test_overwrite_keeps_file_permissions(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    write_table(to_frame([MENTION]), path)
    assert path.stat().st_mode & 0o777 == 0o644
    path.chmod(0o664)
    write_table(to_frame([OTHER]), path)
    assert path.stat().st_mode & 0o777 == 0o664
    assert read_table(path).loc[0, "doc"] == "004.txt"


def test_other_tables_pass_through(tmp_path: Path) -> None:
    claims = pd.DataFrame({"claim": ["a", ""], "mentions": [3, 1], "spread": [0.5, None]})
    for suffix in FORMATS:
        path = tmp_path / f"claims{suffix}"
        write_table(claims, path)
        back = read_table(path)
        assert back["claim"].tolist()[0] == "a"
        assert back["mentions"].tolist() == [3, 1]
        assert back["spread"].tolist()[0] == 0.5 and pd.isna(back["spread"].tolist()[1])


def test_corrupt_files_give_clear_errors(tmp_path: Path) -> None:
    bad_jsonl = tmp_path / "bad.jsonl"
    bad_jsonl.write_text('{"line": 1}\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl: line 2 is not valid JSON"):
        read_table(bad_jsonl)
    bad_parquet = tmp_path / "bad.parquet"
    bad_parquet.write_bytes(b"not parquet at all")
    with pytest.raises(ValueError, match=r"bad\.parquet: not a readable parquet table"):
        read_table(bad_parquet)
    empty_csv = tmp_path / "empty.csv"
    empty_csv.write_bytes(b"")
    with pytest.raises(ValueError, match=r"empty\.csv: not a readable csv table"):
        read_table(empty_csv)
