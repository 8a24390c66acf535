"""Numeric expressions in a line of English: digits, words, magnitudes, fractions, vague amounts.

This layer knows nothing of units. It reads "1,500", "$1.5B"'s "1.5B", "400 billion",
"twenty-five", "a hundred thousand", "two thirds", "tens of thousands" and reports each as a
Number with its span. Spans that only look like numbers (H100, GPT-4.5, 3rd, 10:30, 4o) are
reported as not-numbers by leaving them out; deciding whether a number is a claim is the job of
quantities.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9,
               "trillion": 1e12, "quadrillion": 1e15}
# Attached suffixes: "100k", "$1.5B", "7B", "$2bn", "3T", "$5MM".
SUFFIXES = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "MM": 1e6, "mn": 1e6,
            "b": 1e9, "B": 1e9, "bn": 1e9, "Bn": 1e9, "BN": 1e9, "t": 1e12, "T": 1e12,
            "tn": 1e12, "trn": 1e12, "mil": 1e6, "mln": 1e6}
FRACTIONS = {"half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25,
             "quarters": 0.25, "fifth": 0.2, "fifths": 0.2, "sixth": 1 / 6, "sixths": 1 / 6,
             "eighth": 0.125, "eighths": 0.125, "tenth": 0.1, "tenths": 0.1}
VAGUE_SCALES = {"dozens": (12, 120), "tens": (10, 100), "hundreds": (100, 1000),
                "thousands": (1e3, 1e4), "millions": (1e6, 1e7), "billions": (1e9, 1e10),
                "trillions": (1e12, 1e13)}

def trie_regex(words: list[str]) -> str:
    """An alternation of words factored by common prefixes ("t(?:en|h(?:ree|irty)...)"), so the
    regex engine tries one branch per character instead of every word at every position."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return "(?:" + build(trie) + ")"


_WORD = trie_regex(list(UNITS_WORDS) + list(SCALE_WORDS))
_SCALE = "|".join(SCALE_WORDS)
_FRACTION = trie_regex(list(FRACTIONS))
_SUFFIX = "|".join(sorted(SUFFIXES, key=len, reverse=True))

_DIGITS = rf"""
    (?P<sign>(?<![\w.,)\]-])[-−](?=\d)|\bminus[\s-](?=\d))?
    (?P<digits>(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?|\.\d+)
    (?:(?P<exp>[eE][+]?\d{{1,3}})|\^(?P<pow>\d{{1,3}})|\s?[×x]\s?10\^?(?P<exp10>[−-]?\d{{1,3}})
       |\s+times\s+10\s+to\s+the\s+(?P<spoken10>\d{{1,3}})(?:st|nd|rd|th)?\b(?:\s+power\b)?
       |\s+to\s+the\s+(?P<tothe>\d{{1,3}})(?:st|nd|rd|th)?\b(?:\s+power\b)?)?
    (?P<suffix>(?:{_SUFFIX})(?![A-Za-z0-9]))?
    (?P<half>\s+and\s+a\s+half\b)?
    (?P<scales>(?:[\s-]+(?:{_SCALE})s?\b)*)
"""
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_WORDS = rf"""
    (?P<words>(?:(?:\ba\s+(?:(?P<few>couple|few)\s+(?:of\s+)?)?|\b(?P<several>several)\s+)(?=(?:{_SCALE}|dozen)\b))?
        (?:(?:{_WORD}|dozen)\b)(?:(?:[\s-]+|\s+and\s+)(?:{_WORD})\b)*
        (?:\s+point(?:[\s-]+{_DIGIT_WORD}\b)+(?:[\s-]+(?:{_SCALE})\b)*)?
        (?:\s+and\s+(?:a\s+half|a\s+quarter|three\s+quarters|a\s+third)\b(?:[\s-]+(?:{_SCALE})\b)*)?)
    (?:\s+times\s+ten\s+to\s+the\s+(?P<word_exp>(?:{_WORD})(?:[\s-]+(?:{_WORD}))*)\b(?:\s+power\b)?
      |(?P<word_k>[\s-]?[kK]\b(?!-)))?
"""
# "in the low 60s", "mid-40s": a part of a decade (a year would be "the 60s" or "the '60s")
_DECADE = r"""
    (?P<decade>\b(?P<part>low|lower|mid|high|upper)[\s-]+(?:(?P<tens>[1-9])0s
        |(?P<tens_word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b)
"""
# "high single digits", "double-digit", "the mid-teens": a band of numbers, growth rates mostly
_DIGIT_BAND = r"""
    (?P<band>\b(?:(?P<band_part>low|lower|mid|high|upper)[\s-]+)?
        (?:(?P<digit_size>single|double|triple)[\s-]+digits?|(?P<teens>(?<=[\s-])teens))\b
        (?P<band_scale>[\s-]+(?:thousands|millions|billions|trillions)\b)?)
"""
_BAND_SIZES = {"single": (1, 9), "double": (10, 99), "triple": (100, 999)}
_BAND_PARTS = {"low": (0.0, 0.3), "lower": (0.0, 0.3), "mid": (0.35, 0.65), "high": (0.7, 1.0),
               "upper": (0.7, 1.0)}
