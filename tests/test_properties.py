"""Promises every mention keeps, on text nobody wrote by hand.

Transcripts are garbled in ways no list of examples foresees: numbers glued to Chinese
magnitudes, tabs inside amounts, units in odd case, hedges with nothing after them. hypothesis
builds such lines from the pieces the extractor reacts to, and each mention must still point
at its own text, keep low <= value <= high, carry a unit of the registry and a topic and
qualifier from the fixed lists; and no input may raise.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import extract_text
from extract.schema import QUALIFIERS, TOPICS
from extract.units import parse_unit

PIECES = [
    "GPU", "GPUs", "$", "\\$", "billion", "million", "k", "%", "about", "over", "up to", "per", "hour",
    "a", "year", "of them", "x", "GW", "gw", "tokens", "per parameter", "2024", "[00:19]",
    "Dylan Patel:", "or", "to", "-", "/", "between", "and", "1.5", "3", "300", "600k", "09", "9-5",
    "one", "twenty", "half", "seven figures", "context window", "the", "is", "are", "has", "servers",
    "72", "eight", "1e29", "FLOPs", "north of", "nine months to a year", "what,", "I don't know,",
    "past", "passed", "within", "Max", "GPT-4.5", "H100", "\t", "\n", "亿美元", "万块", "GPU。", "五",
    "十几", "左右", "以上", "每小时", "百分之", "倍", "年", "六", "9", "25.", "七亿",
    "point", "seven", "and a quarter", "plus or minus", "±", "basis points", "half a point", "single digits",
    "high", "teens", "several", "hundred", "times ten to the", "twenty-five", "K", "kw", "of gpus",
    "a gigawatt", "| x |", "|---|", "call it", "Orbit", "rack", "ranging from", "three fifty", "bucks",
    "颗", "千瓦", "每月", "美分", "元", "两位", "约",
    "h", "B", "NVL", "seventy", "twos", "hundreds", "eighteen", "an hour", "sorry,", "no,", "forty",
    "3:1", "quarters", "half a", "base", "per share", "70B", "128K", "($ in millions)", "on demand",
]
SEPARATORS = ["", " ", " ", " ", "\t", ","]
LINES = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda pairs: "".join(piece + separator for piece, separator in pairs))
NOISE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120)


def _check(text: str) -> None:
    lines = text.split("\n")
    for m in extract_text(text, "generated.txt"):
        assert lines[m.line - 1][m.char_start:m.char_end] == m.surface, m
        bounds = [b for b in (m.low, m.value, m.high) if b is not None]
        assert bounds == sorted(bounds), m
        parse_unit(m.unit)
        assert m.qualifier in QUALIFIERS and m.topic in TOPICS, m


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_mentions_keep_their_promises_on_generated_lines(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LINES, NOISE), max_size=4).map("".join))
def test_mentions_keep_their_promises_on_noise(text: str) -> None:
    _check(text)
