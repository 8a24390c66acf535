"""From a parsed document to its mention rows: quantities, their context and provenance."""

from __future__ import annotations

import hashlib
import math
import re

from extract.chinese import find_chinese_quantities, has_cjk
from extract.context import describe, entities_in
from extract.documents import Document, Line, source_url_at
from extract.quantities import (
    Quantity,
    declared_rate,
    find_quantities,
    is_price_rate,
    rate_continued_on,
    shares_rate,
    unit_continued_on,
    unit_from_nearby_lines,
)
from extract.schema import Mention
from extract.tables import (
    apply_header_units,
    apply_money_scale,
    caption_unit,
    cell_of,
    header_names,
    header_units,
    is_separator,
    is_table_row,
    money_scale,
)
from extract.units import dimension_name, to_base

# A count that does not name what it counts: "72", "like 72", "eight of them".
_IMPLICIT_COUNT = re.compile(
    r"^(?:(?:like|about|around|roughly|maybe|some|over|under|nearly|almost)\s+)?[\d.,]+$"
    r"|\bof\s+(?:them|those|these|us)$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"\s*(?:[-*•·–]|\d{1,3}[.)])\s")
ENTITY_MEMORY_LINES = 2
RATE_MEMORY_LINES = 3  # lines with text after "$8 an hour" in which a bare "$1.90" is hourly too  # lines with text for which an organisation stays "the one we talk about"
_HEADING = re.compile(r"^\s*(?:#{1,6}\s+.+|[A-Z][^.!?:;,]{2,80})\s*$")


def is_heading(text: str) -> bool:
    """A section title ("## Export controls", "Meta's Llama 4 and Behemoth Delays"): short,
    capitalised, without sentence punctuation; it sets the topic of what follows."""
    return bool(_HEADING.match(text)) and len(text.split()) <= 12


def mention_id(doc: str, line: int, start: int, surface: str) -> str:
    """A stable id: the same text at the same place gets the same id on every run."""
    key = f"{doc}\x1f{line}\x1f{start}\x1f{surface}".encode()
    return hashlib.blake2b(key, digest_size=8).hexdigest()


def mentions_in_document(doc: Document) -> list[Mention]:
    """Every quantitative mention of the document, in reading order."""
    mentions: list[Mention] = []
    heading = ""
    since_heading = 0  # English lines with text since the heading
    previous: list[Mention] = []  # the mentions of the last non-empty line
    rate: Quantity | None = None  # the last price per hour or token, and English lines since it
    since_rate = 0
    header: list[str] = []  # the unit phrases of the columns of the table being read
    columns: list[str] = []  # ... and their names
    above = ""  # the last line that is no table row: a table's caption ("Exhibit 1: Capex (USD bn)")
    caption = ""  # ... and the unit it names, read when a table starts below it
    scale = 1.0  # the factor a plain-text table's caption gives its dollars, up to a blank line
    for index, line in enumerate(doc.lines):
        text = line.text
        if not text.strip():
            scale = 1.0
            continue
        if line.metadata:
            continue
        if is_table_row(text) and index + 1 < len(doc.lines) and is_separator(doc.lines[index + 1].text):
            header, columns, caption = header_units(text), header_names(text), caption_unit(above)
        elif not is_table_row(text) and not is_separator(text):
            header, columns, above = [], [], text
        lang = "zh" if has_cjk(text) else "en"
        if is_heading(text):
            heading, since_heading, rate = text.strip("# "), 0, None
        elif lang == "en":
            since_heading += 1
            since_rate += 1
        quantities = find_chinese_quantities(text) if lang == "zh" else find_quantities(text)
        if scale != 1.0 and not header:
            apply_money_scale(quantities, scale)
        caption_scale = money_scale(text) if lang == "en" and not header else 1.0
        if caption_scale != 1.0:  # a caption "($ in millions)" scales the rows below it
            scale = caption_scale
        first = len(mentions)
        if not quantities:
            previous = []
            declared = declared_rate(text) if lang == "en" else None
            if declared:
                rate, since_rate = declared, 0
            continue
        if header:
            apply_header_units(quantities, text, header, caption)
        before = _preceding_text(doc.lines, index) if lang == "en" else ""
        if lang == "en":
            _read_units_across_lines(quantities, text, doc.lines, index, before)
        if lang == "en":
            for q in quantities:
                if rate and since_rate <= RATE_MEMORY_LINES and shares_rate(q, rate):
                    q.unit = rate.unit  # "like eight dollars an hour" ... "now a dollar ninety"
                if is_price_rate(q):
                    rate, since_rate = q, 0
        recent = _recent_entity(doc.lines, index)
        for q in quantities:
            context = describe(q, text, recent, heading, since_heading, before)
            if columns:
                context.topic = _cell_topic(q, text, columns, context.topic)
            base_value, base_unit = to_base(q.value, q.unit)
            mentions.append(Mention(
                mention_id=mention_id(doc.name, line.number, q.start, q.surface),
                doc=doc.name, line=line.number, char_start=q.start, char_end=q.end,
                surface=q.surface, value=q.value, low=q.low, high=q.high, unit=q.unit,
                qualifier=q.qualifier, base_value=base_value, base_unit=base_unit,
                dimension=dimension_name(q.unit), subject=context.subject,
                entity=context.entity, topic=context.topic, speaker=line.speaker,
                timestamp=line.timestamp, source_url=source_url_at(doc.source_url, line.timestamp),
                quote=context.quote, lang=lang,
            ))
        if lang == "zh":
            _name_counted_things(previous, mentions[first:])
            _follow_the_original(previous, mentions[first:])
        previous = mentions[first:]
    return mentions