_TENS_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
               "eighties": 8, "nineties": 9}
_FRACTION_RE = rf"""
    (?P<fraction>(?:\b(?:a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?
        \b(?:{_FRACTION})\b(?!-[A-Za-z])
        (?:\s+an?\s+(?P<fscale>{_SCALE}|dozen)\b)?)
"""
_FOLD = rf"""
    (?P<fold>\b(?:{_WORD})fold\b)
"""
_VAGUE = r"""
    (?P<vague>\b(?:(?:tens|hundreds|dozens)\s+of\s+)?
        (?:dozens|hundreds|thousands|millions|billions|trillions)\b)
"""
_CENT_WORDS = ("(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
               "(?:[\\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
               "|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|[1-9]\\d")
# "a dollar ninety", "two dollars fifty", "a dollar per million tokens": a price said aloud
_PRICE = rf"""
    (?P<price>\b(?P<dollars>a|one|two|three|four|five|six|seven|eight|nine|ten|\d{{1,3}})\s+(?:dollars?|bucks?)
        (?:\s+(?:and\s+)?(?P<cents>{_CENT_WORDS})\b(?![\s-]*(?:percent|%|years?|months?|million|billion|thousand|hundred))
          |(?=\s+(?:per|an?|/|each)\b))
      |\b(?P<spoken_dollars>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen
          |fifteen|sixteen|seventeen|eighteen|nineteen)[\s-](?P<spoken_cents>{_CENT_WORDS})\b
        (?=(?:,?\s+(?:(?:to|or)\s+)?[a-z]+(?:[\s-][a-z]+)?)?\s+(?:dollars?|bucks)\b
          |\s+(?:an?|per)\s+(?:(?:GPU|chip|node|kW|kilowatt)[\s-])?(?:hour|month)\b))
"""
# "three fifty to four bucks": dollars and cents said as two numbers, money said after them
_SMALL = "one|two|three|four|five|six|seven|eight|nine|ten|[1-9]\\d?"
# "one in four", "3 out of 10": a share said as a count of a count
_ONE_IN = rf"""
    (?P<one_in>\b(?P<part_of>{_SMALL})\s+(?:in|out\s+of)\s+(?P<whole>{_SMALL}|a\s+hundred|100)\b(?![.,]\d))
"""
NUMBER_RE = re.compile(
    rf"(?:{_PRICE})|(?:{_ONE_IN})|(?:{_DIGIT_BAND})|(?:{_DECADE})|(?:{_DIGITS})|(?:{_FOLD})|(?:{_VAGUE})|(?:{_FRACTION_RE})|(?:{_WORDS})",
    re.VERBOSE | re.IGNORECASE
)
_DECADE_PARTS = {"low": (0, 3), "lower": (0, 3), "mid": (4, 6), "high": (7, 9), "upper": (7, 9)}


@dataclass
class Number:
    """A numeric expression: its span, value, and the range it stands for when vague."""

    start: int
    end: int
    value: float
    low: float
    high: float
    kind: str  # digits, words, fraction, vague, decade, band, fold, price
    magnitude: float = 1.0  # the multiplier a suffix or scale word applied ("600k" -> 1e3)
    spoken_pair: bool = False  # "two forty": 240, or $2.40 where prices are spoken of

    @property
    def is_range(self) -> bool:
        return self.low != self.high


