"""Markdown tables: a cell's number takes its unit from the column header or the caption.

Notes put prices and sizes in tables ("| Model | Price per 1M input | Context |"), where a
cell holds only "$1.25" or "400k". A reader takes the unit from the header; so do we, by
reading the cell's number followed by the header's unit phrase as one quantity.
"""

from __future__ import annotations

import re
from itertools import pairwise

from extract.quantities import Quantity, find_quantities

_ROW = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IN_PARENTHESES = re.compile(r"\(([^()]{1,20})\)\s*$")
_PER = re.compile(r"(?:\bper\b|/).*$", re.IGNORECASE)
_CURRENCY_NAMED = re.compile(r"\$|\bUSD\b|\bprice\b|\bcost\b", re.IGNORECASE)
_MONEY_IN = re.compile(r"^(?:US)?\$\s?(?P<scale>[KMBT]|bn|mn)?$|^USD\s?(?P<scale2>[KMBT]|bn|mn)?$")


def is_table_row(text: str) -> bool:
    return bool(_ROW.match(text)) and text.count("|") >= 3


def is_separator(text: str) -> bool:
    return bool(_SEPARATOR.match(text)) and "|" in text


def cells(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cell of a table row, the outer pipes left out."""
    bars = [i for i, ch in enumerate(text) if ch == "|"]
    return [(a + 1, b, text[a + 1:b]) for a, b in pairwise(bars)]


def header_units(header: str) -> list[str]:
    """Per column, the phrase that says the unit of its cells ("per 1M input", "context",
    "MW", "$B"), or "" when the header says none."""
    phrases = []
    for _, _, cell in cells(header):
        name = cell.strip().strip("*_ ")
        inside = _IN_PARENTHESES.search(name)
        per = _PER.search(name)
        if per and not inside and _CURRENCY_NAMED.search(name, 0, per.start()):
            phrases.append("USD " + per.group(0))  # "Input, $ per M tokens": the money is per that
        else:
            phrases.append(inside.group(1).strip() if inside else per.group(0) if per else name)
    return phrases


def header_names(header: str) -> list[str]:
    """The column names of a table's header row."""
    return [cell.strip().strip("*_ ") for _, _, cell in cells(header)]


def cell_of(q: Quantity, row: str) -> tuple[int, int, int] | None:
    """(column, start, end) of the cell of `row` that holds quantity `q`."""
    return next(((i, s, e) for i, (s, e, _) in enumerate(cells(row)) if s <= q.start < e), None)


_CAPTION_UNIT = re.compile(r"\(([^(),;]{1,12})[,;)]")


def caption_unit(text: str) -> str:
    """The unit a table's caption names in parentheses ("Exhibit 1: Capex (USD bn, calendar
    year)"), which every cell takes whose column header names none; else ""."""
    for m in _CAPTION_UNIT.finditer(text):
        phrase = m.group(1).strip()
        if _MONEY_IN.match(phrase) or phrase == "%":
            return phrase
        found = find_quantities(f"1 {phrase}")
        if found and found[0].start == 0 and found[0].unit != "count":
            return phrase
    return ""


_SCALE_CAPTION = re.compile(
    r"\(\s*(?:(?:US)?\$|USD)?\s*(?:in\s+)?(?:(?:US)?\$|USD)?\s*(?P<scale>thousands|millions|billions)\b[^()]*\)",
    re.IGNORECASE)
_SCALE_WORDS = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
_SCALED_ALREADY = re.compile(r"(?i)\d\s*(?:k|m|mm|mn|b|bn|t|thousand|million|billion|trillion)\b")


def money_scale(text: str) -> float:
    """The factor a plain-text table's caption gives its dollar figures: "($ in millions)",
    "(in millions, except per share data)"; 1.0 when the line says none."""
    m = _SCALE_CAPTION.search(text)
    return _SCALE_WORDS[m.group("scale").lower()] if m else 1.0


def apply_money_scale(quantities: list[Quantity], scale: float) -> None:
    """"$12,470" under "($ in millions)" is $12.47 billion; per-share figures keep their dollars."""
    for q in quantities:
        if q.unit == "USD" and not _SCALED_ALREADY.search(q.surface):
            q.value, q.low, q.high = (None if v is None else v * scale for v in (q.value, q.low, q.high))


def apply_header_units(quantities: list[Quantity], row: str, header: list[str], caption: str = "") -> None:
    """Give each cell's bare number ("400k", "$1.25") the unit its column header names, or
    else the one the table's caption names."""
    spans = cells(row)
    for q in quantities:
        column = next((i for i, (s, e, _) in enumerate(spans) if s <= q.start < e), None)
        if column is None or column >= len(header) or q.unit not in ("count", "USD"):
            continue
        unit, scale = _unit_with_header(q, header[column]) if header[column] else (None, 1.0)
        if unit is None and caption and column > 0:
            unit, scale = _unit_with_header(q, caption)
        if unit:
            q.unit = unit
            q.value, q.low, q.high = (None if v is None else v * scale for v in (q.value, q.low, q.high))


_SCALES = {"K": 1e3, "M": 1e6, "mn": 1e6, "B": 1e9, "bn": 1e9, "T": 1e12}


def _unit_with_header(q: Quantity, phrase: str) -> tuple[str | None, float]:
    """The unit a header phrase gives the cell's quantity `q`, and the factor its value takes
    ("Valuation ($B)": a cell of 157 is $157 billion)."""
    money = _MONEY_IN.match(phrase)
    if money:
        scale = money.group("scale") or money.group("scale2")
        return ("USD", _SCALES.get(scale, 1.0)) if q.unit == "count" else (None, 1.0)
    if phrase == "%":
        return ("percent" if q.unit == "count" else None), 1.0
    found = find_quantities(f"{q.surface} {phrase}")
    if not found or found[0].start > 0 or found[0].unit in (q.unit, "count"):
        return None, 1.0
    unit = found[0].unit
    if q.unit == "USD" and not unit.startswith("USD"):
        return None, 1.0  # a price column says what the money is per, not what else it is
    return unit, 1.0
