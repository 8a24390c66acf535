"""The facts table as the dashboard sees it: loading, filtering, readable numbers, comparison, exports.

Everything here is a plain function over pandas DataFrames so it can be tested without Streamlit
and stays fast on a million rows: text columns are categorical, filters are boolean masks built
from category codes, and only the rows a person can read are ever formatted.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pint
import pyarrow as pa
import pyarrow.parquet as pq
from pandas.api.types import union_categoricals

from extract.ledger import CLAIM_COLUMNS, LIST_SEPARATOR
from extract.outputs import EXTRACT_DIR, claims_path, extractor_fingerprint, version_path, write_stamp
from extract.schema import COLUMNS, NUMERIC_COLUMNS, TOPICS
from extract.units import parse_unit, plural, to_base, ureg

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FACTS = REPO_ROOT / "data" / "facts.parquet"
SEEDS_DIR = REPO_ROOT / "seeds"
FACTS_ENV = "CLAIMBOARD_FACTS"
DOCUMENT_SUFFIXES = (".txt", ".md")

# Text columns with few distinct values per row count; categorical codes make filters cheap.
CATEGORY_COLUMNS = (
    "doc", "surface", "unit", "qualifier", "base_unit", "dimension", "subject", "entity",
    "topic", "speaker", "timestamp", "source_url", "quote", "lang",
)
FILTER_COLUMNS = ("topic", "entity", "doc", "speaker", "dimension", "qualifier")
SEARCH_COLUMNS = ("subject", "quote")


class FactsError(ValueError):
    """A facts table that cannot be used; the message names the file and the problem."""


# ---------------------------------------------------------------------------------------------
# Loading


def facts_path() -> Path:
    """The facts table to show: $CLAIMBOARD_FACTS when set, else data/facts.parquet in the repo."""
    override = os.environ.get(FACTS_ENV, "").strip()
    return Path(override).expanduser().resolve() if override else DEFAULT_FACTS


def read_facts(path: str | Path) -> pd.DataFrame:
    """Read a facts table (.parquet, .csv or .jsonl) into the dashboard's categorical layout."""
    file = Path(path)
    if not file.is_file():
        raise FactsError(f"{file}: no such file")
    try:
        if file.suffix == ".parquet":
            names = set(pq.read_schema(file).names)
            table = pq.read_table(file, read_dictionary=[c for c in CATEGORY_COLUMNS if c in names])
            frame = table.to_pandas()
        else:
            from extract.table import read_table

            frame = read_table(file)
    except FactsError:
        raise
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise FactsError(f"{file}: cannot read the facts table ({exc})") from None
    return prepare(frame, str(file))