def words_value(text: str) -> float | None:
    """Value of spelled-out numbers ("a hundred thousand" -> 1e5, "twenty-five" -> 25), or None
    when the words are several numbers ("two three")."""
    text = text.lower()
    point = _POINT.search(text)
    if " point" in text and not point:
        return None  # "seven point two and a quarter": no one number
    if point:  # "seven point five two billion": 7.52e9
        whole = words_value(text[:point.start()])
        decimals = [_DECIMAL_DIGITS[w] for w in re.findall(r"[a-z]+", point.group("digits"))]
        if whole is None:
            return None
        return (whole + float("0." + "".join(decimals))) * _product_of_scales(text[point.end():])
    pair = _SPOKEN_PAIR.fullmatch(text)
    if pair:  # "two forty", "three ninety-five", "eighteen fifty": hundreds said as two numbers
        rest = words_value(pair.group("rest"))
        return (UNITS_WORDS[pair.group("first")] * 100 + (rest or 0)) * _product_of_scales(pair.group("scales"))
    part = _AND_PART.search(text)
    if part and part.end() < len(text):  # "five and a half million", "four and a quarter million"
        value = words_value(text[:part.end()])
        return None if value is None else value * _product_of_scales(text[part.end():])
    extra = 0.0
    if part:
        extra = _PARTS[re.sub(r"\s+", " ", part.group("part"))]
        text = text[:part.start()]
    total, current, last = 0.0, 0.0, ""
    for token in re.split(r"[\s-]+", text):
        if token in ("", "and"):
            continue
        if token == "a":
            current, last = 1, "unit"
        elif token == "dozen":
            current, last = (current or 1) * 12, "scale"
        elif token in UNITS_WORDS:
            n = UNITS_WORDS[token]
            small_after_tens = last == "tens" and n < 10
            after_hundred = last == "hundred"
            if last and not (small_after_tens or after_hundred or last == "scale"):
                return None
            current += n
            last = "tens" if n >= 20 and n % 10 == 0 else "unit"
        elif token == "hundred":
            if last == "hundred":
                return None
            current, last = (current or 1) * 100, "hundred"
        elif token in SCALE_WORDS:
            total += (current or 1) * SCALE_WORDS[token]
            current, last = 0, "scale"
    if not last:
        return None
    return total + current + extra


_TENS = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_SPOKEN_PAIR = re.compile(
    r"(?P<first>one|two|three|four|five|six|seven|eight|nine|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen)[\s-]+(?P<rest>" + _TENS + r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    r"(?P<scales>(?:[\s-]+(?:" + "|".join(SCALE_WORDS) + r"))*)")
_POINT = re.compile(r"\s+point(?P<digits>(?:[\s-]+" + _DIGIT_WORD + r")+)(?=(?:[\s-]+(?:" + _SCALE + r"))*$)")
_DECIMAL_DIGITS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
                   "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_AND_PART = re.compile(r"\s+and\s+(?P<part>a\s+half|a\s+quarter|three\s+quarters|a\s+third)\b")
_PARTS = {"a half": 0.5, "a quarter": 0.25, "three quarters": 0.75, "a third": 1 / 3}


def _product_of_scales(words: str) -> float:
    product = 1.0
    for word in re.findall(r"[a-z]+", words):
        product *= SCALE_WORDS.get(word, 1.0)
    return product


def _split_word_runs(text: str, start: int) -> list[tuple[int, int, str]]:
    """Split "two three" or "twenty-four seven" into separate numbers, longest first from the
    left, and keep "twenty five" whole."""
    if words_value(text) is not None:
        return [(start, start + len(text), text)]
    tokens = [m.span() for m in re.finditer(r"[A-Za-z]+", text)]
    parts, i = [], 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            words = text[tokens[i][0]:tokens[j - 1][1]]
            if not words.lower().endswith("and") and words_value(words) is not None:
                parts.append((start + tokens[i][0], start + tokens[j - 1][1], words))
                i = j
                break
        else:
            i += 1
    return parts


_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_START_WORDS = frozenset([*UNITS_WORDS, *SCALE_WORDS, *FRACTIONS, *VAGUE_SCALES, "dozen"])
_TAKES_ARTICLE = frozenset([*SCALE_WORDS, *FRACTIONS, "dozen"])


_DIGIT = re.compile(r"\d")
_LOWER_WORD = re.compile(r"[a-z]+")


