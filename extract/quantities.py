"""Quantities in a line of English: a number with its unit, range and qualifier.

The path: mask what only looks numeric (timestamps, dates, URLs, model names, episode and list
numbers), find numbers (numbers.py), read the unit and qualifier around each, drop what is not a
claim (years, bare spelled-out words, the pronoun "one"), then join ranges and alternatives
("300-600k GPUs", "49 or 51%", "nine months to a year") into one quantity.
All matching is anchored at known offsets, so a line costs time linear in its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from extract.lexicon import (
    COUNT_NOUN_PHRASES,
    FUNCTION_WORDS,
    MODIFIER_WORDS,
    MONEY_WORDS,
    NOT_NOUNS,
    SINGULAR_COUNT_NOUNS,
    UNIT_WORDS,
)
from extract.numbers import UNITS_WORDS, Number, find_numbers, may_hold_number, trie_regex, words_value
from extract.units import count_unit, currency_unit, is_unit, ureg

QUALIFIERS_BEFORE = (
    ("at_least", r"at\s+least|a\s+minimum\s+of|minimum\s+of|no\s+(?:less|fewer)\s+than|as\s+low\s+as"),
    ("up_to", r"up\s+to"),
    ("at_most", (r"at\s+most|a\s+maximum\s+of|no\s+more\s+than|as\s+(?:much|many|high)\s+as"
                 r"|capped\s+at|max(?:imum)?\s+of")),
    ("within", r"within"),  # a bound of time, distance or share only: not "within a $1T company"
    ("more_than", (r"over|more\s+than|north\s+of|above|upwards?\s+of|in\s+excess\s+of|greater\s+than"
                   r"|exceeding|beyond|well\s+over|well\s+above|excess\s+of|(?<!the\s)past|passed"
                   r"|surpassed|topped|exceeded|>")),
    ("less_than", r"under|less\s+than|below|fewer\s+than|south\s+of|shy\s+of|short\s+of|sub-|<"),
    ("approx", (r"about|around|roughly|approximately|approx\.?|~|circa|ca\.|nearly|almost"
                r"|close\s+to|near|some|an\s+estimated|estimated|like|on\s+the\s+order\s+of|order\s+of"
                r"|maybe|probably|perhaps|somewhere\s+around|ballpark|give\s+or\s+take|≈|call\s+it"
                r"|in\s+the\s+(?:neighbou?rhood|ballpark|vicinity|region)\s+of|on\s+the\s+order\s+of"
                r"|i\s+don['’]?t\s+know,|what,|let['’]?s\s+say")),  # spoken hedges
)
_QUALIFIER_BEFORE_RE = re.compile(
    r"(?:^|(?<=[\s(\"'—–-]))(?:" + "|".join(f"(?P<{k}>{p})" for k, p in QUALIFIERS_BEFORE)
    + r")[\s,]*(?:(?:like|even|it['’]?s|that['’]?s)\s+)?$",  # "roughly it's 20", "less than even 50"
    re.IGNORECASE,
)
_QUALIFIER_AFTER_RE = re.compile(
    r"(?P<approx>\s*(?:or\s+so\b|-?ish|or\s+thereabouts|give\s+or\s+take|or\s+something\b))"
    r"|(?P<more_than>\s*(?:\+(?!/-)|plus\b(?!\s+or\s+minus)(?!\s+(?:equity|stock|options?|bonus(?:es)?|benefits"
    r"|tax(?:es)?|fees?|interest|the|an?|another|other|[$€£\d]))|or\s+more|and\s+up|and\s+above))"  # not "$400K plus equity"
    r"|(?P<at_most>\s*(?:or\s+less|or\s+fewer|at\s+most|(?-i:max)\b|tops\b))",
    re.IGNORECASE,
)

_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?P<code>US|HK|A|AU|C|CA|NZ|S|SG|R|NT)\s?\\?\$|\\?\$\s?(?P<code2>US|A|AU|C|NZ|HK|S)?\s?|\bUSD\s?"
    r"|(?P<symbol>€|£|¥|₹|₩)|\b(?P<word>EUR|GBP|JPY|CNY|RMB|INR|AUD|CAD|NZD|SGD|HKD|Rs\.?|RM|PS)\s?)$")
_CURRENCY_CODES = {"€": "EUR", "£": "GBP", "PS": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW",
                   "HK": "HKD", "A": "AUD", "AU": "AUD", "C": "CAD", "CA": "CAD", "NZ": "NZD",
                   "S": "SGD", "SG": "SGD", "R": "BRL", "NT": "TWD", "RMB": "CNY", "Rs": "INR",
                   "Rs.": "INR", "RM": "MYR"}
_CURRENCY_AFTER = re.compile(
    r"(?:\s*|-)(?:(?P<country>US|U\.S\.|American|Australian|Canadian|Hong\s+Kong|Singapore|New\s+Zealand"
    r"|Taiwan)\s+)?(?:dollars?|bucks|USD|usd)\b|\s*(?P<other>euros?|EUR|yuan|renminbi|RMB|yen|rupees"
    r"|pounds\s+sterling|GBP|won)\b")
_CURRENCY_WORDS = {"Australian": "AUD", "Canadian": "CAD", "Hong Kong": "HKD", "Singapore": "SGD",
                   "New Zealand": "NZD", "Taiwan": "TWD", "euro": "EUR", "euros": "EUR",
                   "yuan": "CNY", "renminbi": "CNY", "RMB": "CNY", "yen": "JPY", "rupees": "INR",
                   "pounds sterling": "GBP", "won": "KRW"}


def _currency_after(m: re.Match) -> str:
    word = re.sub(r"\s+", " ", m.group("country") or m.group("other") or "")
    return currency_unit(_CURRENCY_WORDS.get(word, word or "USD"))
_PER = r"(?:\s*(?:/|\ban?\b|\bper\b|\beach\b|\bevery\b)\s*|-per-)"  # "$20-per-month" too
_RATE_AFTER = re.compile(
    _PER + r"(?P<per>(?:(?:GPU|chip|node)[\s-])?(?:hours?|hrs?|h|months?|mo|years?|yrs?|annum|days?"
    r"|weeks?|minutes?|mins?|seconds?|sec|s)|(?:million|M|1M|mil)\s+(?:[a-z]+\s+)?tokens?"
    r"|(?:million|M|1M|mil)\s+(?:input|output)"
    r"|(?:kilo|mega|giga|tera)watt[\s-]hours?|[kMGT]Wh"
    r"|(?:thousand|k|1k|1K)\s+(?:[a-z]+\s+)?tokens?"
    r"|[A-Za-z]+)\b(?!\s+(?:ago|earlier|later|before|from\s+now|back(?!\s+(?:then|in|when|during|at)\b))\b)",
    # "a year ago" is no rate, but "$8 an hour back in 2023" is
    re.IGNORECASE,
)
_PERCENT_AFTER = re.compile(r"\s*(?:%|percent\b|per\s?cent\b|pct\b|percentage\s+points?\b)",
                            re.IGNORECASE)
_TIMES_AFTER = re.compile(r"(?:\s*[x×](?![A-Za-z0-9])|\s+times\b|-fold\b|\s+fold\b)")
_WORD_AFTER = re.compile(r"(?:\s+|-)(?P<word>[A-Za-z][A-Za-z0-9+.-]*[A-Za-z0-9+]|[A-Za-z])")
_WORD_ATTACHED = re.compile(r"(?P<word>[A-Za-z°%][A-Za-z/]*)")
_OF_PHRASE = re.compile(r"\s+of\s+(?:(?:the|these|those|their|our|its|his|her|all|them|us)\s+)?")
_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "millisecond"}

# Spans that look numeric but are not quantities; replaced by spaces before numbers are read.
_MONTH = (r"(?:(?i:jan(?:uary)?|feb(?:ruary)?|apr(?:il)?|june?|july?|aug(?:ust)?"
          r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)|Mar(?:ch)?|March|May)")
_ONES = "one|two|three|four|five|six|seven|eight|nine"
# "twenty twenty-four", "nineteen ninety", "twenty oh five": a year said aloud
_YEAR_IN_WORDS = (
    rf"\b(?i:nineteen|twenty)[\s-]+(?i:oh[\s-]+(?:{_ONES})|ten|eleven|twelve|thirteen|fourteen|fifteen"
    rf"|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    rf"(?:[\s-]+(?:{_ONES}))?)\b(?![\s-]+(?:{_ONES})\b)"
    r"(?!\s*(?i:%|percent|x\b|times|bucks|dollars|seconds?|minutes?|hours?|days?|weeks?|months?|years?"
    r"|GPUs?|people|billion|million|thousand|k\b|of\b))")
# Accelerator names: datacenter parts ("H100", "GB200", "MI300X") and consumer cards ("4090")
_DATACENTER_CHIP = r"(?:H|A|B|GB|L)\d{2,3}|MI\d{3}X?"
_CONSUMER_GPU = r"[2-5]0[6-9]0"
# Names that a version number follows ("GPT 4.5", "Section 230", "S&P 500"); a trie keeps the
# mask pattern cheap to try at every position.
PRODUCT_FAMILIES = """
GPT Llama LLaMA LLaMa Claude Gemini Gemma Grok Qwen Mistral Mixtral Phi DeepSeek Falcon OLMo
Sonnet Opus Haiku Kimi GLM ERNIE Ernie Hunyuan Doubao Sora Veo Imagen Midjourney DALL-E Diffusion
iPhone iPad Pixel Galaxy Windows Android iOS macOS Python Web Series Version version Gen gen
Generation generation NVL TPU Ironwood Trainium Inferentia Maia Ascend Blackwell Hopper Rubin Nova
Xeon EPYC Ryzen Snapdragon Tensor Nemotron Yi Jamba Section Article Chapter Part Episode episode
Figure Table Level level Tier tier ep. Ep. EP ep Ep Phase phase Stage stage Step Number number No. COVID Covid covid
Form Rule Title Class Mark Model PaperBench category Category game Game season Season grade Grade
route Route highway Highway room Room flight Flight gate Gate zone Zone type Type vol. Vol. issue
Issue S&P SP sp Fortune FTSE Nasdaq Russell ASX Stoxx STOXX Nikkei DAX CAC Dow ISO Apollo Boeing
Airbus F- MiG O o R V v gpt llama claude gemini grok qwen deepseek mistral gemma mi Speaker speaker SPEAKER
Colossus colossus Unit unit Session session Track Panel Hall Row Exhibit exhibit Lecture lecture
Question question Homework homework Assignment assignment Exercise exercise Quiz quiz sections Fig. fig. Chart chart Slide slide Appendix Annex Note Box
""".split()
_PRODUCT_FAMILY_RE = trie_regex(PRODUCT_FAMILIES) + r"|S\s?P"
_MASK_RE = re.compile(
    r"https?://\S+|www\.\S+|\b[\w.-]+\.(?:com|org|net|io|ai|fm|co|tv|dev|app|me|gg|so|xyz|txt|md|pdf|html?)\b(?:/\S*)?"
    r"|\(?\[?\b\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:\s?[ap]\.?m\.?\b)?\]?\)?"
    r"|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b(?:19|20)\d\d[-–/]\d\d\b"
    r"|\b\d{1,4}\s(?:Max|Pro|Ultra|Mini|Plus|MAX)\b"
    rf"|\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:\s?[-–]\s?\d{{1,2}}\b)?(?:,?\s+\d{{4}})?"
    rf"|\b(?:\d{{1,2}}\s?[-–]\s?)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:,?\s+\d{{4}})?"
    rf"|\b{_MONTH}\s+\d{{4}}\b"
    r"|#\d+|\bQ[1-4]\b|\b[1-4]Q\b|\bH[12]\b(?=\s+(?:of\s+)?\d{4}|\s+\d{2}\b)"
    r"|\b\d+(?:st|nd|rd|th)\b|\b\d{1,2}(?:\.\d{2})?\s?[ap]\.?m\b\.?"
    rf"|(?<![\w$])(?:{_PRODUCT_FAMILY_RE})[\s-]?v?(?:\d+(?:\.\d+)*[A-Za-z]?\b"
    r"(?:[\s-]\d+(?:\.\d+)?[A-Za-z]?\b(?![.,]?\d|\s*(?:%|percent\b|x\b|times\b)))?"  # not "Sonnet 4.5 77.2%"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b(?:\s+point\s+\w+)?)"
    r"|^\s*(?:[-*•]\s+)?(?:\d{1,2}|[a-z])[.)](?=\s)|^#+\s*\d+(?:\.\d+)*"
    r"|\b(?i:early|mid|late|since|spring|summer|fall|autumn|winter)[\s-]+'?\d{2}\b"
    r"(?![.,]?\d|\s*(?:%|percent|x\b|times|hours?\b|days?\b|weeks?\b|months?\b|years?\b"
    r"|GPUs?\b|people\b|billion|million|thousand|k\b))"
    r"|'\d{2}\b|\b(?i:covid)\s?-\s?19\b"
    r"|\b(?:A\.D\.|AD|B\.C\.|BCE?|CE)\s?\d{1,4}\b(?:\s+and\s+\d{1,4}\b)?|\b\d{1,4}\s?(?:A\.D\.|B\.C\.|BCE?)(?![A-Za-z])"
    r"|\b(?:first|second|back|latter)\s+half\b(?:\s+of\s+(?:the\s+year|'?\d{2}\b|\d{4}\b))?"
    r"|(?<![\d.,$])\b0\d{1,3}\b(?![.,]\d)"  # "03", "007": an id or a garbled name, never an amount
    r"|\[\^?\d{1,3}\]"  # footnote marks: "a new low [1]"
    r"|\b\d{1,2}-[A-Z]\b(?!-)"  # filings and forms: "the 10-Q", "an 8-K"
    r"|\b(?i:twenty[\s-]four[\s-]seven)\b"  # always open
    r"|\b(?i:three[\s-]mile[\s-]island)\b"  # the nuclear plant
    r"|\b[A-Z]\+\d\b"  # process nodes: "SMIC's N+2"
    r"|\b(?:RTX|GTX|rtx|gtx)\s?\d{4}(?:\s?Ti)?\b"  # consumer GPUs: "RTX 4090"
    r"|\b[Pp]roblem\s+[Ss]ets?\s+\d+\b"  # coursework: "Problem set 2"
    r"|:[a-z0-9_+-]{1,30}:\s*\d+"  # a chat message's reactions: ":+1: 3"
    r"|\(\s*(?:(?:US)?\$|USD)?\s*in\s+(?:(?:US)?\$|USD)?\s*(?:thousands|millions|billions)\b[^()]*\)"  # "($ in millions)"
    rf"|(?={_CONSUMER_GPU})(?:(?<=\b[Tt]he\s)|(?<=\b[Aa]\s)|(?<=[Dd]ual\s)|(?<=[Uu]sed\s)|(?<=multi-))"
    rf"{_CONSUMER_GPU}(?:\s?Ti|s)?\b"
    rf"|\b{_CONSUMER_GPU}(?=s?\s+(?:rigs?|cards?|owners?|builds?|boxes|Ti)\b)"  # "a used 3090", "multi-5090 rigs"
    r"|\bmore\s+(?:comments|replies)\s*\(\d+\s+(?:replies|comments|children)\)|\b\d+\s+more\s+(?:replies|comments)\b"
    r"|(?=\+\d)(?<![\w$])\+\d{1,3}(?:[\s.-]\(?\d{2,4}\)?){2,4}(?![\w.,%])"  # phone numbers: "+1 212 555 0143"
    r"|\b(?i:arxiv|doi|isbn|issn|pmid):\s?\S+"  # ids of papers and books: "arXiv:2412.19437"
    rf"|{_YEAR_IN_WORDS}",
    re.MULTILINE,
)


@dataclass
class Quantity:
    """A quantity in one line: span, value in the stated unit, range bounds, unit, qualifier."""

    start: int
    end: int
    surface: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    qualifier: str = "exact"


@dataclass
class _Candidate:
    number: Number
    start: int
    end: int
    unit: str | None = None
    qualifier: str = "exact"
    currency_before: bool = False
    unit_is_rate: bool = False
    carried: str | None = None  # the unit of the quantity a bare number continues ("700 watts ... like 1,400")
    guessed: bool = False  # the unit is a default for a bare number: dollars for billions, a plain count


_NUMBER_ALONE = re.compile(r"\s*[#(\[]?\d+[.)\]]?\s*")
MASK_WINDOW = 60  # characters around a number in which a date, URL or name may hide it


def non_quantity_spans(text: str, numbers: list[Number]) -> list[tuple[int, int]]:
    """Spans of timestamps, dates, URLs, model names and list numbers that touch a number.

    The mask pattern is long, so it is only tried in a window around each number found, from
    the start of the word the window begins in (a URL or a date is one word)."""
    spans: list[tuple[int, int]] = []
    searched = 0
    for n in numbers:
        if n.end <= searched:
            continue
        lo = text.rfind(" ", 0, max(0, n.start - MASK_WINDOW)) + 1
        hi = min(len(text), n.end + MASK_WINDOW)
        spans.extend(m.span() for m in _MASK_RE.finditer(text, lo, hi) if m.end() > m.start())
        searched = hi
    return spans + _label_spans(text)


_LETTER_LABEL = re.compile(r"(?<![\w$.])(\d{1,4})([A-Z])\b")
_MAGNITUDE_LETTERS = set("KMBT")


def _label_spans(text: str) -> list[tuple[int, int]]:
    """ "Tier 1A, 1B, 1C", "Phase 2A and 2B": a number with a capital letter is a label when the
    same number comes with another letter that is no magnitude, so "1B" there is no billion."""
    letters: dict[str, set[str]] = {}
    found = list(_LETTER_LABEL.finditer(text))
    for m in found:
        letters.setdefault(m[1], set()).add(m[2])
    return [m.span() for m in found
            if len(letters[m[1]]) > 1 and letters[m[1]] - _MAGNITUDE_LETTERS]


def _outside(numbers: list[Number], spans: list[tuple[int, int]]) -> list[Number]:
    """The numbers that overlap none of the (sorted) spans, in one pass over both."""
    kept, i = [], 0
    for n in numbers:
        while i < len(spans) and spans[i][1] <= n.start:
            i += 1
        j, hit = i, False
        while j < len(spans) and spans[j][0] < n.end:
            if spans[j][1] > n.start:
                hit = True
                break
            j += 1
        if not hit:
            kept.append(n)
    return kept


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    parts, last = [], 0
    for start, end in sorted(spans):
        start = max(start, last)
        if end <= start:
            continue
        parts += [text[last:start], " " * (end - start)]
        last = end
    parts.append(text[last:])
    return "".join(parts)


_SPOKEN_CHIP = re.compile(
    r"\b(?P<maker>[Hh]|B|GB|gb|MI|mi|NVL|nvl)[\s-]+(?P<number>(?:one|two|three|four|five)\s+hundred(?:\s+and)?"
    r"(?:[\s-]+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|ten|[a-z]+teen)(?:[\s-]+[a-z]+)?)?"
    r"|(?:seventy|thirty|one\s+forty)[\s-]+(?:two|six|four))(?P<plural>s)?\b(?!\s+(?:million|billion|thousand)\b)")


def _chip_names_in_digits(text: str) -> str:
    """Speech recognition spells chip names out ("h one hundreds", "the GB two hundred racks",
    "NVL seventy twos"). Written back in digits, right-aligned in their span so every offset
    holds, they read as names ("4,096 B200s" counts GPUs), not as counts of racks."""
    def digits(m: re.Match) -> str:
        value = words_value(m.group("number"))
        if value is None:
            return m.group()
        name = f"{m.group('maker').upper()}{value:g}{m.group('plural') or ''}"
        return name.rjust(len(m.group()))
    return _SPOKEN_CHIP.sub(digits, text)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantitative claim in one line of English, left to right."""
    if not may_hold_number(text) or _NUMBER_ALONE.fullmatch(text):
        return []  # a line that is only a number is a cue, page or list number
    original, text = text, _chip_names_in_digits(text)
    numbers = find_numbers(text)
    spans = non_quantity_spans(text, numbers)
    masked = _blank(text, spans) if spans else text
    if spans:
        numbers = _outside(numbers, sorted(spans))
    candidates: list[_Candidate] = []
    for n in numbers:
        if candidates and n.start < candidates[-1].end:
            continue  # "per million tokens" already belongs to "$2"
        candidates.append(_read_around(n, masked))
    candidates = _join_tolerances(_join_ranges(candidates, masked), masked)
    candidates = _drop_tallies(_join_dimensions(candidates, masked), masked)
    _carry_magnitudes(candidates, masked)
    _share_units_in_lists(candidates, masked)
    _carry_spoken_units(candidates, masked)
    _carry_rates(candidates)
    header = _HEDGED_LIST.search(masked)
    if header:  # "money split (very rough): 80% gpus, 10% power": every share is an estimate
        stop = _SENTENCE_BREAK.search(masked, header.end())
        for c in candidates:
            if header.end() <= c.start < (stop.start() if stop else len(masked)) and c.qualifier == "exact":
                c.qualifier = "approx"
    claims = [c for c in candidates if _is_claim(c, masked)]
    _carry_corrected_units(claims, masked)
    _carry_money_magnitudes(claims, masked)
    _rental_prices_per_hour(claims, masked)
    return [_to_quantity(c, original) for c in claims]


_SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-Z])")
_HEDGED_LIST = re.compile(
    r"\((?:very\s+|super\s+)?(?:rough(?:ly)?|approx(?:\.|imate(?:ly)?)?|estimated?|ballpark|guesstimate)\)\s*:"
    r"|\b(?:roughly|approximately|approx\.?|estimated?|ballpark)\s*:", re.IGNORECASE)


_PLUS_OR_MINUS = re.compile(r",?\s*(?:plus\s+or\s+minus|\+/-|±)\s*", re.IGNORECASE)
_POINTS_AFTER = re.compile(r"\s+(?:an?\s+)?(?:percentage\s+)?points?\b", re.IGNORECASE)


def _join_tolerances(cands: list[_Candidate], text: str) -> list[_Candidate]:
    """"$44 billion plus or minus 2%", "72.5%, plus or minus 50 basis points", "±0.5": a
    guided figure with its tolerance is one estimate, the range it allows."""
    out: list[_Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev is None or prev.number.is_range or not _PLUS_OR_MINUS.fullmatch(_said_between(prev, c, text)):
            out.append(c)
            continue
        tolerance, end = _tolerance(prev, c, text)
        if tolerance is None:
            out.append(c)
            continue
        n = prev.number
        prev.number = Number(n.start, n.end, n.value, n.value - tolerance, n.value + tolerance, n.kind,
                             n.magnitude)
        prev.end = end
        if prev.qualifier == "exact":
            prev.qualifier = "approx"
    return out


def _said_between(a: _Candidate, b: _Candidate, text: str) -> str:
    """The words between two candidates, with the "minus" that a signed second number took."""
    gap = text[a.end:b.start]
    return gap + "minus" if text[b.start:b.start + 5].lower() == "minus" else gap


def _tolerance(a: _Candidate, b: _Candidate, text: str) -> tuple[float | None, int]:
    """How far either side of `a` the tolerance `b` reaches, in a's unit, and where it ends."""
    size = abs(b.number.value)
    points = _POINTS_AFTER.match(text, b.end) if b.unit in (None, "percent") else None
    if points:  # "plus or minus half a point": percentage points
        if b.number.kind == "fraction":
            size /= 100  # "half" was read as 50 percent
        if a.unit in (None, "percent"):
            a.unit = "percent"
            return size, points.end()
        return None, b.end
    if b.unit == "basis_point" and a.unit in (None, "percent"):
        a.unit = "percent"
        return size / 100, b.end
    if b.unit == "percent" and a.unit != "percent":
        return abs(a.number.value) * size / 100, b.end  # a share of the figure itself
    if b.unit is None or b.unit == a.unit:
        if b.number.magnitude == 1 and a.number.magnitude > 1:
            size *= a.number.magnitude  # "44 billion plus or minus 2"
        return size, b.end
    return None, b.end


_BY = re.compile(r"\s+by\s+|\s*[x×]\s*")


def _join_dimensions(cands: list[_Candidate], text: str) -> list[_Candidate]:
    """"a matrix that's 8,000 by 8,000 by 8,000": one size said per side is one quantity."""
    out: list[_Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev and prev.unit is None and c.unit is None and prev.number.value == c.number.value \
                and _BY.fullmatch(text, prev.end, c.start):
            prev.end = c.end
            continue
        out.append(c)
    return out


def _drop_tallies(cands: list[_Candidate], text: str) -> list[_Candidate]:
    """Drop "9-5", "24/7", "22-7", "2-2": two bare numbers joined by a hyphen or slash, the
    second no larger, are a schedule, a score or a garbled year, never a range of amounts."""
    tally: set[int] = set()
    for i, (a, b) in enumerate(pairwise(cands)):
        if a.unit is None and b.unit is None and a.number.kind == b.number.kind == "digits" \
                and text[a.end:b.start] in ("-", "/") and b.number.value <= a.number.value:
            tally.update((i, i + 1))
    return [c for i, c in enumerate(cands) if i not in tally] if tally else cands


def _read_around(n: Number, text: str) -> _Candidate:
    c = _Candidate(n, n.start, n.end)
    if n.kind == "price":  # "a dollar ninety an hour"
        c.unit = "USD"
        _read_rate(c, text, c.end)
        _read_qualifier(c, text)
        return c
    cur = _CURRENCY_BEFORE.search(text, max(0, n.start - 6), n.start)
    if cur:
        c.start = cur.start()
        c.currency_before = True
        mark = (cur.group("code") or cur.group("code2") or cur.group("symbol") or cur.group("word")
                or "USD")
        c.unit = currency_unit(_CURRENCY_CODES.get(mark, mark))
    if not c.unit and _read_figures(c, text):
        return c
    _read_unit_after(c, text)
    factor = None if c.unit else _RATIO_BEFORE.search(text, max(0, n.start - 20), n.start)
    if factor:  # "a factor of two", "a PUE of 1.2": a pure number
        c.unit = "dimensionless"
        if factor.group("factor"):
            c.start = factor.start()
    _read_qualifier(c, text)
    if n.kind in ("vague", "decade", "band") and c.qualifier == "exact":
        c.qualifier = "approx"
    return c


_RATIO_BEFORE = re.compile(r"(?P<factor>\b(?:a\s+)?factor\s+of\s+)$|\b(?:pue|ratio|multiple|multiplier)\s+"
                           r"(?:of\s+|is\s+|was\s+)?(?:about\s+|around\s+|like\s+|roughly\s+)?$", re.IGNORECASE)
_FIGURES = re.compile(r"[\s-]figures?\b(?!\s+of\b)", re.IGNORECASE)


def _read_figures(c: _Candidate, text: str) -> bool:
    """"seven figures", "an 8-figure deal": money with that many digits, 1e6 to 1e7 for seven."""
    n = c.number
    m = _FIGURES.match(text, c.end)
    if not m or n.is_range or n.magnitude != 1 or not 3 <= n.value <= 15 or not float(n.value).is_integer():
        return False
    low, high = 10 ** (n.value - 1), 10 ** n.value
    c.number = Number(n.start, n.end, (low + high) / 2, low, high, "vague", 1.0)
    c.unit, c.end, c.qualifier = "USD", m.end(), "approx"
    _read_rate(c, text, c.end)  # "8 figures every year"
    return True


_TIMES_CHIP = re.compile(rf"\s?[x×]\s?(?:{_DATACENTER_CHIP}|(?:RTX\s?)?{_CONSUMER_GPU})\b")
_TO_ONE = re.compile(r":1\b(?![\d.:])")  # "a 3:1 input:output mix": a ratio, three to one


def _read_unit_after(c: _Candidate, text: str) -> None:
    pos = c.end
    to_one = _TO_ONE.match(text, pos) if c.number.kind == "digits" and not c.unit else None
    if to_one:
        c.unit, c.end = "dimensionless", to_one.end()
        return
    if text.startswith("+", pos) and not c.unit:  # "5+ gigawatts", "60+%"
        c.qualifier, pos = "more_than", pos + 1
        c.end = pos
    if c.unit:  # $6 ... an hour / per million tokens
        m = _CURRENCY_AFTER.match(text, pos)
        if m:
            pos = m.end()
        _read_rate(c, text, pos)
        return
    m = _CURRENCY_AFTER.match(text, pos) or _CURRENCY_AFTER.match(text, _after_more(text, pos))
    if m and (m.group("other") != "won" or c.number.magnitude > 1):
        c.unit, c.end = _currency_after(m), m.end()
        _read_rate(c, text, c.end)
        return
    if c.number.kind == "fold":
        c.unit = "dimensionless"
        return
    m = _PERCENT_AFTER.match(text, pos)
    if m:
        c.unit, c.end = "percent", m.end()
        return
    m = _TIMES_CHIP.match(text, pos)
    if m and c.number.kind == "digits":  # "8xH100", "4x 4090": so many GPUs in a box
        c.unit, c.end = "GPU", m.end()
        return
    m = _TIMES_AFTER.match(text, pos)
    if m:
        c.unit, c.end = "dimensionless", m.end()
        return
    if c.number.kind == "fraction":
        whole = _UNIT_AND.search(text, max(0, c.start - 20), c.start)
        unit = UNIT_WORDS.get(whole.group("word").lower()) if whole else None
        if unit in _TIME_UNITS:  # "a year and a half": one and a half years
            n = c.number
            c.number = Number(whole.start(), n.end, 1 + n.value, 1 + n.low, 1 + n.high, "words")
            c.start, c.unit = whole.start(), unit
            return
        _read_fraction_unit(c, text)
        return
    of = _OF_PHRASE.match(text, pos) if c.number.kind in ("vague", "digits", "words") else None
    if of and c.number.kind == "vague":
        m = _CURRENCY_AFTER.match(text, of.end() - 1)
        if m:
            c.unit, c.end = _currency_after(m), m.end()
            _read_rate(c, text, c.end)  # "hundreds of millions of dollars per researcher"
            return
    _read_noun_unit(c, text, pos)


_SPENT_ON = re.compile(r"(?:gpus|chips|compute|capex|hardware|servers|equipment|infrastructure|revenue|sales"
                       r"|spend|spending|orders|debt|financing|funding|investment|contracts|deals|cash)\b",
                       re.IGNORECASE)
_UNIT_AND = re.compile(r"\b(?:a|an|one)\s+(?P<word>[A-Za-z]+)\s+and\s+$", re.IGNORECASE)
_MORE = re.compile(r"\s+(?:more|extra|additional|less|fewer)\b")


def _after_more(text: str, pos: int) -> int:
    """Past "more" in "50 more dollars", so the currency word after it is still read."""
    m = _MORE.match(text, pos)
    return m.end() if m else pos


def _read_rate(c: _Candidate, text: str, pos: int) -> None:
    m = _RATE_AFTER.match(text, pos)
    if not m:
        c.end = max(c.end, pos)
        value = c.number.value or 0
        io = _INPUT_OUTPUT_AFTER.match(text, pos) if value < TOKEN_PRICE_MOST else None
        base = _BASE_PAY_AFTER.match(text, pos) if value >= SALARY_LEAST else None
        if io:  # "55 cents input, $2.19 output"
            c.unit, c.end, c.unit_is_rate = f"{c.unit}/Mtoken", io.end(), True
        elif base:  # "$350 to $450K base": a yearly salary
            c.unit, c.end, c.unit_is_rate = f"{c.unit}/year", base.end(), True
        return
    unit = _per_unit(m.group("per"))  # case kept: "/M" is a million tokens, "/m" a metre
    if unit is None:
        c.end = max(c.end, pos)
        return
    c.end = m.end()
    then = _THEN_PER_TIME.match(text, c.end)
    if then and unit not in _TIME_UNITS:  # "$2 per GPU per hour" is an hourly price
        period = UNIT_WORDS[then.group("word").lower()]
        unit = f"{unit}/{period}" if _same_dimension(unit, "W") else period  # "$50 per kW per month"
        c.end = then.end()
    elif _same_dimension(unit, "W"):
        period = _POWER_PERIOD.match(text, c.end)
        if period:  # "$329.17/MW-day", "eighteen fifty a kW month": capacity priced per period
            unit, c.end = f"{unit}/{period.group('word').lower()}", period.end()
    elif unit in PRICED_ONE_BY_ONE and c.unit in _MONEY_UNITS:
        return  # "$38,000 a GPU" is what one GPU costs: dollars
    c.unit = f"{c.unit}/{unit}"
    c.unit_is_rate = True


def _per_unit(per: str) -> str | None:
    """The unit after "per"/"an"/"/": a time, "million tokens", a counted thing, a physical unit."""
    if per in ("M", "MTok", "Mtok", "mtok", "MTOK", "1M"):
        return "Mtoken"  # "$10/M" in a price list is per million tokens
    if per.lower() in ("share", "diluted share"):
        return count_unit("share")  # "EPS of $2.69 per share"
    whole = UNIT_WORDS.get(per) or UNIT_WORDS.get(per.lower().replace(" ", "-"))
    if whole and whole not in ("dimensionless", "percent"):
        return whole  # "a megawatt-hour", "per kWh"
    words = per.replace("-", " ").split()
    if per.lower() in ("million", "mil"):
        return "Mtoken"  # "88 cents a million": in this trade, a price per million tokens
    if words[-1].lower() in ("token", "tokens", "input", "output"):  # "$60 per million output" (tokens)
        scale = {"million": "M", "m": "M", "1m": "M", "mil": "M", "thousand": "k", "k": "k",
                 "1k": "k"}.get(words[0].lower(), "")
        return f"{scale}token"
    word = words[-1]
    low = word.lower()
    unit = UNIT_WORDS.get(word) or UNIT_WORDS.get(low)
    if unit and unit not in ("dimensionless", "percent"):
        return unit
    short = {"s": "second", "mo": "month", "annum": "year"}
    if low in short:
        return short[low]
    noun = SINGULAR_COUNT_NOUNS.get(word) or SINGULAR_COUNT_NOUNS.get(low)
    return count_unit(noun) if noun else None


_INPUT_OUTPUT_AFTER = re.compile(r"\s+(?:input|output)\b(?:\s+tokens?\b)?", re.IGNORECASE)
TOKEN_PRICE_MOST = 1000  # a price said of input or output is per million tokens, below this
# things bought one at a time, whose price "per" one is the price of one
PRICED_ONE_BY_ONE = frozenset({"GPU", "chip", "card", "accelerator", "TPU", "wafer", "package", "die"})
_POWER_PERIOD = re.compile(r"[\s-](?P<word>day|month|year)\b", re.IGNORECASE)
_THEN_PER_TIME = re.compile(r"\s*(?:/|\ban?\b|\bper\b|\beach\b)\s*(?P<word>hours?|hr|h|months?|years?|days?|"
                            r"weeks?|minutes?|seconds?)\b", re.IGNORECASE)


_FRACTION_OF_UNIT = re.compile(r"\s+(?P<article>an?\s+)?(?P<word>[A-Za-z]+)")


def _read_fraction_unit(c: _Candidate, text: str) -> None:
    """"half of their profit" is a share (50 percent); "half an hour" is a duration."""
    m = _FRACTION_OF_UNIT.match(text, c.end)
    unit = UNIT_WORDS.get(m.group("word").lower()) if m else None
    if unit in _TIME_UNITS or (m and m.group("article") and unit in _CARRIED_UNITS and unit != "percent"):
        c.unit, c.end = unit, m.end()  # "half an hour", "half a gigawatt": 0.5 GW
        return
    surface = text[c.number.start:c.number.end].lower()
    if surface.endswith("quarters") and not surface.startswith(("a ", "an ", "one ")) and not _OF_AFTER.match(text, c.end):
        n = c.number  # "over the trailing four quarters", "two or three quarters": periods, not shares
        c.number = Number(n.start, n.end, n.value * 4, n.low * 4, n.high * 4, "words")
        c.unit = "fiscal_quarter"
        return
    c.unit = "percent"
    c.number = Number(c.number.start, c.number.end, c.number.value * 100, c.number.low * 100,
                      c.number.high * 100, "fraction")


def _read_noun_unit(c: _Candidate, text: str, pos: int) -> None:
    """Units and counted nouns after the number: "5 GW", "400 billion total parameters"."""
    m = _WORD_ATTACHED.match(text, pos)
    if m:
        unit = UNIT_WORDS.get(m.group("word")) or UNIT_WORDS.get(m.group("word").lower())
        if unit:
            c.unit, c.end = unit, m.end()
            _read_compound(c, text)
            return
    m = _CENTS.match(text, pos)
    if m:  # "50 cents per million output tokens": read in cents, written in dollars
        c.unit, c.end = "cent", m.end()
        _read_rate(c, text, c.end)
        return
    skipped = generic = 0
    scan = pos
    of = _OF_PHRASE.match(text, pos)
    spent = _SPENT_ON.match(text, of.end()) if of and c.number.magnitude >= 1e6 else None
    if spent:  # "35 billion of gpus", "10 billion of capex": money, said without the dollars
        c.unit, c.end = "USD", spent.end()
        return
    if of and c.number.kind in ("vague",) or (of and c.number.magnitude > 1):
        scan = of.end() - 1
    while skipped <= 3:
        m = _WORD_AFTER.match(text, scan)
        if not m:
            return
        word = m.group("word")
        low = word.lower()
        phrase = _phrase_at(text, m.start("word"))
        unit = None
        if generic == 0 or low not in UNIT_WORDS or UNIT_WORDS[low] not in _TIME_UNITS:
            unit = UNIT_WORDS.get(word) or UNIT_WORDS.get(low)
        if phrase:
            unit, end = phrase
            c.unit, c.end = unit, end
            _read_compound(c, text)
            return
        if unit and (generic == 0 or unit not in _TIME_UNITS):
            c.unit, c.end = unit, m.end()
            _read_compound(c, text)
            return
        suffixed = bool(_ATTACHED_SUFFIX.search(text, c.number.start, c.number.end))
        noun = _count_noun(word, c.number.value, suffixed)
        if low in ("point", "points") and _SHARES_SPOKEN_OF.search(text) and not _ELO.search(text):
            noun = "percent"  # "a 7 point jump" on a benchmark scored in percent: percentage points
        if noun and low not in SINGULAR_COUNT_NOUNS and skipped == 0 and _OBJECT_AFTER.match(text, m.end()) \
                and _DEFINITE_BEFORE.search(text, max(0, c.number.start - 8), c.number.start):
            noun = None  # "the 380 includes Meta": a figure said before, and a verb, no counted thing
        if noun is None and skipped == 0 and text[m.start()] == "-" and word.isalpha() and word.islower():
            noun = _hyphen_compound_unit(word)  # "four-cylinder", "a 5-person team"
        if noun:
            c.unit, c.end = noun, m.end()
            _read_compound(c, text)
            return
        if not _is_modifier(word, generic_left=2 - generic) or skipped == 3:
            return
        generic += low not in MODIFIER_WORDS
        skipped += 1
        scan = m.end()


def _phrase_at(text: str, pos: int) -> tuple[str, int] | None:
    for pattern, unit in COUNT_NOUN_PHRASES:
        m = pattern.match(text, pos)
        if m:
            return (unit if is_unit(unit) else count_unit(unit)), m.end()
    return None


CLUSTER_SIZE_LEAST = 1000
_ATTACHED_SUFFIX = re.compile(r"\d[A-Za-z]{1,2}$")


_SHARES_SPOKEN_OF = re.compile(r"%|\bpercent|\bscor(?:e|es|ed|ing)\b|\bbench(?:marks?)?\b|\baccuracy\b|\bmargins?\b"
                               r"|\bshare\b|\bpass@|\bgpqa\b|\bmmlu\b|\bevals?\b|\bleaderboard\b", re.IGNORECASE)
_ELO = re.compile(r"\belo\b", re.IGNORECASE)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|that|this)\s+$", re.IGNORECASE)
_OBJECT_AFTER = re.compile(r"\s+(?:the|most|its|their|our|his|her|them|it|us|me|you|much|[A-Z][a-z]+)\b")


def _count_noun(word: str, value: float, suffixed: bool = False) -> str | None:
    """The count unit `word` names after a number; `suffixed` when the number ends in a
    magnitude letter ("7B"), which before "models" is a size, not how many."""
    low = word.lower()
    if low in NOT_NOUNS or not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", word):
        return None
    if re.fullmatch(r"[A-Z]+\d+[A-Za-z]*s", word):  # H100s, MI300s: accelerators
        return count_unit("GPU")
    if low in ("cluster", "clusters") and value >= CLUSTER_SIZE_LEAST:
        return count_unit("GPU")  # "a 100k cluster": nobody has 100k clusters, they have GPUs
    if value >= 1e6 and (low == "model" or (low == "models" and suffixed)):
        return count_unit("parameter")  # "a 70B model", "1b models" are sized in parameters
    if low in SINGULAR_COUNT_NOUNS or word in SINGULAR_COUNT_NOUNS:
        return count_unit(SINGULAR_COUNT_NOUNS.get(word) or SINGULAR_COUNT_NOUNS[low])
    acronyms = len(word) >= 3 and word[:-1].isupper() and word[-1] == "s"  # "AIs", "LLMs"
    if acronyms or low.endswith("s") and len(low) > 3 and not low.endswith(("ss", "us", "is", "ous")) \
            and "-" not in low and (low == word or word[:-1].isupper()):
        try:
            return count_unit(word)
        except ValueError:
            return None
    return None


def _hyphen_compound_unit(word: str) -> str | None:
    if word in FUNCTION_WORDS or word in NOT_NOUNS or len(word) < 3:
        return None
    try:
        return count_unit(word)
    except ValueError:
        return None


def _is_modifier(word: str, generic_left: int) -> bool:
    """Words that may stand between a number and its noun ("nine foundation models")."""
    low = word.lower()
    if low in MODIFIER_WORDS:
        return True
    if low in FUNCTION_WORDS or low in NOT_NOUNS:
        return False
    if generic_left > 0 and word.isalpha() and word.islower():
        return True
    if re.fullmatch(r"[A-Z][\w.+-]*", word) and low not in NOT_NOUNS:
        return True  # names and products: "32,000 Nvidia H100 GPUs"
    return bool(re.search(r"\d", word)) or (low.endswith(("ed", "ing")) and len(low) > 5) \
        or ("-" in low and not low.endswith("-"))


_COMPOUND = re.compile(r"\s*(?:/|\bper\b|\bfor\s+(?:each|every)\b)\s*(?:an?\s+|each\s+|every\s+)?"
                       r"(?:(?:active|total|input|output)\s+)?"
                       r"(?P<word>[A-Za-z]+)\b|\s+(?:an?|each|every)\s+(?P<time>second|minute|hour|day|week|month|year)\b"
                       r"|\s+(?:an?|each)\s+(?P<each>GPU|chip|accelerator|TPU|card|rack|node|server)\b",
                       re.IGNORECASE)


POWER_PER_CHIP = frozenset({"GPU", "chip", "accelerator", "TPU", "card"})  # "1.8 kW per GPU" stays kW/GPU


def _read_compound(c: _Candidate, text: str) -> None:
    """"20 tokens per parameter" -> token/parameter; "5 GW/year"; "100 tokens/s"."""
    m = _COMPOUND.match(text, c.end)
    if not m:
        return
    unit = _per_unit(m.group("word") or m.group("time") or m.group("each"))
    if unit and unit != c.unit and c.unit not in ("percent", "dimensionless"):
        if c.unit in _PHYSICAL_UNITS and unit not in _PHYSICAL_UNITS \
                and not (_same_dimension(c.unit, "W") and unit in POWER_PER_CHIP):
            c.end = m.end()  # "192 GB per GPU", "132 kilowatts per rack": a size of each, in GB or kW
            return
        c.unit = f"{c.unit}/{unit}"
        c.end = m.end()


def _read_qualifier(c: _Candidate, text: str) -> None:
    m = _QUALIFIER_BEFORE_RE.search(text, max(0, c.start - 40), c.start)
    if m and m.lastgroup == "within":
        if c.unit in _TIME_UNITS or c.unit == "percent" or (c.unit and _same_dimension(c.unit, "m")):
            c.qualifier, c.start = "at_most", m.start()
    elif m:
        c.qualifier = m.lastgroup or "exact"
        c.start = m.start()
    m = _QUALIFIER_AFTER_RE.match(text, c.end)
    if m:
        c.end = m.end()
        if c.qualifier == "exact" or m.lastgroup != "approx":
            c.qualifier = m.lastgroup or c.qualifier
        if c.unit is None:
            _read_noun_unit(c, text, c.end)  # "500 or so experts"


_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|through|or|and|,|~|,?\s*if\s+not)\s*(?:maybe\s+|like\s+|about\s+)?$",
                        re.IGNORECASE)