def _require_columns(frame: pd.DataFrame, columns: tuple[str, ...], source: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise FactsError(f"{source}: missing columns {', '.join(missing)}")


def prepare(frame: pd.DataFrame, source: str = "facts table") -> pd.DataFrame:
    """Schema order, numeric columns as floats, text columns as categories with '' for missing."""
    _require_columns(frame, COLUMNS, source)
    out = {}
    for column in COLUMNS:
        series = frame[column]
        if column in NUMERIC_COLUMNS:
            out[column] = pd.to_numeric(series, errors="coerce")
        elif column in CATEGORY_COLUMNS:
            if not isinstance(series.dtype, pd.CategoricalDtype):
                series = series.astype("category")
            if series.hasnans:
                if "" not in series.cat.categories:
                    series = series.cat.add_categories([""])
                series = series.fillna("")
            out[column] = series
        else:
            out[column] = series.fillna("").astype(str)
    return pd.DataFrame(out).reset_index(drop=True)


@dataclass
class Built:
    """The outcome of building the facts table (and its claims ledger) from a folder of documents."""

    frame: pd.DataFrame
    errors: list[str] = field(default_factory=list)
    written: bool = True
    claims: pd.DataFrame | None = None


def document_paths(folder: Path) -> list[Path]:
    """The transcripts and notes in a folder, in name order."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in DOCUMENT_SUFFIXES)


def table_is_current(facts: Path, folder: Path = EXTRACT_DIR) -> bool:
    """True when `facts` exists and was built by the extractor code as it is now."""
    stamp = version_path(facts)
    if not facts.is_file() or not stamp.is_file():
        return False
    return stamp.read_text(encoding="utf-8").strip() == extractor_fingerprint(folder)


def build_facts(
    seeds_dir: Path,
    out_path: Path,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> Built:
    """Extract every document in `seeds_dir` one at a time (so progress is real), group the
    mentions into the claims ledger, and save both tables with the extractor's fingerprint."""
    from extract.ledger import build_ledger
    from extract.pipeline import extract_paths
    from extract.table import to_frame, write_table

    paths = document_paths(seeds_dir)
    frames: list[pd.DataFrame] = []
    titles: dict[str, str] = {}
    errors: list[str] = []
    for index, path in enumerate(paths):
        if on_progress:
            on_progress(index, len(paths), path.name)
        extraction = extract_paths([path])
        frames.append(extraction.frame)
        titles.update(extraction.titles)
        errors.extend(extraction.errors)
    if on_progress:
        on_progress(len(paths), len(paths), "")
    frame = pd.concat(frames, ignore_index=True) if frames else to_frame([])
    frame, claims = build_ledger(frame, titles)
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        write_table(frame, out_path)
        write_table(claims, claims_path(out_path))
        write_stamp(out_path)
    except OSError as exc:
        errors.append(f"{out_path}: cannot save the facts table ({exc.strerror or exc})")
        return Built(frame, errors, written=False, claims=claims)
    return Built(frame, errors, claims=claims)


# ---------------------------------------------------------------------------------------------
# Filtering


@dataclass(frozen=True)
class Filters:
    """What a person picked; an empty selection means 'everything'."""

    topic: tuple[str, ...] = ()
    entity: tuple[str, ...] = ()
    doc: tuple[str, ...] = ()
    speaker: tuple[str, ...] = ()
    dimension: tuple[str, ...] = ()
    qualifier: tuple[str, ...] = ()
    search: str = ""

    def selections(self) -> dict[str, tuple[str, ...]]:
        """Column -> chosen values, for the columns filtered by picking values."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in FILTER_COLUMNS}


def _codes_mask(series: pd.Series, wanted: np.ndarray) -> np.ndarray:
    """Rows whose category is flagged in `wanted` (one flag per category), missing rows excluded."""
    lookup = np.append(wanted, False)  # code -1 (missing) indexes the final False
    return lookup[series.cat.codes.to_numpy()]


def value_mask(series: pd.Series, values: Iterable[str]) -> np.ndarray:
    """Rows whose value is one of `values`."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return _codes_mask(series, np.asarray(series.cat.categories.isin(list(values))))
    return series.isin(list(values)).to_numpy()


def search_mask(frame: pd.DataFrame, text: str) -> np.ndarray:
    """Rows whose subject or quote contains `text`, ignoring case (searched once per distinct value)."""
    mask = np.zeros(len(frame), dtype=bool)
    for column in SEARCH_COLUMNS:
        series = frame[column]
        if isinstance(series.dtype, pd.CategoricalDtype):
            hits = series.cat.categories.astype(str).str.contains(text, case=False, regex=False)
            mask |= _codes_mask(series, np.asarray(hits, dtype=bool))
        else:
            mask |= series.astype(str).str.contains(text, case=False, regex=False).to_numpy()
    return mask


def filter_masks(frame: pd.DataFrame, filters: Filters) -> dict[str, np.ndarray]:
    """One boolean mask per active filter, so facet counts can leave one filter out."""
    masks = {
        column: value_mask(frame[column], values)
        for column, values in filters.selections().items()
        if values
    }
    if filters.search.strip():
        masks["search"] = search_mask(frame, filters.search.strip())
    return masks


def combine(masks: Mapping[str, np.ndarray], rows: int, leave_out: str = "") -> np.ndarray:
    """All masks AND-ed together, optionally without one of them."""
    result = np.ones(rows, dtype=bool)
    for name, mask in masks.items():
        if name != leave_out:
            result &= mask
    return result


def apply_filters(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The claims matching every filter."""
    masks = filter_masks(frame, filters)
    if not masks:
        return frame
    return frame[combine(masks, len(frame))]


def facet_counts(frame: pd.DataFrame, masks: Mapping[str, np.ndarray], column: str) -> dict[str, int]:
    """Claims per value of `column` under all the other filters (as in a faceted search)."""
    series = frame[column]
    others = any(name != column for name in masks)
    keep = combine(masks, len(frame), leave_out=column)
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        codes = codes[keep] if others else codes
        counts = np.bincount(codes[codes >= 0], minlength=len(series.cat.categories))
        return {str(v): int(n) for v, n in zip(series.cat.categories, counts, strict=True) if n}
    return {str(k): int(v) for k, v in series[keep].value_counts().items()}


def options(frame: pd.DataFrame, column: str) -> list[str]:
    """The values a person can pick for `column`: non-empty, topics in their fixed order."""
    series = frame[column]
    present = series.cat.categories if isinstance(series.dtype, pd.CategoricalDtype) else series.unique()
    values = {str(v) for v in present if str(v)}
    if column == "topic":
        return [t for t in TOPICS if t in values] + sorted(values - set(TOPICS))
    return sorted(values, key=str.casefold)


# ---------------------------------------------------------------------------------------------
# Readable numbers

_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))
_CURRENCY = {"USD": "$", "EUR": "€", "GBP": "£"}
_QUALIFIER_MARK = {"approx": "~", "more_than": ">", "less_than": "<", "at_least": "≥",
                   "at_most": "≤", "up_to": "≤"}


def _is_number(x: object) -> bool:
    return isinstance(x, int | float | np.integer | np.floating) and math.isfinite(float(x))


def format_number(x: float, money: bool = False) -> str:
    """72 -> '72', 1500 -> '1,500', 3e5 -> '300k', 1e10 -> '10B', 1.4 (money) -> '1.40'."""
    if not _is_number(x):
        return ""
    x = float(x)
    rounded = float(f"{x:.3g}")
    if abs(rounded) >= 10_000:
        for size, suffix in _SCALES:
            if abs(rounded) >= size:
                return _significant(rounded / size) + suffix
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if money and 0.01 <= abs(x) < 100 and x != round(x):
        return f"{x:.2f}"
    return _significant(x)


def _significant(x: float) -> str:
    """Three significant digits, positional (never '1.4e+00'), no trailing zeros."""
    if x == round(x) and abs(x) < 1e15:
        return f"{x:,.0f}"
    return np.format_float_positional(x, precision=3, unique=False, fractional=False, trim="-")


@lru_cache(maxsize=1024)
def _is_symbol(name: str) -> bool:
    """True for unit symbols ('GW', 'nm'), which take no plural; names ('hour', 'GPU') do."""
    try:
        return ureg.get_symbol(name) == name and ureg.get_name(name) != name
    except (pint.errors.UndefinedUnitError, AttributeError, ValueError):
        return False


@dataclass(frozen=True)
class UnitStyle:
    """How numbers in one unit are written: prefix ('$'), suffix for one and for many."""

    prefix: str
    one: str
    many: str


@lru_cache(maxsize=1024)
def unit_style(unit: str) -> UnitStyle:
    """'USD/hour' -> $…/hour, 'GPU' -> … GPU(s), 'percent' -> …%, 'dimensionless' -> …x."""
    compact = unit.replace(" ", "")
    if compact in ("", "dimensionless"):
        return UnitStyle("", "x", "x")
    if compact == "count":
        return UnitStyle("", "", "")
    if compact in ("percent", "%"):
        return UnitStyle("", "%", "%")
    if not re.fullmatch(r"[A-Za-z_$%]+(/[A-Za-z_]+)*", compact):
        shown = " " + compact.replace("**", "^").replace("*", "·")
        return UnitStyle("", shown, shown)
    head, *rest = compact.split("/")
    tail = "".join("/" + part for part in rest)
    if head in _CURRENCY:
        return UnitStyle(_CURRENCY[head], tail, tail)
    if head in ("percent", "%"):
        return UnitStyle("", "%" + tail, "%" + tail)
    if head in ("dimensionless", "1"):
        return UnitStyle("", " per " + "/".join(rest), " per " + "/".join(rest))
    if _is_symbol(head):
        return UnitStyle("", f" {head}{tail}", f" {head}{tail}")
    return UnitStyle("", f" {head}{tail}", f" {plural(head)}{tail}")


def _with_unit(number: float, style: UnitStyle, money: bool, plural: bool | None = None) -> str:
    sign = "-" if number < 0 else ""
    many = plural if plural is not None else abs(number) != 1
    return f"{sign}{style.prefix}{format_number(abs(number), money)}{style.many if many else style.one}"


def format_quantity(
    value: float | None,
    unit: str,
    low: float | None = None,
    high: float | None = None,
    qualifier: str = "exact",
) -> str:
    """A claim's number as a person would write it: '$6/hour', '72 GPUs', '300k-600k GPUs', '~20%'."""
    style = unit_style(unit or "")
    money = bool(style.prefix)
    mark = _QUALIFIER_MARK.get(qualifier, "")
    if _is_number(low) and _is_number(high) and low != high:
        lo = f"{style.prefix}{format_number(low, money)}"
        return f"{'~' if mark == '~' else ''}{lo}-{_with_unit(high, style, money, plural=True)}"
    for number in (value, low, high):
        if _is_number(number):
            return f"{mark}{_with_unit(float(number), style, money)}"
    return ""


def claim_label(row: Mapping[str, object]) -> str:
    """The formatted number of one table row."""
    return format_quantity(row["value"], str(row["unit"]), row["low"], row["high"], str(row["qualifier"]))


def display_table(frame: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The first `limit` claims as a reader sees them: number written out, source as a link."""
    head = frame.head(limit)
    claims = [
        format_quantity(v, str(u), lo, hi, str(q))
        for v, u, lo, hi, q in zip(
            head["value"], head["unit"], head["low"], head["high"], head["qualifier"], strict=True
        )
    ]
    return pd.DataFrame({
        "claim": claims,
        "subject": head["subject"].astype(str),
        "entity": head["entity"].astype(str),
        "topic": head["topic"].astype(str),
        "speaker": head["speaker"].astype(str),
        "time": head["timestamp"].astype(str),
        "quote": head["quote"].astype(str),
        "document": head["doc"].astype(str) + ":" + head["line"].astype("Int64").astype(str),
        "source": [url or None for url in head["source_url"].astype(str)],
        "id": head["mention_id"].astype(str),
    }, index=head.index)


# ---------------------------------------------------------------------------------------------
# Units for the chart axis and for comparisons


@dataclass(frozen=True)
class AxisUnit:
    """One choice of unit for the chart axis: base values times `factor` are in `unit`."""

    label: str
    unit: str
    factor: float
    scale: str = ""  # '', 'k', 'M', 'B' or 'T' for scaled counts and money


_LADDERS = (
    ("USD/hour", "USD/day", "USD/month", "USD/year"),
    ("W", "kW", "MW", "GW"),
    ("W*hour", "kW*hour", "MW*hour", "GW*hour", "TW*hour"),
    ("second", "minute", "hour", "day", "month", "year"),
    ("nm", "mm", "m", "km"),
    ("byte", "GB", "TB", "PB"),
    ("FLOP/s", "TFLOP/s", "PFLOP/s", "EFLOP/s"),
)
_SCALE_WORDS = (("", "plain", 1.0), ("k", "k (thousands)", 1e-3), ("M", "M (millions)", 1e-6),
                ("B", "B (billions)", 1e-9), ("T", "T (trillions)", 1e-12))


def axis_units(base_unit: str) -> list[AxisUnit]:
    """The units a person can choose for an axis of values in `base_unit`."""
    if base_unit in ("percent", "%"):
        return [AxisUnit("percent", "percent", 1.0)]
    base = parse_unit(base_unit)
    for ladder in _LADDERS:
        if base.is_compatible_with(ladder[0]):
            return [
                AxisUnit(u.replace("*hour", "h"), u, float(ureg.Quantity(1, base).to(u).magnitude))
                for u in ladder
            ]
    return [AxisUnit(label, base_unit, factor, scale) for scale, label, factor in _SCALE_WORDS]


def default_axis(choices: list[AxisUnit], base_values: pd.Series) -> AxisUnit:
    """The choice that writes the typical claim as a number from 1 upwards, as small as possible.

    Values spanning orders of magnitude on a k/M/B axis stay plain: the log axis then labels its
    ticks '$1k', '$1M', '$1B' itself, which reads better than '0.000001 B'.
    """
    values = base_values.abs().dropna()
    if choices[0].scale == "" and len(choices) > 1 and choices[1].scale and span_is_wide(
        values.to_numpy(dtype=float)
    ):
        return choices[0]
    median = float(values.median()) if len(values) else 1.0
    readable = [c for c in choices if median * c.factor >= 1]
    if not readable:
        return max(choices, key=lambda c: c.factor)
    return min(readable, key=lambda c: median * c.factor)


def unit_factors(units: Iterable[str]) -> dict[str, float]:
    """Multiplier from each stated unit to its dimension's base unit (one pint call per unit)."""
    factors = {}
    for unit in units:
        try:
            parse_unit(str(unit))
            base, _ = to_base(1.0, str(unit))
            factors[str(unit)] = float(base) if base is not None else math.nan
        except (pint.errors.PintError, ValueError, AssertionError, TypeError):
            factors[str(unit)] = math.nan
    return factors


MAX_POINTS = 2000  # above this, a binned distribution instead of one marker per claim
LABELLED_POINTS = 40  # up to this, one labelled row per claim; above, one row per colour group
GENERIC_DIMENSIONS = ("number", "ratio", "count of things", "")


@dataclass
class ChartData:
    """One dimension's claims ready to plot: one point per claim, or a binned distribution."""

    dimension: str
    axis: AxisUnit
    total: int
    points: pd.DataFrame | None = None  # x, x_low, x_high, row, group, claim, subject, quote, source
    bins: pd.DataFrame | None = None  # left, right, group, count
    log: bool = False


def dimensions_by_count(frame: pd.DataFrame) -> list[str]:
    """Dimensions with claims, most claims first and bare numbers last: the first charts best."""
    counts = frame["dimension"].value_counts()
    named = [str(d) for d, n in counts.items() if n and str(d) not in GENERIC_DIMENSIONS]
    generic = [str(d) for d, n in counts.items() if n and str(d) in GENERIC_DIMENSIONS and str(d)]
    return named + generic


def span_is_wide(values: np.ndarray) -> bool:
    """True when positive values span more than two orders of magnitude (a log axis reads better)."""
    positive = values[np.isfinite(values) & (values > 0)]
    return len(positive) > 1 and positive.max() / positive.min() > 100 and len(positive) == len(
        values[np.isfinite(values)]
    )


def dimension_claims(frame: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Claims of one dimension that carry a number."""
    subset = frame[value_mask(frame["dimension"], [dimension])]
    return subset[subset["base_value"].notna()]


def chart_data(
    frame: pd.DataFrame,
    dimension: str,
    axis: AxisUnit,
    color_by: str = "topic",
    scale: str = "auto",
    max_points: int = MAX_POINTS,
) -> ChartData:
    """Values of one dimension on a common axis; above `max_points` claims, a distribution instead."""
    subset = dimension_claims(frame, dimension)
    x = subset["base_value"].to_numpy(dtype=float) * axis.factor
    log = span_is_wide(x) if scale == "auto" else scale == "log"
    result = ChartData(dimension, axis, len(subset), log=log)
    if len(subset) > max_points:
        result.bins = distribution(x, subset[color_by].astype(str).to_numpy(), log)
        return result
    factors = subset["unit"].astype(str).map(unit_factors(subset["unit"].astype(str).unique()))
    factors = factors.to_numpy(dtype=float) * axis.factor
    low = subset["low"].to_numpy(dtype=float) * factors
    high = subset["high"].to_numpy(dtype=float) * factors
    records = subset.to_dict("records")
    claims = [claim_label(r) for r in records]
    groups = subset[color_by].astype(str).replace("", f"(no {color_by})").to_numpy()
    if len(subset) <= LABELLED_POINTS:
        rows = _unique([f"{_shorten(str(r['subject']) or str(r['surface']), 48)} · {c}"
                        for r, c in zip(records, claims, strict=True)])
    else:
        rows = list(groups)
    result.points = pd.DataFrame({
        "x": x,
        "x_low": np.where(np.isfinite(low), low, x),
        "x_high": np.where(np.isfinite(high), high, x),
        "row": rows,
        "group": groups,
        "claim": claims,
        "subject": subset["subject"].astype(str).to_numpy(),
        "quote": subset["quote"].astype(str).to_numpy(),
        "source": [
            _source_text(d, ln, t, u)
            for d, ln, t, u in zip(subset["doc"], subset["line"], subset["timestamp"],
                                   subset["source_url"], strict=True)
        ],
    })
    return result


def _source_text(doc: object, line: object, timestamp: object, url: object) -> str:
    where = f"{doc}:{int(line)}" if _is_number(line) else str(doc)
    if timestamp:
        where += f" at {timestamp}"
    return f"{where} {url}".strip()


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _unique(labels: list[str]) -> list[str]:
    """Labels made distinct (a plot axis merges equal categories)."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def distribution(values: np.ndarray, groups: np.ndarray, log: bool, bins: int = 30) -> pd.DataFrame:
    """Claim counts per value bin and group, computed with numpy (no per-point data to the browser)."""
    finite = np.isfinite(values) & ((values > 0) if log else True)
    values, groups = values[finite], groups[finite]
    if not len(values):
        return pd.DataFrame({"left": [], "right": [], "group": [], "count": []})
    low, high = float(values.min()), float(values.max())
    if high == low:
        high = low + (abs(low) or 1.0)
    edges = np.geomspace(low, high, bins + 1) if log else np.linspace(low, high, bins + 1)
    index = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, bins - 1)
    parts = []
    for group in pd.unique(groups):
        counts = np.bincount(index[groups == group], minlength=bins)
        nonzero = np.flatnonzero(counts)
        parts.append(pd.DataFrame({"left": edges[nonzero], "right": edges[nonzero + 1],
                                   "group": group, "count": counts[nonzero]}))
    return pd.concat(parts, ignore_index=True)


# ---------------------------------------------------------------------------------------------
# Comparison


class CompareError(ValueError):
    """Claims that cannot be compared; the message says why in plain words."""


@dataclass
class Comparison:
    """Claims side by side in the first claim's unit, with ratio and difference to it."""

    sentences: list[str]
    table: pd.DataFrame


def _number_of(row: Mapping[str, object]) -> float | None:
    for key in ("value", "low", "high"):
        if _is_number(row[key]):
            return float(row[key])  # type: ignore[arg-type]
    return None


def format_ratio(ratio: float) -> str:
    """9.0 -> '9x', 4.2857 -> '4.3x', 0.233 -> '0.23x', 1250 -> '1,250x'."""
    if abs(ratio) >= 100:
        return f"{ratio:,.0f}x"
    if ratio != 0 and abs(ratio) < 0.001:
        return "<0.001x"
    return np.format_float_positional(ratio, precision=2, unique=False, fractional=False,
                                      trim="-") + "x"


def compare_claims(rows: pd.DataFrame) -> Comparison:
    """Each chosen claim against the first: '72 GPUs vs 8 GPUs: 9x'. Refuses unlike dimensions."""
    if len(rows) < 2:
        raise CompareError("Choose at least two claims to compare.")
    records = rows.to_dict("records")
    dimensions = list(dict.fromkeys(str(r["dimension"]) for r in records))
    if len(dimensions) > 1:
        raise CompareError(
            "These claims measure different things (" + ", ".join(d or "no dimension" for d in dimensions)
            + "); only claims of the same dimension can be compared."
        )
    reference = records[0]
    ref_unit = str(reference["unit"])
    labels = [claim_label(r) for r in records]
    numbers = []
    for record, label in zip(records, labels, strict=True):
        number = _number_of(record)
        if number is None:
            raise CompareError(f"“{record['surface']}” has no number to compare.")
        try:
            parse_unit(str(record["unit"]))
            parse_unit(ref_unit)
            converted = ureg.Quantity(number, str(record["unit"]) or "dimensionless").to(
                ref_unit or "dimensionless"
            )
        except (pint.errors.PintError, ValueError, AssertionError) as exc:
            raise CompareError(f"{label} cannot be converted to {ref_unit or 'a plain number'} ({exc}).") from None
        numbers.append(float(converted.magnitude))
    first = numbers[0]
    ratios, differences, sentences = [""], [""], []
    for label, record, number in zip(labels[1:], records[1:], numbers[1:], strict=True):
        difference = format_quantity(first - number, ref_unit)
        ratio = format_ratio(first / number) if number else "no ratio (this claim is zero)"
        ratios.append(ratio)
        differences.append(difference)
        shown = label if str(record["unit"]) == ref_unit else f"{label} (= {format_quantity(number, ref_unit)})"
        sentences.append(f"{labels[0]} vs {shown}: {ratio}, difference {difference}")
    table = pd.DataFrame({
        "claim": labels,
        f"in {ref_unit or 'plain numbers'}": [
            format_quantity(n, ref_unit) for n in numbers
        ],
        "first ÷ this": ratios,
        "first − this": differences,
        "subject": [str(r["subject"]) for r in records],
        "document": [f"{r['doc']}:{int(r['line'])}" if _is_number(r["line"]) else str(r["doc"])
                     for r in records],
    })
    return Comparison(sentences, table)


def compare_option_label(row: Mapping[str, object]) -> str:
    """How a claim is named in the compare picker: number, subject and where it was said."""
    subject = _shorten(str(row["subject"]) or str(row["surface"]), 60)
    return f"{claim_label(row)} · {subject} · {row['doc']}:{int(row['line'])}"  # type: ignore[call-overload]


# ---------------------------------------------------------------------------------------------
# Exports

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The extractor's columns in its order, text as plain strings (no dashboard-only dtypes)."""
    from extract.table import conform

    out = frame.loc[:, list(COLUMNS)].copy()
    for column in COLUMNS:
        if isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype(str)
    return conform(out.reset_index(drop=True))


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as a formula get a leading apostrophe."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_bool_dtype(out[column]):
            continue
        text = out[column].astype(str)
        risky = text.str.startswith(_FORMULA_START)
        if risky.any():
            out[column] = text.mask(risky, "'" + text)
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV (UTF-8) of the extractor's columns, safe to open in a spreadsheet."""
    return neutralise_formulas(export_frame(frame)).to_csv(index=False).encode("utf-8")


def claims_csv_bytes(claims: pd.DataFrame) -> bytes:
    """CSV of claims in the ledger's columns, safe to open in a spreadsheet."""
    return neutralise_formulas(claims.loc[:, list(CLAIM_COLUMNS)]).to_csv(index=False).encode("utf-8")


def to_json_bytes(frame: pd.DataFrame) -> bytes:
    """A JSON array of claim objects with the extractor's columns; missing numbers are null."""
    records = export_frame(frame).to_dict("records")
    clean = [{k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in r.items()}
             for r in records]
    return json.dumps(clean, ensure_ascii=False, indent=1, default=_json_default).encode("utf-8")


def _json_default(value: object) -> object:
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return str(value)


def to_parquet_bytes(frame: pd.DataFrame) -> bytes:
    """Parquet of the extractor's columns."""
    buffer = io.BytesIO()
    export_frame(frame).to_parquet(buffer, index=False)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Claims ledger

LEDGER_COMPUTE_LIMIT = 20_000  # mentions; above this, grouping on the page would take too long
CLAIM_TEXT_COLUMNS = tuple(c for c in CLAIM_COLUMNS if c not in (
    "value", "low", "high", "preferred_value", "n_mentions", "n_sources", "conflict"))
CONFLICT_BADGE = "⚠ conflict"


class LedgerTooLarge(ValueError):
    """A table too big to group into claims on the page; the message says how to build the ledger."""


@dataclass
class Ledger:
    """Claims (one row per fact) and which claim each mention of the facts table belongs to."""

    claims: pd.DataFrame  # CLAIM_COLUMNS
    claim_of: pd.Series  # mention_id -> claim_id


def prepare_claims(frame: pd.DataFrame, source: str = "claims table") -> pd.DataFrame:
    """Claims table columns in order with plain types: text '' for missing, counts as ints."""
    _require_columns(frame, CLAIM_COLUMNS, source)
    out = {}
    for column in CLAIM_COLUMNS:
        series = frame[column]
        if column in CLAIM_TEXT_COLUMNS:
            out[column] = series.astype(object).where(series.notna(), "").astype(str)
        elif column == "conflict":
            out[column] = series.astype(str).str.lower().isin(["true", "1"])
        elif column in ("n_mentions", "n_sources"):
            out[column] = pd.to_numeric(series, errors="coerce").fillna(0).astype("int64")
        else:
            out[column] = pd.to_numeric(series, errors="coerce")
    return pd.DataFrame(out).reset_index(drop=True)


def read_claims(path: str | Path) -> pd.DataFrame:
    """Read a claims table written by the extractor (.parquet, .csv or .jsonl)."""
    from extract.table import read_table

    file = Path(path)
    if not file.is_file():
        raise FactsError(f"{file}: no such file")
    try:
        frame = read_table(file)
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise FactsError(f"{file}: cannot read the claims table ({exc})") from None
    return prepare_claims(frame, str(file))


def ledger_from_claims(claims: pd.DataFrame) -> Ledger:
    """A ledger from a claims table: its mention_ids column says which mentions each claim holds."""
    ids = claims["mention_ids"].str.split(LIST_SEPARATOR)
    pairs = pd.DataFrame({"claim_id": claims["claim_id"], "mention_id": ids}).explode("mention_id")
    pairs = pairs[pairs["mention_id"].notna() & (pairs["mention_id"] != "")]
    claim_of = pd.Series(pairs["claim_id"].to_numpy(), index=pairs["mention_id"].to_numpy(), name="claim_id")
    return Ledger(claims, claim_of[~claim_of.index.duplicated()])


def covers(ledger: Ledger, frame: pd.DataFrame) -> bool:
    """True when every mention of `frame` has its claim in the ledger (it was built from this table)."""
    return bool(frame["mention_id"].isin(ledger.claim_of.index).all())


def compute_ledger(frame: pd.DataFrame, limit: int = LEDGER_COMPUTE_LIMIT) -> Ledger:
    """Group the mentions of `frame` into claims with the extractor's ledger."""
    from extract.ledger import build_ledger

    if len(frame) > limit:
        raise LedgerTooLarge(
            f"{len(frame):,} mentions are too many to group into claims here; build the claims "
            "table with `python -m extract` (it writes it beside the facts table)")
    facts, claims = build_ledger(export_frame(frame))
    claim_of = pd.Series(facts["claim_id"].to_numpy(), index=facts["mention_id"].to_numpy(), name="claim_id")
    return Ledger(prepare_claims(claims), claim_of)


def ledger_for(frame: pd.DataFrame, claims: pd.DataFrame | None) -> Ledger:
    """The ledger of `frame`: the stored claims table when it covers every mention, else computed."""
    if claims is not None:
        stored = ledger_from_claims(claims)
        if covers(stored, frame):
            return stored
    return compute_ledger(frame)


def content_key(frame: pd.DataFrame) -> str:
    """A short hash of which mentions a table holds (mention ids hash document, line and text)."""
    if frame.empty:
        return ""
    ids = "\n".join(sorted(frame["mention_id"].astype(str)))
    return hashlib.sha256(ids.encode()).hexdigest()[:16]


def matching_claims(ledger: Ledger, filtered: pd.DataFrame, only_conflicts: bool = False) -> pd.DataFrame:
    """Claims with at least one mention among the filtered rows; conflicts first, then the
    claims with most sources and mentions."""
    ids = ledger.claim_of.reindex(filtered["mention_id"].astype(str).to_numpy()).dropna().unique()
    claims = ledger.claims[ledger.claims["claim_id"].isin(ids)]
    if only_conflicts:
        claims = claims[claims["conflict"]]
    return claims.sort_values(["conflict", "n_sources", "n_mentions", "claim_id"],
                              ascending=[False, False, False, True], kind="stable")


def ledger_claim_label(row: Mapping[str, object]) -> str:
    """A claim's number as a person would write it ('$1.40/hour', '300k-600k GPUs')."""
    return format_quantity(row["value"], str(row["unit"]), row["low"], row["high"])  # type: ignore[arg-type]


def ledger_table(claims: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The first `limit` claims as a reader sees them, with a conflict badge."""
    head = claims.head(limit)
    records = head.to_dict("records")
    return pd.DataFrame({
        "claim": [ledger_claim_label(r) for r in records],
        "subject": head["subject"],
        "entity": head["entity"],
        "topic": head["topic"],
        "mentions": head["n_mentions"],
        "sources": head["n_sources"],
        "conflict": [CONFLICT_BADGE if c else "" for c in head["conflict"]],
        "documents": head["docs"],
        "id": head["claim_id"],
    }, index=head.index)


def claim_option_label(row: Mapping[str, object]) -> str:
    """How a claim is named in the picker: number, subject, evidence and a conflict mark."""
    subject = _shorten(str(row["subject"]), 60) or "(no subject)"
    mark = f" · {CONFLICT_BADGE}" if row["conflict"] else ""
    return (f"{ledger_claim_label(row)} · {subject} · {row['n_mentions']} mention(s), "
            f"{row['n_sources']} source(s){mark} · {row['claim_id']}")


def claim_mentions(frame: pd.DataFrame, ledger: Ledger, claim_id: str) -> pd.DataFrame:
    """Every mention of one claim, in document order, with its quote and a link to the moment."""
    ids = ledger.claim_of.index[ledger.claim_of.to_numpy() == claim_id]
    rows = frame[frame["mention_id"].astype(str).isin(ids)].sort_values(["doc", "line", "char_start"])
    return pd.DataFrame({
        "document": rows["doc"].astype(str),
        "line": rows["line"].astype("Int64"),
        "speaker": rows["speaker"].astype(str),
        "time": rows["timestamp"].astype(str),
        "lang": rows["lang"].astype(str),
        "said": rows["surface"].astype(str),
        "claim": [claim_label(r) for r in rows.to_dict("records")],
        "quote": rows["quote"].astype(str),
        "source": [url or None for url in rows["source_url"].astype(str)],
    }).reset_index(drop=True)


def conflict_summary(claim: Mapping[str, object]) -> list[str]:
    """What a conflicting claim's evidence disagrees on, and which value the ledger prefers."""
    if not claim["conflict"]:
        return []
    lines = [str(claim["conflict_reason"])]
    preferred = format_quantity(claim["preferred_value"], str(claim["unit"]))  # type: ignore[arg-type]
    if preferred:
        lines.append(f"Preferred value: {preferred}")
    if claim["conflict_with"]:
        lines.append(f"Disagrees with claim(s): {claim['conflict_with']}")
    return lines


# ---------------------------------------------------------------------------------------------
# Added documents

UPLOAD_LIMIT_MB = 5


@dataclass
class Added:
    """Claims from documents a person added, and a message for each file that could not be used."""

    frame: pd.DataFrame
    documents: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def extract_uploads(
    files: Iterable[tuple[str, bytes]],
    taken: Iterable[str] = (),
    limit_mb: int = UPLOAD_LIMIT_MB,
) -> Added:
    """Claims from uploaded (name, bytes) files; a bad file is reported and the others kept."""
    from extract.documents import DocumentError, decode
    from extract.pipeline import extract_text
    from extract.table import to_frame

    names = set(taken)
    frames: list[pd.DataFrame] = []
    added = Added(to_frame([]))
    for name, data in files:
        if Path(name).suffix.lower() not in DOCUMENT_SUFFIXES:
            added.errors.append(f"{name}: only .txt and .md transcripts can be added")
            continue
        if len(data) > limit_mb * 1024 * 1024:
            added.errors.append(f"{name}: {len(data) / 1024 / 1024:.1f} MB is over the {limit_mb} MB limit")
            continue
        if name in names:
            added.errors.append(f"{name}: a document with this name is already shown")
            continue
        try:
            text = decode(data, name)
            mentions = extract_text(text, doc=name)
        except DocumentError as exc:
            added.errors.append(str(exc))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file must not cost the others
            added.errors.append(f"{name}: could not extract claims ({type(exc).__name__}: {exc})")
            continue
        names.add(name)
        added.documents.append(name)
        frames.append(to_frame(mentions))
    if frames:
        added.frame = pd.concat(frames, ignore_index=True)
    return added


def with_added(base: pd.DataFrame, added: pd.DataFrame) -> pd.DataFrame:
    """The loaded table plus claims from added documents, in the dashboard's layout."""
    if added.empty:
        return base
    extra = prepare(added, "added documents")
    columns = {}
    for column in COLUMNS:
        if isinstance(base[column].dtype, pd.CategoricalDtype):
            columns[column] = pd.Series(union_categoricals([base[column], extra[column]], ignore_order=True))
        else:
            columns[column] = pd.concat([base[column], extra[column]], ignore_index=True)
    return pd.DataFrame(columns)