def may_hold_number(text: str) -> bool:
    """A cheap test that skips most lines without a number: a digit or a number word."""
    if _DIGIT.search(text):
        return True
    lowered = text.lower()
    return "fold" in lowered or "multi" in lowered or "watt" in lowered or "byte" in lowered or "doubl" in lowered \
        or "tripl" in lowered or "quadrupl" in lowered or "ties" in lowered or "teens" in lowered \
        or "digit" in lowered or not _START_WORDS.isdisjoint(_LOWER_WORD.findall(lowered))


def find_numbers(text: str) -> list[Number]:
    """Every numeric expression in the line, left to right, non-overlapping.

    Words and digit runs are scanned with one cheap pattern; the full number pattern is only
    tried where a digit or a number word starts, which keeps long lines fast."""
    found: list[Number] = []
    covered = 0
    for token in _TOKEN.finditer(text):
        pos = token.start()
        if pos < covered:
            continue
        word = token.group()
        if word[0].isdigit():
            start = _digits_start(text, pos)
        elif word in ("a", "A") and _DOLLAR_AFTER.match(text, token.end()):
            start = pos  # "a dollar ninety"
        elif word.lower() in _DECADE_PARTS and _TENS_WORD_AFTER.match(text, token.end()):
            start = pos  # "in the low thirties", "high single digits", "the mid-teens"
        elif word.lower() in _BAND_SIZES and _DIGITS_WORD_AFTER.match(text, token.end()):
            start = pos  # "double digits"
        elif word in ("a", "A") and _POWER_AFTER.match(text, token.end()) \
                and _HEDGE_BEFORE.search(text, max(0, pos - 16), pos):
            found.append(Number(pos, token.end(), 1.0, 1.0, 1.0, "words"))  # "about a gigawatt"
            covered = token.end()
            continue
        elif word.lower() in MULTIPLIER_WORDS and _HEDGE_BEFORE.search(text, max(0, pos - 16), pos):
            value = MULTIPLIER_WORDS[word.lower()]  # "roughly double", "more than tripled"
            found.append(Number(pos, token.end(), value, value, value, "fold"))
            covered = token.end()
            continue
        else:
            low = word.lower()
            if low.startswith("multi") and low[5:] in SCALE_WORDS:  # "a multibillion deal"
                scale = SCALE_WORDS[low[5:]]
                found.append(Number(pos, token.end(), 5.5 * scale, scale, 10 * scale, "vague"))
                continue
            if low not in _START_WORDS and not low.endswith("fold"):
                continue
            start = _article_start(text, pos) if low in _TAKES_ARTICLE else pos
        m = NUMBER_RE.match(text, max(start, covered))
        if m is None and start != pos:
            m = NUMBER_RE.match(text, pos)
        if m is None or m.end() <= pos:
            continue
        covered = m.end()
        found.extend(_numbers_of(m, text))
    return found


_POWER_AFTER = re.compile(r"\s+(?:(?:giga|mega|tera|kilo)watts?|(?:tera|giga|peta)bytes?)\b", re.IGNORECASE)
MULTIPLIER_WORDS = {w: v for v, forms in ((2, "double doubled doubles doubling"),
                                           (3, "triple tripled triples tripling"),
                                           (4, "quadruple quadrupled quadruples quadrupling"))
                    for w in forms.split()}
_HEDGE_BEFORE = re.compile(r"\b(?:roughly|nearly|almost|about|around|more\s+than|less\s+than|over|under|"
                           r"basically|at\s+least|up\s+to|close\s+to|well\s+over|north\s+of|like|"
                           r"effectively|essentially)\s+$", re.IGNORECASE)
_TENS_WORD_AFTER = re.compile(r"[\s-]+(?:(?:twen|thir|for|fif|six|seven|eigh|nine)ties|teens"
                              r"|(?:single|double|triple)[\s-]+digits?)\b", re.IGNORECASE)
_DIGITS_WORD_AFTER = re.compile(r"[\s-]+digits?\b", re.IGNORECASE)
_DOLLAR_AFTER = re.compile(r"\s+(?:dollar|buck)\b", re.IGNORECASE)
_FEW_BEFORE = re.compile(r"(?:\ba\s+(?:couple|few)\s+(?:of\s+)?|\bseveral\s+)$", re.IGNORECASE)
_DECADE_BEFORE = re.compile(r"\b(?:low|lower|mid|high|upper)[\s-]+$", re.IGNORECASE)