_IF_NOT = re.compile(r",?\s*if\s+not\s+(?:an?\s+|even\s+)?", re.IGNORECASE)
_ALTERNATIVE = re.compile(r"[^,]*?(?:\s+or\s+|,\s*)|\s+", re.IGNORECASE)
# "went from 49 to 75%" is a change between two values; "ranging from 150 million to 7 billion" a range
_FROM = re.compile(r"(?<!rang(?:e|s)\s)(?<!ranging\s)(?<!anywhere\s)(?<!somewhere\s)\bfrom\s+"
                   r"(?:about\s+|around\s+|roughly\s+)?$", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:between|from)\s+\S*$", re.IGNORECASE)
_TO_A_UNIT = re.compile(r"\s+to\s+an?\s+(?P<word>[A-Za-z]+)\b", re.IGNORECASE)


def _join_ranges(cands: list[_Candidate], text: str) -> list[_Candidate]:
    """Join "300-600k", "49 or 51%", "5 to 10 years", "39%, 40%" into one ranged candidate."""
    out: list[_Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev and _can_join(prev, c, text):
            out[-1] = _joined(prev, c)
            if out[-1].unit in _MONEY_UNITS:
                _read_rate(out[-1], text, out[-1].end)  # "$2-2.5/hr", "$40-50bn per GW"
            gap = text[prev.number.end:c.start]
            if (_ALTERNATIVE.fullmatch(gap) or _IF_NOT.search(gap)) and out[-1].qualifier == "exact":
                out[-1].qualifier = "approx"  # "five or six", "three, four years": an estimate
            continue
        out.append(c)
    for c in out:
        _read_to_a_unit(c, text)
    return out


def _can_join(a: _Candidate, b: _Candidate, text: str) -> bool:
    if a.end > b.start or (a.unit is None and _YEAR.fullmatch(text[a.number.start:a.number.end])):
        return False  # "exiting 2025 -> 130k+": a year is no end of a range
    gap = text[a.number.end if a.unit is None else a.end:b.start]
    if _IF_NOT.fullmatch(gap):  # "hundreds of billions if not a trillion": up to the second
        return b.number.high > a.number.low and (a.unit is None or b.unit is None or a.unit == b.unit)
    if b.number.kind == "vague" or a.number.kind == "vague":
        return False
    if len(gap) > 12:
        return False
    if a.unit is not None and b.unit is None and gap.isspace() and a.unit not in ("percent", "dimensionless") \
            and a.number.value and 1 < b.number.value / a.number.value <= SPOKEN_ALTERNATIVE_RATIO:
        return True  # "120 kilowatts 130 somewhere in there": a second guess said bare
    sep = _RANGE_SEP.match(gap)
    if not sep and not (gap.isspace() and a.unit is None):
        return False
    word = gap.strip(" ,").lower().split(" ")[0] if gap.strip() else ""
    if word == "and" and not _BETWEEN.search(text, max(0, a.start - 40), a.start):
        return False
    if word == "to" and _FROM.search(text, max(0, a.start - 12), a.start):
        if a.unit is None and b.unit is not None:
            a.unit = b.unit  # "from 49 to 75%": a change between two values, both in percent
        low = _scaled_low(a, b)
        if low != a.number.value and (a.unit == b.unit or a.unit is None):
            n = a.number  # "from $10 to $15 billion": the first takes the second's magnitude
            a.number = Number(n.start, n.end, low, low, low, n.kind, b.number.magnitude)
        return False
    if a.unit is not None and b.unit is not None and not _same_dimension(a.unit, b.unit) \
            and not b.unit.startswith(a.unit + "/"):
        return False
    if a.unit is not None and b.unit is None and not (a.currency_before and word in ("-", "–", "to")):
        return False  # "$64-72B", "$1.10-1.30": the currency sign covers both ends
    av, bv = _scaled_low(a, b), b.number.value
    if a.unit and b.unit and a.unit != b.unit and not b.unit.startswith(a.unit + "/"):
        bv = float(ureg.Quantity(bv, b.unit).to(a.unit).magnitude)  # "18 months to two years"
    if word in ("", ",") or gap.strip() == ",":
        # a list, unless the speaker restates a close value: "39%, 40%", "three, four years"
        closeness = 1.5 if a.unit is None else 1.1
        return bool(av) and 1 < bv / av <= closeness  # "about 10x, ten times" says one value twice
    if word in ("-", "–", "—", "~") and a.number.kind != b.number.kind:
        return False
    if word in ("-", "–") and a.unit is None and b.unit is None and bv == av:
        return False  # "ended 2-2": a score, no range
    if word == "or":
        return bool(av) and 0.5 <= bv / av <= 2  # "49 or 51%", "one or two"; not "10 or 100"
    return bv >= av


SPOKEN_ALTERNATIVE_RATIO = 1.5


def _scaled_low(a: _Candidate, b: _Candidate) -> float:
    """"300-600k": the first number takes the second's magnitude when it has none of its own."""
    if a.number.magnitude == 1 and b.number.magnitude > 1 and a.number.kind == b.number.kind \
            and a.number.value * b.number.magnitude <= b.number.value * 1.0001:
        return a.number.value * b.number.magnitude
    return a.number.value


def _same_dimension(u1: str, u2: str) -> bool:
    if u1 == u2:
        return True
    if "percent" in (u1, u2) or "dimensionless" in (u1, u2):
        return False
    return is_unit(u1) and is_unit(u2) and ureg.Unit(u1).dimensionality == ureg.Unit(u2).dimensionality


def _joined(a: _Candidate, b: _Candidate) -> _Candidate:
    low = a.number.low if a.number.kind == "vague" else _scaled_low(a, b)
    high = b.number.high if b.number.kind == "vague" else b.number.value
    unit = b.unit or a.unit
    if a.unit and b.unit and b.unit.startswith(a.unit + "/"):
        unit = b.unit  # "between $48,000 and $90,000 a year": the rate covers both
    elif a.unit and b.unit and a.unit != b.unit:
        high = float(ureg.Quantity(high, b.unit).to(a.unit).magnitude)
        unit = a.unit
    low, high = min(low, high), max(low, high)
    number = Number(a.number.start, b.number.end, (low + high) / 2, low, high, b.number.kind,
                    b.number.magnitude)
    qualifier = a.qualifier if a.qualifier != "exact" else b.qualifier
    return _Candidate(number, a.start, b.end, unit, qualifier, a.currency_before or b.currency_before,
                      a.unit_is_rate or b.unit_is_rate)


def _read_to_a_unit(c: _Candidate, text: str) -> None:
    """"nine months to a year": the article is the upper bound of a range of durations."""
    if c.unit not in _TIME_UNITS:
        return
    m = _TO_A_UNIT.match(text, c.end)
    if not m:
        return
    other = UNIT_WORDS.get(m.group("word").lower())
    if other not in _TIME_UNITS:
        return
    high = float(ureg.Quantity(1, other).to(c.unit).magnitude)
    low = c.number.value
    if high <= low:
        return
    c.number = Number(c.number.start, m.end(), (low + high) / 2, low, high, c.number.kind)
    c.end = m.end()


CURRENCIES = frozenset(["USD", "EUR", "GBP", "JPY", "CNY", "INR", "AUD", "CAD", "HKD", "SGD", "NZD"])
_LIST_GAP = re.compile(r"[^.!?;:]{0,30}?(?:\bor|\band|\bto|,)\s*(?:maybe|even|like|perhaps)?\s*$",
                       re.IGNORECASE)


def _share_units_in_lists(cands: list[_Candidate], text: str) -> None:
    """In "a thousand reasoning tokens to respond or 10,000 or a hundred thousand" the bare
    alternatives are tokens too: a bare number takes the unit of the quantity it continues."""
    for i, c in enumerate(cands):
        if i and c.unit in CURRENCIES and not c.unit_is_rate and cands[i - 1].unit_is_rate \
                and cands[i - 1].unit.startswith(c.unit + "/") \
                and _LIST_GAP.fullmatch(text, cands[i - 1].end, c.start):
            c.unit, c.unit_is_rate = cands[i - 1].unit, True  # "$2 an hour, maybe $1.90"
            continue
        if c.unit is not None or i == 0:
            continue
        prev = cands[i - 1]
        if prev.unit in (None, "dimensionless", "count") or prev.unit_is_rate \
                or prev.number.kind == "fraction":
            continue
        if _LIST_GAP.fullmatch(text, prev.end, c.start):
            c.unit = prev.unit
            c.currency_before = prev.currency_before
            _read_compound(c, text)  # "15 trillion tokens, about 400 per active parameter"


def _carry_magnitudes(cands: list[_Candidate], text: str) -> None:
    """"Five billion-ish, growing to maybe 12 next year", "420 billion, up from, what, 230": a
    bare number soon after a figure with a magnitude word, far smaller than it but of a like size
    once it has that magnitude, has that magnitude (and then reads as the figure does)."""
    for prev, c in pairwise(cands):
        n, big = c.number, prev.number.magnitude
        if c.unit is not None or big <= 1 or n.magnitude != 1 or n.kind not in ("digits", "words") \
                or not 2 <= n.value < 1000:
            continue  # "compared to one Meta": one is no billion; "$800 million in 2019": a year
        if not _goes_on(text[prev.end:c.start]) or _COUNTED_OF.match(text, n.end):
            continue
        a, b = abs(prev.number.value or 0), abs(n.value or 0)
        if a and b and b / a < 1 / SPOKEN_CARRY_RATIO and _like_size(a, b * big):
            c.number = Number(n.start, n.end, n.value * big, n.low * big, n.high * big, n.kind, big)


SPOKEN_CARRY_REACH = 60  # characters after a quantity within which a bare number continues its unit
SPOKEN_CARRY_RATIO = 10  # ... when neither is more than this many times the other
_CLAUSE_BREAK = re.compile(r"[.!?;:]\s|\bof\b|\bper\b|\|")  # a table's cells are apart too


def _goes_on(gap: str) -> bool:
    """Whether the text between two numbers is short and in one clause, so speech goes on."""
    return len(gap) <= SPOKEN_CARRY_REACH and not _CLAUSE_BREAK.search(gap)


def _like_size(a: float, b: float) -> bool:
    return bool(a and b) and 1 / SPOKEN_CARRY_RATIO <= b / a <= SPOKEN_CARRY_RATIO


def _carries_unit(unit: str | None) -> bool:
    """Units a bare number after them may go on in: physical units, shares and money."""
    return unit not in (None, "count") and (unit in _CARRIED_UNITS or unit.split("/")[0] in _MONEY_UNITS)


def _corrects(gap: str) -> bool:
    """Whether a bare number after `gap` replaces the quantity before it ("sorry, no, 42")."""
    return len(gap) <= SPOKEN_CARRY_REACH and bool(_CORRECTION.search(gap))


_CORRECTION = re.compile(r"\b(?:sorry|I\s+mean|correction|scratch\s+that|wait|rather|I\s+misspoke)\b"
                         r"[^.!?]*?(?:[,.:;—-]|\bno\b)?\s*(?:\bit's\s+|\bit\s+was\s+|\bthe\s+\w+\s+(?:one\s+)?was\s+)?$",
                         re.IGNORECASE)


def _carry_spoken_units(cands: list[_Candidate], text: str) -> None:
    """Speech names a unit once and goes on in bare numbers: "a single h100 is around 700
    watts, all in it's more like 1,400", "$35 a megawatt hour, now 55 60". A bare number soon
    after a quantity of a like size, in the same clause, is in its unit (used when no counted
    noun says otherwise)."""
    for prev, c in pairwise(cands):
        if c.unit is not None or prev.number.kind == "fraction" or not _carries_unit(prev.unit):
            continue
        if _goes_on(text[prev.end:c.start]) and not _COUNTED_OF.match(text, c.number.end) \
                and _like_size(abs(prev.number.value or 0), abs(c.number.value or 0)):
            c.carried = prev.unit


def _carry_money_magnitudes(claims: list[_Candidate], text: str) -> None:
    """Money is said short, across sentences too: "Total debt is 640 million across the two
    facilities. The first one is three ten at SOFR plus six fifty" ($310 million). A bare number
    soon after a sum with a magnitude word, far smaller than it but of a like size once it has
    that magnitude, is a sum of that magnitude (in the clause, _carry_magnitudes does this)."""
    last_sum: _Candidate | None = None
    for c in claims:
        n = c.number
        if last_sum and c.guessed and n.magnitude == 1 and n.kind in ("digits", "words") \
                and 2 <= n.value < 1000 and c.start - last_sum.end <= MONEY_MAGNITUDE_REACH \
                and "|" not in text[last_sum.end:c.start]:
            big, a = last_sum.number.magnitude, abs(last_sum.number.value or 0)
            if n.value / a < 1 / SPOKEN_CARRY_RATIO and _like_size(a, n.value * big):
                c.number = Number(n.start, n.end, n.value * big, n.low * big, n.high * big, n.kind, big)
                c.unit = (last_sum.unit or "USD").split("/")[0]
        if (c.unit or "").split("/")[0] in _MONEY_UNITS and c.number.magnitude >= 1e6:
            last_sum = c


MONEY_MAGNITUDE_REACH = 150  # characters after a sum within which a bare number takes its magnitude


def _rental_prices_per_hour(claims: list[_Candidate], text: str) -> None:
    """ "Neoclouds list H100s at around $2.49 on demand": a GPU's rental price is quoted per GPU
    hour, so a few dollars said of renting GPUs, with no period, is an hourly price."""
    for c in claims:
        window = max(0, c.start - RENT_REACH), c.end + RENT_REACH
        if c.unit == "USD" and (c.number.value or 0) < HOURLY_RENT_MOST and (
                _RENTED_BY_THE_HOUR.search(text, *window)
                or (_RENTING.search(text, *window) and _GPU_NAMED.search(text, *window))):
            c.unit, c.unit_is_rate = "USD/hour", True


HOURLY_RENT_MOST = 20  # dollars: above this a GPU's price is a purchase, not an hour of it
RENT_REACH = 80
_RENTING = re.compile(r"\b(?:rent(?:s|ed|ing|al)?|on[\s-]demand|spot|reserved|neoclouds?)\b", re.IGNORECASE)
_RENTED_BY_THE_HOUR = re.compile(r"\b(?:on[\s-]demand|spot\s+(?:price|market|rate)s?|reserved\s+(?:price|rate|tier)s?)\b",
                                 re.IGNORECASE)  # said of compute, these are hourly
_GPU_NAMED = re.compile(rf"\b(?:GPUs?|(?:{_DATACENTER_CHIP})s?)\b", re.IGNORECASE)


def _carry_corrected_units(claims: list[_Candidate], text: str) -> None:
    """A bare number that corrects the quantity before it says the same thing again, in its
    unit, whatever that is: "48 billion active per token. Sorry, no, 42 billion" (parameters,
    not the dollars a bare billions defaults to), "900 megawatts — sorry, 880"."""
    for prev, c in pairwise(claims):
        if c.guessed and prev.unit not in (None, "count") and _corrects(text[prev.end:c.start]) \
                and _like_size(abs(prev.number.value or 0), abs(c.number.value or 0)):
            c.unit = prev.unit


_LEADING_WORD = re.compile(r"\s*(?:\*\*)?(?:\[[\d:]+\]|\([\d:]+\)|\d{1,2}:\d{2}(?::\d{2})?)?(?:\*\*)?\s*([A-Za-z]+)\b")
_NOTHING_AFTER = re.compile(r"[\s.,;!?]*$")


def unit_continued_on(line: str, q: Quantity, next_line: str) -> str | None:
    """The count unit for a bare number that ends `line` when `next_line` starts by naming
    it: a transcript cut into lines breaks "done with 100 / GPUs" across two of them."""
    if q.unit != "count" or not _NOTHING_AFTER.match(line, q.end):
        return None
    m = _LEADING_WORD.match(next_line)
    if m and m.group(1).lower() in MODIFIER_WORDS:  # "... two to three trillion" / "total parameters"
        m = _NEXT_WORD_RE.match(next_line, m.end())
    return _known_count_noun(m.group(1), q.value or 0) if m else None


def unit_from_nearby_lines(q: Quantity, line: str, before: str, after: str) -> str | None:
    """What a bare count of a line counts, read as in one line from the text of the lines around
    it: captions cut "they crossed / four trillion / in market cap" into three."""
    if q.unit != "count" or not (before or after):
        return None
    text = f"{before} {line} {after}"
    start, end = len(before) + 1 + q.start, len(before) + 1 + q.end
    if max(abs(q.value or 0), abs(q.high or 0)) >= 1e6 and MONEY_WORDS.search(
            text, max(0, start - MONEY_REACH), end + MONEY_REACH):
        return "USD"
    carried = _unit_carried_from(before, line[:q.start], q)
    if carried:
        return carried
    if not float(q.value or 0).is_integer():
        return None  # "like 1.1, 1.08": no count of servers
    return _antecedent_unit(text, start)


def _unit_carried_from(before: str, lead: str, q: Quantity) -> str | None:
    """The unit of the last quantity of the lines above when a bare number of this line goes on
    from it ("were like $35 a megawatt hour" / "now 55 60")."""
    if not before or not _goes_on(lead):
        return None
    found = find_quantities(before)
    if not found:
        return None
    prev = found[-1]
    gap = before[prev.end:] + " " + lead
    if prev.unit != "count" and _like_size(abs(prev.value or 0), abs(q.value or 0)) \
            and (_corrects(gap) or (_carries_unit(prev.unit) and _goes_on(gap))):
        return prev.unit
    return None


MONEY_REACH = 150  # characters around a bare "four trillion" in which "dollars" or "revenue" make it money


def _known_count_noun(word: str, value: float) -> str | None:
    for form in (word, word.lower(), word[:-1], word.lower()[:-1]):
        if form in SINGULAR_COUNT_NOUNS and (word[-1] in "sS" or value == 1):
            return count_unit(SINGULAR_COUNT_NOUNS[form])
    return None


_CENTS = re.compile(r"\s*(?:cents?|¢)(?![A-Za-z])", re.IGNORECASE)
_NEXT_WORD_RE = re.compile(r"\s+([A-Za-z]+)\b")
_BROKEN_OFF_NOUN = re.compile(r"\.\s+([A-Z][A-Za-z]*)\b")


def _carry_rates(cands: list[_Candidate]) -> None:
    """"It's $1.40 an hour, right? ... Maybe $2, maybe $1.75": a price said bare soon after an
    hourly price of the same currency and a like size is per hour too."""
    rate: _Candidate | None = None
    for c in cands:
        if c.unit_is_rate and c.unit and c.unit.split("/")[0] in _MONEY_UNITS:
            per = c.unit.split("/", 1)[1]
            rate = c if per not in ("year", "quarter") and (c.number.value or 0) < RATE_CARRY_MOST else None
        elif rate and c.unit in _MONEY_UNITS and rate.unit.startswith(c.unit + "/") \
                and c.start - rate.end <= RATE_CARRY_REACH and rate.number.value and c.number.value \
                and 1 / RATE_CARRY_RATIO <= c.number.value / rate.number.value <= RATE_CARRY_RATIO:
            c.unit, c.unit_is_rate = rate.unit, True
            rate = c
        elif rate and c.unit is None and c.number.spoken_pair and c.start - rate.end <= RATE_CARRY_REACH \
                and rate.number.value and 1 / SPOKEN_PRICE_RATIO <= c.number.value / 100 / rate.number.value \
                <= SPOKEN_PRICE_RATIO:
            n = c.number  # "three sixty per GPU hour. We went out at four ten": $4.10 an hour
            c.number = Number(n.start, n.end, n.value / 100, n.low / 100, n.high / 100, "price")
            c.unit, c.unit_is_rate = rate.unit, True
            rate = c


SPOKEN_PRICE_RATIO = 3  # a spoken pair after a price reads as dollars and cents when this close to it


_CURRENCY_ALONE = re.compile(r"(?:US\$|\$|\bUSD\b)(?!\s?[\d.])")


def declared_rate(text: str) -> Quantity | None:
    """A price unit a line names without a number ("Headline list prices, $/Mtok:"), which the
    bare prices listed under it are in: a rate of no value, which any price may share."""
    for m in _CURRENCY_ALONE.finditer(text):
        rate = _RATE_AFTER.match(text, m.end())
        per = _per_unit(rate.group("per")) if rate and rate.group(0)[:1] in " /" else None
        if per and (per in _TIME_UNITS or per.endswith("token")):
            return Quantity(m.start(), rate.end(), text[m.start():rate.end()], None, None, None, f"USD/{per}")
    return None


def is_price_rate(q: Quantity) -> bool:
    """A price per hour, token or thing ("$2 an hour"), which later bare prices may share."""
    head, _, per = q.unit.partition("/")
    return head in _MONEY_UNITS and per not in ("", "year", "quarter") and (q.value or 0) < RATE_CARRY_MOST


def shares_rate(q: Quantity, rate: Quantity) -> bool:
    """Whether the bare price `q`, said soon after `rate`, is in the same unit: "like eight
    dollars an hour ... and now a dollar ninety"."""
    if not (q.unit in _MONEY_UNITS and rate.unit.startswith(q.unit + "/") and q.value):
        return False
    if rate.value is None:  # a unit a list or table names above: "$/Mtok:"
        return q.value < RATE_CARRY_MOST
    return bool(rate.value) and 1 / RATE_CARRY_RATIO <= q.value / rate.value <= RATE_CARRY_RATIO


_RATE_OPENING = re.compile(r"\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s+)?(?:an?|per|each|every)\s+(?:(?P<per>hour|day|week|month|year)\b"
                           r"|(?P<tokens>(?:million|M|1M)\s+(?:(?:input|output)\s+)?tokens?\b))",
                           re.IGNORECASE)


def rate_continued_on(line: str, q: Quantity, next_line: str) -> str | None:
    """ "three fifty to four bucks" / "an hour on a three-year contract": a price that ends a
    line and is per hour (or per million tokens) when the next line opens so."""
    if q.unit not in _MONEY_UNITS or not _NOTHING_AFTER.match(line, q.end):
        return None
    m = _RATE_OPENING.match(next_line)
    if m is None:
        return None
    return f"{q.unit}/{m.group('per').lower()}" if m.group("per") else f"{q.unit}/Mtoken"


_MONEY_UNITS = CURRENCIES | {"cent"}
RATE_CARRY_MOST = 1e6  # a price of a thing or an hour, not a business's money per period
RATE_CARRY_REACH = 300  # characters after an hourly price within which a bare price shares it
RATE_CARRY_RATIO = 100  # ... when neither is more than this many times the other


_YEAR = re.compile(r"(?:1[89]|20|21)\d\d")
_VERSION_LIKE = re.compile(r"[1-9]\.\d")
_COUNTED_OF = re.compile(r"\s+of\s+(?:them|those|these|us|you)\b", re.IGNORECASE)
# a title-case word opening a sentence is no name; capitals inside a word are one anywhere ("ROCm 7")
_CAPITALISED_BEFORE = re.compile(r"(?:(?<![.!?]\s)(?<!^)\b(?:[A-Z][a-z]+|[A-Z]{2,}|[A-Z]\w*[a-z]\w*)"
                                 r"|\b(?:[A-Z]{2,}[a-z]\w*|[A-Z][a-z]+[A-Z]\w*|[a-z]+[A-Z]\w*))[\s-]$")
_CAPITALISED_AFTER = re.compile(r"\s+[A-Z][a-z]")
_SENTENCE_START_WORDS = frozenset("I It It's Its That's That This There Here So And But Or Like "
                                  "Maybe About Around Only Just The A An We They You He She".split())


def _is_claim(c: _Candidate, text: str) -> bool:
    """False for what only looks like a claim: years, versions, bare words, the pronoun one."""
    n = c.number
    surface = text[n.start:n.end]
    if surface[:1] == "0" and surface[1:2].isdigit():
        return False  # "01", "03": a garbled o1/o3, an id
    if (n.kind == "words" and surface.lower() in SCALE_NAMES or n.kind == "digits" and n.value == n.magnitude > 1) \
            and _PER_BEFORE.search(text, max(0, n.start - 8), n.start):
        return False  # "the price per million tokens", "Price per 1M input": a denominator, no amount
    if n.kind == "words" and surface.lower() == "one" and _OF_AFTER.match(text, n.end):
        return False  # "one of the top five labs"
    if n.kind == "fraction" and surface.lower().endswith("quarter") and not _OF_AFTER.match(text, n.end):
        return False  # "revenue in a quarter": a period, not a share
    if c.unit is None:
        return _is_bare_claim(c, text, surface)
    if n.kind == "words" and surface.lower() == "one" and c.unit not in _PHYSICAL_UNITS:
        return False  # "one model", "one of the things": casual, not a claim
    if _is_named_thing(c, text):
        return False  # "an Orbit 72 rack": a product named with its number
    if _YEAR.fullmatch(surface) and n.magnitude == 1 and not c.currency_before:
        physical = c.unit in _PHYSICAL_UNITS and c.unit not in _TIME_UNITS
        adjacent = re.fullmatch(r"[\d,]+\s+\S+", text[n.start:c.end]) is not None
        known_count = c.unit in SINGULAR_COUNT_NOUNS and adjacent
        return physical or known_count or c.unit in ("percent", "dimensionless")
    return True


_MIXED_CASE_BEFORE = re.compile(r"\b(?:[A-Z]{2,}[a-z]+|[A-Z][a-z]+[A-Z]\w*|[a-z]+[A-Z]\w*)\s$")


def _is_named_thing(c: _Candidate, text: str) -> bool:
    """A capitalised name, a number and a singular noun ("the Orbit 72 rack", "a Falcon 9
    rocket") name one thing; a count of 72 would say "racks"."""
    n = c.number
    if n.kind != "digits" or n.value <= 1 or n.magnitude != 1 or c.unit in _PHYSICAL_UNITS \
            or c.unit in _MONEY_UNITS or "/" in (c.unit or ""):
        return False
    if n.value < 100 and _MIXED_CASE_BEFORE.search(text, max(0, n.start - 20), n.start):
        return True  # "ROCm 7 closes the gap", "PyTorch 2 ships": a version of a product
    noun = text[n.end:c.end].strip()
    versioned = bool(_VERSION_LIKE.fullmatch(text[n.start:n.end]))  # "Kestrel 4.5 handles tasks"
    if not versioned and (not noun or noun.lower().endswith("s") or not noun.isalpha()):
        return False
    return _name_before(text, n.start)


def _name_before(text: str, start: int) -> bool:
    """A capitalised word right before `start` that is no sentence opener: a product's name."""
    before = _CAPITALISED_BEFORE.search(text, max(0, start - 30), start)
    return bool(before) and before.group(0).strip(" -") not in _SENTENCE_START_WORDS


_PHYSICAL_UNITS = frozenset(v for v in UNIT_WORDS.values())
_CARRIED_UNITS = (_PHYSICAL_UNITS - {"dimensionless", "cent"}) | {"percent"}
SCALE_NAMES = frozenset({"thousand", "million", "billion", "trillion"})
_PER_BEFORE = re.compile(r"(?:\bper|/)\s*$", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)


def _is_bare_claim(c: _Candidate, text: str, surface: str) -> bool:
    n = c.number
    if (n.kind == "vague" and n.high >= 1e6) or (n.kind in ("digits", "words") and n.magnitude >= 1e6):
        # "billions in partnerships", "10 billion plus for Ilya", "they raised two billion":
        # spoken money drops the dollars
        sentence = text[max(0, n.start - MONEY_REACH):n.end + MONEY_REACH]
        money = MONEY_WORDS.search(sentence)
        sized = _SIZE_AFTER.match(text, c.end)
        if sized and not MONEY_WORDS.search(text, max(0, n.start - 25), n.start):
            c.unit, c.end = "parameter", sized.end()  # "671 billion total, 37 billion active"
            return True
        if n.magnitude == 1e6 and n.value <= CONTEXT_MOST and _context_said(text, c):
            c.unit = "token"  # "scores 91 percent at 128K and drops at 1M": a context length
            return True
        if _B_ATTACHED.search(text, n.start, n.end) and not MONEY_WORDS.search(*_clause_around(text, n, B_MONEY_REACH)):
            c.unit = "parameter"  # "a 70B at FP8", "the 671B MoE": in this trade a size in parameters
            return True
        if not money and n.kind != "vague":
            rate = _RATE_AFTER.match(text, c.end)
            per = _per_unit(rate.group("per")) if rate else None
            # "50 billion a gigawatt" is what power costs to build; "2 billion a year", a business's money
            money = per in ("year", "quarter") or (per is not None and _same_dimension(per, "W"))
        counted = None if money else _antecedent_unit(text, c.start) or _billions_said_of(text, c.start)
        if counted == "model" or (counted is None and not money
                                  and _MODEL_BEFORE.search(text, max(0, n.start - MODEL_REACH), n.start)):
            counted = "parameter"  # "our base model was thirty-two billion": its size
        if counted and max(abs(n.value), abs(n.high)) >= 1e9 and counted not in BILLIONS_OF:
            counted = None  # "70% goes to the chips, the other 15 billion": nobody buys 15 billion chips
        c.guessed = not money and counted is None
        money = money or (counted is None and max(abs(n.value), abs(n.high)) >= 1e9)
        c.unit = "USD" if money else counted or "count"
        if money:
            _read_rate(c, text, c.end)  # "1.5 to 3 million a year in total comp"
        return True
    if n.kind in ("decade", "band"):  # "margins in the low 60s": shares, unless a counted thing came before
        sentence = text[max(0, n.start - DECADE_CONTEXT):n.end + DECADE_CONTEXT]
        shares = _SHARE_WORDS.search(sentence) or n.kind == "band"  # "up high single digits": growth
        c.unit = "percent" if shares else _antecedent_unit(text, c.start) or "count"
        if c.qualifier == "exact":
            c.qualifier = "approx"
        return True
    if n.kind == "words" and _is_spoken_amount(n, surface):
        pass  # "call it seven hundred and forty thousand", read like its digits
    elif n.kind != "digits":
        m = _COUNTED_OF.match(text, n.end)
        if m and n.value > 1:
            c.end = m.end()
            c.unit = _antecedent_unit(text, c.start) or "count"
            return True
        return False
    if _YEAR.fullmatch(surface) or n.value == 0:
        return False
    if n.is_range and _YEAR.fullmatch(f"{n.low:g}") and _YEAR.fullmatch(f"{n.high:g}"):
        return False  # "between 2014 and 2017"
    if not n.is_range and _VERSION_LIKE.fullmatch(surface) \
            and not _MEASURED_OF.search(text, max(0, c.start - 30), c.start):
        return False  # a bare "4.5" or "3.7" in this domain is a model version, not an amount
    if not n.is_range and c.qualifier == "exact" and _looks_like_version(c, text):
        return False
    if not n.is_range and (_VERSION_AFTER.match(text, c.end)
                           or _VERSION_BEFORE.search(text, max(0, c.start - 12), c.start)):
        return False  # "smarter than 40 and 4.1": a name listed with versions is one too ("4o")
    if len(surface) == 2 and re.search(rf"\b(?:19|20){surface}\b", text[c.end:c.end + YEAR_CORRECTION_REACH]):
        return False  # "the paper from 22, I think 2022": a year, said short and then in full
    if len(surface) == 2 and _WORK_FROM.search(text, max(0, c.start - 30), c.start):
        return False  # "the chinchilla paper from 22": a publication's year
    if AGE_BEFORE.search(text, max(0, c.start - 25), c.start):
        c.unit = "year"
    elif SALARY_LEAST <= max(n.value, n.high) < SALARY_MOST and _YEARLY_AFTER.match(text, c.end) \
            and _WORKER_BEFORE.search(text, max(0, c.start - SALARY_REACH), c.end + SALARY_REACH):
        c.unit = "USD"  # "a kernel engineer is 450 to 600k a year": pay said without dollars
        _read_rate(c, text, c.end)
    elif n.magnitude == 1e3 and _context_said(text, c):
        c.unit = "token"  # "scores 91 percent at 128K", "prompts over 200k": a context length
    elif n.value >= BARE_FLOP_LEAST and _POWER_OF_TEN.search(surface):
        c.unit = "FLOP"  # "a 1e30 run", "the 10^26 threshold": only compute is counted so
    elif c.carried:
        c.unit = c.carried
        _read_compound(c, text)  # "700 watts ... like 1,400 per rack"
    elif n.value >= 2 and float(n.value).is_integer():
        broken = _BROKEN_OFF_NOUN.match(text, c.end)  # "way less than 100. Employees, right?"
        c.unit = (broken and _known_count_noun(broken.group(1), n.value)) or _antecedent_unit(text, c.start) \
            or _headcount_unit(text, c.start) or "count"
        c.guessed = c.unit == "count"
        if c.unit != "count":
            _read_compound(c, text)  # "fifteen trillion tokens ... about four hundred per parameter"
    else:
        c.unit, c.guessed = "count", True
    return True


SALARY_LEAST, SALARY_MOST, SALARY_REACH = 2e4, 1e8, 60  # "... 300 to 600k a year in total comp"
_YEARLY_AFTER = re.compile(r"\s+(?:(?:a|per)\s+year|base)\b", re.IGNORECASE)
_BASE_PAY_AFTER = re.compile(r"\s+base(?:\s+(?:salary|pay))?\b", re.IGNORECASE)
_WORKER_BEFORE = re.compile(r"\b(?:engineers?|researchers?|scientists?|developers?|employees?|hires?|staff"
                            r"|technicians?|techs?|SREs?|people|person|someone|analysts?|salar(?:y|ies)|pay|paid|comp)\b",
                            re.IGNORECASE)
def _billions_said_of(text: str, start: int) -> str | None:
    """What the sentences just before counted in billions ("about 12 d-squared parameters ... you
    get roughly 64 billion"), for a bare billions that names nothing and is said of no money."""
    window = max(0, start - BILLIONS_NOUN_REACH), start
    nouns = [_count_noun_unit(m.group(0)) for m in _KNOWN_COUNT_NOUN.finditer(text, *window)]
    return next((u for u in reversed(nouns) if u in BILLIONS_OF), None)


BILLIONS_NOUN_REACH = 200
_MODEL_BEFORE = re.compile(r"\bmodels?\b[^.;!?]*$", re.IGNORECASE)
MODEL_REACH = 60
# Things that come in billions; a bare billions said after any other counted thing is money.
BILLIONS_OF = frozenset({"token", "parameter", "user", "person", "query", "request", "transistor",
                         "example", "sample", "page", "customer", "subscriber"})
SPOKEN_AMOUNT_LEAST = 20  # "two", "ten" said bare are casual ("the two of us"); "forty-five" is an amount


def _is_spoken_amount(n: Number, surface: str) -> bool:
    """A bare number in words that is an amount as surely as its digits would be: twenty or
    more, or a decimal ("seventy point nine"), but no year ("two thousand and eight")."""
    if " point " in surface.lower():
        return True
    year = 1900 <= n.value <= 2100 and float(n.value).is_integer()
    return n.value >= SPOKEN_AMOUNT_LEAST and not year


_MEASURED_OF = re.compile(r"\b(?:pue|ratio|factor|multiple|score|rating|average|index|of)\s+(?:about\s+|around\s+|like\s+)?$",
                          re.IGNORECASE)  # "a PUE of 1.2": an amount, no version
_VERSION_AFTER = re.compile(r"\s*(?:,|and|or|vs\.?|versus)\s+[1-9]\.\d\b(?![.\d]|\s*(?:%|x\b|times|percent))")
_VERSION_BEFORE = re.compile(r"(?<![\d.])[1-9]\.\d\s*(?:,|and|or|vs\.?|versus)\s+$")
YEAR_CORRECTION_REACH = 40
_WORK_FROM = re.compile(r"\b(?:paper|report|study|article|survey|model|version|release|blog\s+post|"
                        r"letter|book|talk)s?\s+(?:from|of|in)\s+(?:like\s+|early\s+|late\s+)?$",
                        re.IGNORECASE)
_SIZE_AFTER = re.compile(r"\s+(?:total|active)\b(?!\s+(?:users|subscribers|customers|accounts|members|devices"
                         r"|developers|people|players|viewers|listeners|buyers|seats|sites|minds)\b)", re.IGNORECASE)
_CLAUSE_ENDS = (". ", "; ", "! ", "? ")  # not the point of "$1.50"


def _clause_around(text: str, n: Number, reach: int) -> tuple[str, int, int]:
    """(text, start, end) of the clause around `n`, at most `reach` characters either side."""
    start, end = max(0, n.start - reach), min(len(text), n.end + reach)
    before = max(text.rfind(mark, start, n.start) for mark in _CLAUSE_ENDS)
    after = [i for i in (text.find(mark, n.end, end) for mark in _CLAUSE_ENDS) if i >= 0]
    return text, before + 1 if before >= 0 else start, min(after) if after else end


_CONTEXT_SAID = re.compile(r"\b(?:context|long-context|prompts?|window|sequence\s+length)\b", re.IGNORECASE)
CONTEXT_REACH = 80


def _context_said(text: str, c: _Candidate) -> bool:
    """Whether a context window is spoken of around `c` ("prompts over 200k")."""
    return bool(_CONTEXT_SAID.search(text, max(0, c.start - CONTEXT_REACH), c.end + CONTEXT_REACH))
CONTEXT_MOST = 1e8  # tokens: no context window is longer
_B_ATTACHED = re.compile(r"\d[bB]$")  # "70B", not "70 billion" or "70bn"
B_MONEY_REACH = 40  # characters around a bare "70B" in which a word of money makes it dollars
DECADE_CONTEXT = 120
_SHARE_WORDS = re.compile(r"%|\b(?:percent|per\s+cent|margins?|share|utili[sz]ation|yields?|rate|mfu)\b",
                          re.IGNORECASE)
BARE_FLOP_LEAST = 1e20
_POWER_OF_TEN = re.compile(r"\d[eE]\+?\d|\^|×|\bto\s+the\s+\d")
AGE_BEFORE = re.compile(r"\b(?:he's|she's|I'm|he\s+is|she\s+is|I\s+am|he\s+was|she\s+was|I\s+was|aged|age\s+of|age)\s+"
                         r"(?:like\s+|about\s+|only\s+)?$", re.IGNORECASE)
_KNOWN_COUNT_NOUN = re.compile(
    r"\b(?:" + "|".join(sorted({re.escape(w) for w in SINGULAR_COUNT_NOUNS} | {"people"}, key=len,
                                reverse=True)) + r")s?\b|\b(?:H|A|B|GB|MI)\d{2,3}X?s\b", re.IGNORECASE)
ANTECEDENT_WINDOW = 160  # characters back to look for what a bare count counts


def _antecedent_unit(text: str, start: int) -> str | None:
    """The counted thing a bare number refers back to: "NVLink connects their GPUs ... 72 of them".

    The sentence is searched, and the text before it when the sentence's only candidates are
    subjects of a number ("their servers is 72 of them"): they hold the counted things."""
    window = max(0, start - ANTECEDENT_WINDOW)
    boundary = text.rfind(". ", window, start)
    sentence_start = boundary + 2 if boundary >= 0 else window
    nouns = [m for m in _KNOWN_COUNT_NOUN.finditer(text, sentence_start, start) if not _in_a_name(text, m)]
    counted = [m for m in nouns if not _SUBJECT_OF_NUMBER.match(text, m.end())]
    if counted:
        return _count_noun_unit(counted[-1].group(0))
    if not nouns:
        return None
    # look further back, for the plural the count is of: "their chips ... servers are 72"
    wider = max(0, start - 2 * ANTECEDENT_WINDOW)
    units = [_count_noun_unit(m.group(0)) for m in _KNOWN_COUNT_NOUN.finditer(text, wider, start)
             if not _SUBJECT_OF_NUMBER.match(text, m.end()) and not _in_a_name(text, m)]
    unit = next((u for u in reversed(units) if u), None)
    if unit == "chip" and _GPU_MAKER.search(text, wider, start):
        return "GPU"  # "Nvidia ... their chips ... 72 of them": a GPU maker's chips are GPUs
    return unit


_NAME_WORD_BEFORE = re.compile(r"\b[A-Z][\w&.-]*\s+$")


def _in_a_name(text: str, m: re.Match) -> bool:
    """Whether a counted noun is a word of a name ("Oriel Labs", "Cardinal Power Systems"),
    which counts nothing: written with a capital after a capitalised word."""
    word = m.group(0)
    return word[:1].isupper() and word[1:].islower() \
        and bool(_NAME_WORD_BEFORE.search(text, max(0, m.start() - 30), m.start()))


_HEADCOUNT = re.compile(
    r"\b(?:headcount|workforce|size\s+of\s+(?:the|our|my|their|his|her)\s+(?:firm|company|team|lab|startup|org)"
    r"|(?:grew|grown|doubled|tripled|expanded|shrank|cut)\s+(?:the|our|my|their)\s+(?:team|firm|company|lab|staff))\b",
    re.IGNORECASE)
HEADCOUNT_REACH = 80


def _headcount_unit(text: str, start: int) -> str | None:
    """"doubled the size of the firm in the last year, to 32": a firm's size is its people."""
    return count_unit("employee") if _HEADCOUNT.search(text, max(0, start - HEADCOUNT_REACH), start) else None


_CHIP_PLURAL = re.compile(r"(?:H|A|B|GB|MI)\d{2,3}X?s", re.IGNORECASE)
_GPU_MAKER = re.compile(r"\b(?:Nvidia|NVIDIA|AMD|GPUs?)\b")


_SUBJECT_OF_NUMBER = re.compile(  # "servers is 72 of them", "models have 32": the holders of the count
    r"\s+(?:only\s+|just\s+)?(?:is|are|was|were|has|have|had)\s+(?:like\s+|about\s+|only\s+|just\s+|~)?"
    r"(?:\d|(?:"
    + "|".join(UNITS_WORDS) + r")\b)", re.IGNORECASE)


def _count_noun_unit(word: str) -> str | None:
    if word.lower() == "people":
        return count_unit("person")
    if _CHIP_PLURAL.fullmatch(word):
        return count_unit("GPU")  # "50,000 gb200s, so 400,000-ish": GPUs
    if not word.endswith(("s", "S")):
        return None  # "72 of them" counts plural things; "for example" is no antecedent
    noun = SINGULAR_COUNT_NOUNS.get(word) or SINGULAR_COUNT_NOUNS.get(word.lower()) \
        or SINGULAR_COUNT_NOUNS.get(word[:-1]) or SINGULAR_COUNT_NOUNS.get(word[:-1].lower())
    return count_unit(noun) if noun else None


def _looks_like_version(c: _Candidate, text: str) -> bool:
    """"Lama 4", "QWEN 3", "Codex 10", "quad 3.7 Sonnet": a name with a number, even misspelt."""
    if _name_before(text, c.start):
        return True
    surface = text[c.number.start:c.number.end]
    return "." in surface and bool(_CAPITALISED_AFTER.match(text, c.number.end))


def _to_quantity(c: _Candidate, text: str) -> Quantity:
    n = c.number
    unit = c.unit or "count"
    scale = 1.0
    if unit == "cent" or unit.startswith("cent/"):
        # "5.5 cents per kilowatt-hour" is $0.055/kWh: prices compare in dollars, and a reader
        # of the table sees one currency
        unit, scale = "USD" + unit[len("cent"):], 0.01
    low, high = n.low * scale, n.high * scale
    if c.qualifier in ("more_than", "at_least"):
        high = None
    elif c.qualifier in ("less_than", "at_most", "up_to"):
        low = None
    return Quantity(c.start, c.end, text[c.start:c.end], n.value * scale, low, high, unit, c.qualifier)
