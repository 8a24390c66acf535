"""The mention record: one row of the facts table, and the column order every writer keeps."""

from __future__ import annotations

from dataclasses import dataclass, fields

QUALIFIERS = ("exact", "approx", "more_than", "less_than", "at_least", "at_most", "up_to")

TOPICS = (
    "pricing", "hardware", "clusters", "energy", "scaling", "models",
    "benchmarks", "finance", "talent", "geopolitics", "society", "other",
)


@dataclass
class Mention:
    """One quantitative claim as it was said at one place in one document."""

    mention_id: str
    doc: str
    line: int
    char_start: int  # offset in the line, 0-based
    char_end: int
    surface: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    qualifier: str
    base_value: float | None
    base_unit: str
    dimension: str
    subject: str
    entity: str
    topic: str
    speaker: str
    timestamp: str
    source_url: str
    quote: str
    lang: str = "en"


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Mention))
NUMERIC_COLUMNS = ("line", "char_start", "char_end", "value", "low", "high", "base_value")