def _digits_start(text: str, pos: int) -> int:
    """Where a digit run's number may start: a sign, "minus ", the dot of ".5", or the "low" of
    "the low 60s"."""
    decade = _DECADE_BEFORE.search(text, max(0, pos - 7), pos)
    if decade and text[pos + 1:pos + 3] == "0s":
        return decade.start()
    if pos >= 1 and text[pos - 1] in "-−." and not text[pos - 2:pos - 1].isdigit():
        return pos - 1
    if text[max(0, pos - 6):pos].lower() in ("minus ", "minus-"):
        return pos - 6
    return pos


def _article_start(text: str, pos: int) -> int:
    """"a hundred", "an eighth", "a third", "a couple hundred": the article belongs to the number."""
    few = _FEW_BEFORE.search(text, max(0, pos - 16), pos)
    if few:
        return few.start()
    for article in ("a ", "an ", "A ", "An "):
        if text.startswith(article, pos - len(article)) and not text[pos - len(article) - 1:pos - len(
                article)].isalpha():
            return pos - len(article)
    return pos


def _numbers_of(m: re.Match, text: str) -> list[Number]:
    if m.group("digits") is not None:
        number = _digits_number(m, text)
        return [number] if number else []
    if m.group("fold") is not None:
        value = words_value(m.group("fold")[:-4])
        return [Number(m.start(), m.end(), value, value, value, "fold")] if value is not None else []
    if m.group("vague") is not None:
        low, high = _vague_range(m.group("vague"))
        return [Number(m.start(), m.end(), (low + high) / 2, low, high, "vague")]
    if m.group("fraction") is not None:
        number = _fraction_number(m)
        return [number] if number else []
    if m.group("price") is not None:
        dollars = (m.group("dollars") or m.group("spoken_dollars")).lower()
        value = 1.0 if dollars == "a" else float(dollars) if dollars.isdigit() else float(UNITS_WORDS[dollars])
        cents = m.group("cents") or m.group("spoken_cents")
        if cents:
            value += (float(cents) if cents.isdigit() else words_value(cents) or 0) / 100
        return [Number(m.start(), m.end(), value, value, value, "price")]
    if m.group("one_in") is not None:
        part, whole = (_small_value(m.group(g)) for g in ("part_of", "whole"))
        if not part < whole:
            return []
        return [Number(m.start(), m.end(), part / whole, part / whole, part / whole, "fraction")]
    if m.group("band") is not None:
        return [_band_number(m)]
    if m.group("decade") is not None:  # "the low 60s": 60 to 63
        tens = 10 * (int(m.group("tens")) if m.group("tens") else _TENS_WORDS[m.group("tens_word").lower()])
        lo, hi = _DECADE_PARTS[m.group("part").lower()]
        return [Number(m.start(), m.end(), tens + (lo + hi) / 2, tens + lo, tens + hi, "decade")]
    if m.group("several") is not None:  # "several hundred": three to nine of them
        value = words_value(m.group("words")[len("several"):])
        if value is None:
            return []
        return [Number(m.start(), m.end(), 6 * value, 3 * value, 9 * value, "vague", value)]
    if m.group("few") is not None:  # "a couple hundred billion" is two; "a few hundred", two to five
        value = words_value(m.group("words"))
        if value is None:
            return []
        low, high = (2 * value, 2 * value) if m.group("few").lower() == "couple" else (2 * value, 5 * value)
        return [Number(m.start(), m.end(), (low + high) / 2, low, high, "vague", value)]
    words_text, words_start = m.group("words"), m.start("words")
    point = _POINT.search(words_text.lower())
    if point and words_text[:point.start()].lower() == "one" \
            and _AT_BEFORE.search(text, max(0, words_start - 4), words_start):
        words_text = words_text[:point.start()]  # "at one point two of them left"
    elif m.group("word_exp") or m.group("word_k"):
        value = words_value(words_text)
        if value is not None and m.group("word_exp"):  # "two times ten to the twenty-five"
            power = words_value(m.group("word_exp"))
            if power is not None and power <= 100:
                return [Number(m.start(), m.end(), value * 10.0 ** power, value * 10.0 ** power,
                               value * 10.0 ** power, "words")]
        elif value is not None:  # "a hundred and twenty-eight K"
            return [Number(m.start(), m.end(), value * 1e3, value * 1e3, value * 1e3, "words", 1e3)]
    numbers = []
    for start, end, words in _split_word_runs(words_text, words_start):
        value = words_value(words)
        if value is None:
            continue
        multi = _MULTI.search(text, max(0, start - 6), start)
        if multi and value >= 100 and words.lower().split()[0] not in ("a", "an"):
            # "multi-billion", "multi-hundred-billion dollars": several of that, up to ten
            numbers.append(Number(multi.start(), end, 5.5 * value, value, 10 * value, "vague"))
        else:
            numbers.append(Number(start, end, value, value, value, "words", _trailing_scale(words),
                                  bool(_SPOKEN_PAIR.fullmatch(words.lower()))))
    return numbers