def _cell_topic(q: Quantity, row: str, columns: list[str], topic: str) -> str:
    """A table cell is about what its column is about: "400k" under "Context" speaks of
    models whatever the prices beside it; the row as a whole decides when the column says nothing."""
    cell = cell_of(q, row)
    if cell is None or cell[0] >= len(columns) or not columns[cell[0]]:
        return topic
    column, start, end = cell
    text = row[start:end].rstrip()
    own = Quantity(q.start - start, q.end - start, q.surface, q.value, q.low, q.high, q.unit, q.qualifier)
    alone = describe(own, f"{text} {columns[column]}").topic  # read as "400k Context"
    return alone if alone != "other" else topic


def _name_counted_things(english: list[Mention], translation: list[Mention]) -> None:
    """Between a line and its translation, the one that names what is counted names it for
    both: "72 of them" followed by "72 颗 GPU" counts GPUs, and "约有100万颗" (about a
    million pieces) under "a million H20 GPUs" counts GPUs too."""
    for zh in translation:
        if not zh.dimension.startswith("count of "):
            continue
        for en in english:
            if en.lang != "en" or en.value != zh.value or en.unit == zh.unit:
                continue
            if bool(_IMPLICIT_COUNT.search(en.surface)) and (
                    en.unit == "count" or en.dimension.startswith("count of ")):
                _set_unit(en, zh.unit)
            elif _MEASURE_WORD_ONLY.search(zh.surface) and en.dimension.startswith("count of "):
                _set_unit(zh, en.unit)


def _set_unit(m: Mention, unit: str) -> None:
    m.unit, m.dimension = unit, dimension_name(unit)
    m.base_value, m.base_unit = to_base(m.value, m.unit)


_MEASURE_WORD_ONLY = re.compile(r"[个块张颗台位名家座款片次种](?:左右|上下|以上|以下|多|余)?$")


def _follow_the_original(english: list[Mention], translation: list[Mention]) -> None:
    """A translated line is about what its original is about: a Chinese mention takes the topic,
    subject and entity of the English mention of the same amount, read from English words the
    topic keywords know; with none the same, the topic the English line speaks of most."""
    english = [en for en in english if en.lang == "en"]
    if not english:
        return
    for zh in translation:
        same = next((en for en in english if _same_amount(en, zh)), None)
        if same:
            zh.topic, zh.subject = same.topic, same.subject
            zh.entity = same.entity or zh.entity
        else:
            topics = [en.topic for en in english]
            zh.topic = max(topics, key=topics.count)


def _same_amount(a: Mention, b: Mention) -> bool:
    if a.base_value is None or b.base_value is None:
        return False
    return a.base_unit == b.base_unit and math.isclose(a.base_value, b.base_value, rel_tol=0.01)


def _read_units_across_lines(quantities: list[Quantity], text: str, lines: list[Line], index: int,
                             before: str) -> None:
    """Bare counts read with the lines around them: the next line may open with the noun
    ("done with 100" / "GPUs."), and the text around may say what is counted or that it is money."""
    after = next((line.text for line in lines[index + 1:index + 4] if line.text.strip()), "")
    after = "" if has_cjk(after) else after
    if after:
        last = quantities[-1]
        last.unit = unit_continued_on(text, last, after) or rate_continued_on(text, last, after) or last.unit
    for q in quantities:
        q.unit = unit_from_nearby_lines(q, text, before, after[:PRECEDING_CHARS]) or q.unit


def _preceding_text(lines: list[Line], index: int) -> str:
    """The end of the English text just before this line, within the same list item or story:
    a transcript cut into short timestamped lines continues its sentence on the next line."""
    if _LIST_ITEM.match(lines[index].text):
        return ""
    parts: list[str] = []
    size = 0
    for line in reversed(lines[max(0, index - 8):index]):
        text = line.text.strip()
        if not text or has_cjk(text):
            continue
        if is_heading(text) or _LIST_ITEM.match(line.text):
            break
        parts.append(text)
        size += len(text) + 1
        if size >= PRECEDING_CHARS:
            break
    return " ".join(reversed(parts))[-PRECEDING_CHARS:]


PRECEDING_CHARS = 200  # as far back as a neighbouring sentence in the same line may speak


def _recent_entity(lines: list[Line], index: int) -> str:
    """The organisation last named in the few English lines with text before this one (blank
    lines and translations do not count, so a story keeps its subject across paragraphs)."""
    if _LIST_ITEM.match(lines[index].text):
        return ""  # an item of a list of notes or news is a fact of its own
    seen = 0
    for line in reversed(lines[max(0, index - 4 * ENTITY_MEMORY_LINES):index]):
        if not line.text.strip() or has_cjk(line.text):
            continue
        named = entities_in(line.text)
        if named:
            return named[-1][1]
        seen += 1
        if seen == ENTITY_MEMORY_LINES:
            break
    return ""