def _band_number(m: re.Match) -> Number:
    """"high single digits" is 7 to 9, "double digits" 10 to 99, "the mid-teens" 14 to 16."""
    low, high = (13, 19) if m.group("teens") else _BAND_SIZES[m.group("digit_size").lower()]
    part = (m.group("band_part") or "").lower()
    if part:
        a, b = _BAND_PARTS[part]
        low, high = round(low + a * (high - low)), round(low + b * (high - low))
    if m.group("band_scale"):  # "low single-digit billions": $1 to 3 billion
        scale = SCALE_WORDS[m.group("band_scale").strip(" -").lower().rstrip("s")]
        return Number(m.start(), m.end(), scale * (low + high) / 2, scale * low, scale * high, "vague", scale)
    return Number(m.start(), m.end(), (low + high) / 2, low, high, "band")


_MULTI = re.compile(r"\bmulti-?$", re.IGNORECASE)
_AT_BEFORE = re.compile(r"\bat\s+$", re.IGNORECASE)


def _small_value(words: str) -> float:
    words = words.lower()
    return float(words) if words.isdigit() else 100.0 if words.endswith("hundred") else float(UNITS_WORDS[words])


def _trailing_scale(words: str) -> float:
    last = re.split(r"[\s-]+", words.lower())[-1]
    return SCALE_WORDS.get(last, 1.0) if last != "hundred" else 1.0


def _digits_number(m: re.Match, text: str) -> Number | None:
    digits = m.group("digits")
    start, end = m.start(), m.end()
    # Part of a name, a version or an id: H100, GB200, GPT-4, Llama-3-70B, v3.5, 1.2.3, x86
    if _TOKEN_BEFORE.search(text, max(0, start - 40), start) \
            and not _CURRENCY_CODE_BEFORE.search(text, max(0, start - 5), start):
        return None
    if re.match(r"\.\d", text[m.end("digits"):]):
        return None
    powered = m.group("exp") or m.group("pow") or m.group("exp10") or m.group("spoken10") or m.group("tothe")
    tail = m.end() if powered else m.end("digits")
    if not m.group("suffix") and not m.group("scales") and text[tail:tail + 1].isalpha() \
            and not _unit_follows(text, tail):
        return None  # 4o, 3rd, 1st
    value = float(digits.replace(",", ""))
    if m.group("sign") and _negative_sign(text, start):
        value = -value
    elif m.group("sign"):
        start += len(m.group("sign"))
    magnitude = 1.0
    if m.group("exp"):
        value *= 10 ** int(m.group("exp")[1:].lstrip("+"))
    if m.group("pow"):
        value = value ** int(m.group("pow"))
    if m.group("exp10"):
        value *= 10.0 ** int(m.group("exp10").replace("−", "-"))
    if m.group("spoken10"):  # "4 times 10 to the 25"
        value *= 10.0 ** int(m.group("spoken10"))
    if m.group("tothe"):  # "10 to the 26th"; "5 to the" is no power of ten
        if digits != "10":
            return Number(start, m.end("digits"), value, value, value, "digits")
        value = 10.0 ** int(m.group("tothe"))
    if m.group("half"):  # "2 and a half x", "3 and a half million"
        value += 0.5
    if m.group("suffix"):
        suffix = m.group("suffix")
        if suffix not in SUFFIXES or _suffix_is_a_unit(suffix, text, m.end("suffix")):
            if not _unit_follows(text, m.end("digits")):
                return None
            return Number(start, m.end("digits"), value, value, value, "digits")
        magnitude *= SUFFIXES[suffix]
    scales = m.group("scales") or ""
    for word in re.findall(r"[A-Za-z]+", scales):
        magnitude *= SCALE_WORDS[word.lower().rstrip("s")]
    value *= magnitude
    return Number(start, end, value, value, value, "digits", magnitude)


_CURRENCY_CODE_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?:PS|RM|Rs|USD|EUR|GBP|INR|CNY|RMB|JPY|AUD|CAD|NZD|SGD|HKD)"
    r"|\$\s?(?:US|A|AU|C|NZ|HK|S))$"
    r"|(?<![A-Za-z])(?:sub|over|under|near)-$", re.IGNORECASE)
_TOKEN_BEFORE = re.compile(r"(?:[A-Za-z_][\w.]*|[\w.-]*[A-Za-z_][\w.-]*-|\d\.|\d)$")


_LENGTH_CONTEXT = re.compile(
    r"\s*(?:long|tall|wide|high|deep|away|above|below|thick|in\s+(?:length|height|diameter))\b")
_TONNE_CONTEXT = re.compile(r"\s*(?:dollars|usd|users|people|parameters|tokens|GPUs|in\b|of\b|[,.;)]|$)",
                            re.IGNORECASE)


def _negative_sign(text: str, start: int) -> bool:
    """"-1.3%" after a space is negative; "5 -10" is a range written loosely."""
    if text[start:start + 5].lower() == "minus":
        return True
    before = text[max(0, start - 20):start].rstrip()
    return not before[-1:].isdigit()


def _suffix_is_a_unit(suffix: str, text: str, pos: int) -> bool:
    """"5m long" is metres and "3t of steel" tonnes; "$5m", "1.2m tons", "7B" are magnitudes."""
    if suffix in ("m", "b"):
        return bool(_LENGTH_CONTEXT.match(text, pos))
    if suffix == "t":
        return not _TONNE_CONTEXT.match(text, pos)
    return False


# Letters that may stick to digits because they are units: 5nm, 10x, 2GW, 80GB, 3ms, 24h, 100W
_ATTACHED_UNIT = re.compile(
    r"(?:x|X|%|nm|mm|cm|km|kg|mg|g|l|L|ml|mL|μm|µm|m|GW|MW|kW|TW|W|GWh|MWh|kWh|TWh|GB|TB|PB|MB|KB|Gb|Tb|Mb"
    r"|GHz|MHz|kHz|Hz|Ghz|Mhz|khz|hp|bhp|pc|deg[CF]?|p|ish|bps?"
    r"|ms|us|ns|h|hr|hrs|min|mins|yr|yrs|mo|TFLOPs?|PFLOPs?|EFLOPs?|FLOPs?|flops?|bps|Gbps|Mbps"
    r"|V|mAh|mph|kph|ft|lbs?|oz|°[CF]?|USD|usd)(?![A-Za-z])"
    r"|[x×](?=(?:H|A|B|GB)\d{2,3}\b|MI\d{3})"  # "8xH100": eight of them
)


def _unit_follows(text: str, pos: int) -> bool:
    return bool(_ATTACHED_UNIT.match(text, pos))


def _vague_range(phrase: str) -> tuple[float, float]:
    words = re.findall(r"[a-z]+", phrase.lower())
    low, high = VAGUE_SCALES[words[-1]]
    if len(words) == 3:  # "tens of thousands"
        outer_low = VAGUE_SCALES[words[0]][0]
        return outer_low * low, outer_low * low * 10
    return low, high


def _fraction_number(m: re.Match) -> Number | None:
    if m.group("fscale"):  # "half a million": a number, not a share
        scale = 12.0 if m.group("fscale").lower() == "dozen" else SCALE_WORDS[m.group("fscale").lower()]
        head = m.group("fraction")[: m.start("fscale") - m.start("fraction")]
        share = _fraction_number_of(re.split(r"[\s-]+", head.lower().strip())[:-1])
        if share is None:
            return None
        value = share * scale
        return Number(m.start(), m.end(), value, value, value, "words", scale)
    share = _fraction_number_of(re.split(r"[\s-]+", m.group("fraction").lower()))
    if share is None:
        return None
    return Number(m.start(), m.end(), share, share, share, "fraction")


def _fraction_number_of(words: list[str]) -> float | None:
    """"two thirds" -> 2/3, "a quarter" -> 1/4, "half" -> 1/2; "third" alone is an ordinal."""
    fraction = FRACTIONS[words[-1]]
    if len(words) == 1:
        return fraction if words[0] == "half" else None
    count = 1 if words[0] in ("a", "an", "one") else UNITS_WORDS[words[0]]
    return count * fraction
