"""Quantities in Chinese-language lines: numerals, 万/亿 magnitudes, measure words and units.

The bilingual transcript and the Chinese show notes state the same facts as the English text,
so their numbers become mentions too (lang "zh") and can be linked to the English line they
translate. Latin-script sentences quoted inside a Chinese line go to the English finder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.quantities import Quantity, find_quantities
from extract.units import count_unit

CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = re.compile(f"[{CJK_CHARS}]")
# Runs of text with no CJK character and no full-width punctuation: candidate English sentences.
_LATIN_RUN = re.compile(f"[^{CJK_CHARS}\u3000-\u303f\uff00-\uffef]+")
_MIN_ENGLISH_WORDS = 4

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_MAGNITUDES = {**_SMALL_UNITS, **_BIG_UNITS}

_CN_NUMERAL = "[零〇一二两三四五六七八九十百千万亿]"
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_MAG = "[十百千万亿]*"
# One number: Arabic digits with optional magnitude characters ("2万亿", "300 亿"), a vague
# "tens of / hundreds of" form ("数十亿", "几百", "十几"), or a Chinese numeral ("七十二").
_NUMBER = (
    rf"(?:{_ARABIC}(?:\s?(?:[十百万亿]|千(?![瓦伏]))+)?"  # "1.8 千瓦" is 1.8 kW, not 1,800 watts
    rf"|[数几][十百千万亿]{_MAG}"
    rf"|十几{_MAG}"
    rf"|{_CN_NUMERAL}+)"
)
_RANGE_JOIN = r"\s*(?:到|至|-|–|—|~|～|、|或)\s*"

# Qualifiers written before the number, longest first so "将近" wins over "近".
_PRE_QUALIFIERS = {
    "差不多": "approx", "大约": "approx", "大概": "approx", "将近": "approx", "接近": "approx",
    "几乎": "approx", "约为": "approx", "约": "approx", "近": "approx", "估计": "approx", "预计": "approx", "大致": "approx",
    "甚至超过": "more_than", "超过": "more_than", "远超": "more_than", "逾": "more_than",
    "不到": "less_than", "不足": "less_than", "低于": "less_than", "少于": "less_than",
    "至少": "at_least", "起码": "at_least",
    "高达": "at_most", "多达": "at_most", "最多": "at_most",
}
_PRE_QUALIFIER = "|".join(sorted(_PRE_QUALIFIERS, key=len, reverse=True))
# Qualifiers written after the number or the unit.
_POST_QUALIFIERS = {"左右": "approx", "上下": "approx", "以上": "more_than", "多": "more_than",
                    "余": "more_than", "以下": "less_than", "以内": "at_most"}

_CLASSIFIER = "[个块张颗台位名家座款片次种]"
# What a measure word counts when no noun follows it ("约有100万颗", "大约十二名"); a bilingual
# line's English mention of the same amount names it exactly (mentions.py).
_CLASSIFIER_UNITS = {"颗": "chip", "片": "wafer", "名": "person", "位": "person", "家": "company",
                     "台": "machine", "张": "card", "块": "card", "座": "facility", "种": "kind",
                     "次": "occurrence", "款": "product"}
# Nouns counted after a measure word (or directly after the number), with their registry unit.
_NOUN_UNITS = {
    "GPU": "GPU", "显卡": "GPU", "加速器": "accelerator", "加速卡": "accelerator", "芯片": "chip",
    "参数": "parameter", "训练标记": "token", "标记": "token", "令牌": "token", "词元": "token",
    "token": "token", "tokens": "token", "专家": "expert", "员工": "employee",
    "研究人员": "researcher", "研究员": "researcher", "工程师": "engineer",
    "人": "person", "用户": "user", "公司": "company", "服务器": "server",
    "数据中心": "datacenter", "模型": "model", "页": "page", "国家": "country", "晶圆": "wafer",
    "堆栈": "stack", "裸片": "die", "机架": "rack", "实验室": "lab", "设施": "facility",
    "就业岗位": "job", "岗位": "job", "家庭": "household", "户": "household",
}
for _counted in {*_NOUN_UNITS.values(), *_CLASSIFIER_UNITS.values()}:
    count_unit(_counted)
# Nouns that may sit a few modifier characters after the measure word ("数十万颗自家 Mac 芯片").
_FAR_NOUNS = ("GPU", "显卡", "芯片", "公司", "数据中心", "服务器", "模型", "员工", "工程师", "研究人员")
_FAR_WINDOW = 12
_TIME_UNITS = {"个小时": "hour", "小时": "hour", "分钟": "minute", "秒钟": "second", "秒": "second",
               "天": "day", "个星期": "week", "星期": "week", "周": "week", "个月": "month",
               "年": "year", "岁": "year"}
_PLAIN_UNITS = {
    "亿美元": "USD", "美元": "USD", "美金": "USD", "元人民币": "CNY", "人民币": "CNY", "元": "CNY",
    "吉瓦": "GW", "GW": "GW", "兆瓦": "MW", "MW": "MW", "千瓦": "kW", "kW": "kW",
    "千瓦时": "kWh", "兆瓦时": "MWh", "吉瓦时": "GWh", "太瓦时": "TWh", "度电": "kWh", "千伏": "kV",
    "美分": "cent", "升": "l", "EFLOPS": "EFLOP/s", "PFLOPS": "PFLOP/s",
    "%": "percent", "％": "percent", "倍": "dimensionless", **_TIME_UNITS,
}
_UNIT_WORD = "|".join(re.escape(w) for w in sorted(_PLAIN_UNITS, key=len, reverse=True))
_NOUN_WORD = "|".join(re.escape(w) for w in sorted(_NOUN_UNITS, key=len, reverse=True))
# Denominators of rates: "每小时" / "一小时" / "/小时", "每个参数", "每月".
_PER_UNITS = {**_TIME_UNITS, **_NOUN_UNITS, "月": "month", "千瓦时": "kWh", "兆瓦时": "MWh", "度": "kWh",
              "千瓦": "kW", "兆瓦": "MW", "吉瓦": "GW"}
_NOUN_UNITS_FOLDED = {word.casefold(): unit for word, unit in _NOUN_UNITS.items()}
_PLAIN_UNITS_FOLDED = {word.casefold(): unit for word, unit in _PLAIN_UNITS.items()}  # "gw" too
_PER_UNITS_FOLDED = {word.casefold(): unit for word, unit in _PER_UNITS.items()}
_PER_WORD = "|".join(re.escape(w) for w in sorted(_PER_UNITS, key=len, reverse=True))

_QUANTITY = re.compile(
    rf"(?:(?P<pq>{_PRE_QUALIFIER})\s*(?:有|是|为|在)?\s*)?"
    rf"(?P<pct>百分之)?"
    rf"(?P<n1>{_NUMBER})"
    rf"(?:(?P<pct1>\s?[%％])?{_RANGE_JOIN}(?P<n2>{_NUMBER}))?"
    rf"(?:\s?(?P<more>多|余))?"
    rf"\s?(?:(?P<unit>{_UNIT_WORD})|(?P<cls>{_CLASSIFIER})?\s?(?P<noun>{_NOUN_WORD})|(?P<far>{_CLASSIFIER}))?"
    rf"(?P<post>左右|上下|以上|以下|以内)?"
    rf"(?:\s?(?:每|一|/)\s?(?:个|块|张|颗|位)?(?P<per>{_PER_WORD}))?",
    re.IGNORECASE,
)
_PER_BEFORE = re.compile(rf"每(?:个|块|张|颗|位|名|台)?\s?(?P<per>{_PER_WORD})[^\d，。；：！？,.;:!?]{{0,4}}$")
# Shares as fractions: "三分之一" (one third), "一半" (half).
_FRACTION = re.compile(
    rf"(?:(?P<pq>{_PRE_QUALIFIER})\s?)?(?:(?P<den>\d+|{_CN_NUMERAL}+)分之(?P<num>\d+|{_CN_NUMERAL}+)|一半|半数)"
)
_ORDINAL_OR_REFERENCE = re.compile(r"(?:第|上个|下个|上一个|下一个|型号|编号)\s?$")
# "这十年", "本年度": this decade, this year, a period named, no amount; "这10倍的差距" is one
_THIS_PERIOD = re.compile(r"(?<![成资日基根样版])(?:本|这|那)\s?$")


@dataclass
class _Number:
    value: float
    magnitude: float = 1.0  # trailing 万/亿 factor, shared with a bare first range end
    vague_high: float | None = None  # "数十亿" spans [value, vague_high]
    is_lone_one: bool = False


def has_cjk(text: str) -> bool:
    """True when the text holds at least one Chinese character."""
    return bool(_CJK.search(text))


def parse_chinese_number(text: str) -> float:
    """Value of a Chinese numeral such as "七十二", "三十万", "两千亿" or "一亿五千万".

    Raises ValueError for text that is not a numeral, or a digit string such as "二〇二四"
    (a year read digit by digit, not a quantity).
    """
    if not text or any(ch not in _DIGITS and ch not in _MAGNITUDES for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if re.search("[一二两三四五六七八九〇][一二两三四五六七八九〇]", text):
        raise ValueError(f"digit string, not a numeral: {text!r}")
    total = 0.0
    section = 0.0
    number = 0.0
    for ch in text:
        if ch in _DIGITS:
            number = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (number or 1) * _SMALL_UNITS[ch]
            number = 0
        elif ch == "万":
            section = ((section + number) or 1) * _BIG_UNITS[ch]
            number = 0
        else:  # 亿
            total = ((total + section + number) or 1) * _BIG_UNITS[ch]
            section = number = 0
    return total + section + number


def _product(chars: str) -> float:
    factor = 1.0
    for ch in chars:
        factor *= _MAGNITUDES[ch]
    return factor


def _parse_number(text: str) -> _Number | None:
    """One number as matched by _NUMBER; None when it is not a usable quantity."""
    text = re.sub(r"\s", "", text)  # the pattern allows any space between digits and 万/亿
    big = _product(re.search("[万亿]*$", text).group())
    arabic = re.match(_ARABIC, text)
    if arabic:
        return _Number(float(arabic.group().replace(",", "")) * _product(text[arabic.end():]), big)
    if text[0] in "数几":  # "数十亿": tens of hundred-millions, 1e9 to 1e10
        unit = _product(text[1:])
        return _Number(unit, big, vague_high=10 * unit)
    if text.startswith("十几"):  # between ten and twenty
        unit = _product(text[2:])
        return _Number(10 * unit, big, vague_high=20 * unit)
    if text == "万亿":  # "万亿美元": a trillion, the one said without a leading digit
        return _Number(1e12, big)
    if text[0] in _MAGNITUDES and text[0] != "十":
        return None  # "千万" (by all means), "亿级": no leading digit, not a count
    try:
        value = parse_chinese_number(text)
    except ValueError:
        return None
    return _Number(value, big, is_lone_one=text == "一")


def _unit_of(match: re.Match[str], line: str) -> tuple[str, int] | None:
    """Registry unit of the match and where its surface ends; None when nothing is counted."""
    if match.group("pct") or match.group("pct1"):
        unit, end = "percent", match.end("n2") if match.group("n2") else match.end("n1")
        if match.group("unit") and _PLAIN_UNITS_FOLDED[match.group("unit").casefold()] == "percent":
            end = match.end("unit")
        return unit, end
    if match.group("unit"):
        unit, end = _PLAIN_UNITS_FOLDED[match.group("unit").casefold()], match.end("unit")
    elif match.group("noun"):
        unit, end = _NOUN_UNITS_FOLDED[match.group("noun").casefold()], match.end("noun")
    elif match.group("far"):  # a measure word whose noun sits a few characters further on
        window = line[match.end("far"):match.end("far") + _FAR_WINDOW]
        found = re.match(rf"[^\d，。；：！？,.;:!?、]*?({'|'.join(_FAR_NOUNS)})", window)
        if found:
            unit, end = _NOUN_UNITS[found.group(1)], match.end("far") + found.end(1)
        elif match.group("far") in _CLASSIFIER_UNITS:
            unit, end = _CLASSIFIER_UNITS[match.group("far")], match.end("far")
        else:
            return None
    else:
        named = _NOUN_BEFORE.search(line, max(0, match.start() - 8), match.start())
        if not named:
            return None
        unit, end = _NOUN_UNITS[named.group(1)], match.end("n2") if match.group("n2") else match.end("n1")
    if match.group("post"):
        end = match.end("post")
    if match.group("per"):
        unit = f"{unit}/{_PER_UNITS_FOLDED[match.group('per').casefold()]}"
        end = match.end("per")
    return unit, end


# "总参数达1万亿", "员工人数为3000": the noun said before the number it counts
_NOUN_BEFORE = re.compile(rf"({_NOUN_WORD})(?:数|人数|数量|总数|规模)?\s?(?:达到|达|为|约为|约|超过|有|是)\s?$")


def _is_excluded(match: re.Match[str], line: str, unit: str) -> bool:
    """Years, dates, times, ordinals, decade references and model names are not quantities."""
    before, after = line[:match.start("n1")], line[match.end("n1"):]
    if re.search(r"[A-Za-z][-.\s]?$|[\d:/.-]$", before):
        return True  # "GPT-4.5", "H100", "Llama 4模型", a date or a clock time
    if re.match(r"[:/]\d|\.\d|[A-Za-z]", after) and not re.match(r"(?i)GW|MW|kW|GPU|token", after):
        return True  # "7B", "4o", "4/9", "00:18"
    if not match.group("n2") and re.match(r"-\d", after):
        return True  # "02-27"
    if _ORDINAL_OR_REFERENCE.search(before):
        return True  # "第1章"
    if unit in _TIME_UNITS.values() and _THIS_PERIOD.search(before):
        return True  # "这十年"
    if unit == "year":
        if re.fullmatch(r"\d{4}", match.group("n1")) and 1900 <= int(match.group("n1")) <= 2100:
            return True  # "2024年": a calendar year
        if re.match(r"[初末底中]", line[match.end():]):
            return True  # "24 年初": early 2024
    return bool(re.match(r"\s?月\s?\d|\s?日", after))  # "4月8日"


def _bounds(first: _Number, second: _Number | None) -> tuple[float, float, float]:
    """Value, low and high of a single number, a vague magnitude, or a range."""
    if second is None:
        high = first.vague_high if first.vague_high is not None else first.value
        return (first.value + high) / 2, first.value, high
    low, high = first.value, second.vague_high or second.value
    if first.magnitude == 1 and second.magnitude > 1 and low * second.magnitude <= high:
        low *= second.magnitude  # "30到60万": the magnitude belongs to both ends
    return (low + high) / 2, low, high


def _qualifier(match: re.Match[str], first: _Number, per_gap: str, line_before: str) -> str:
    """Qualifier word before the number (or before a leading rate), after it, or from vagueness."""
    pre = match.group("pq") or _trailing_qualifier(line_before) or _inner_qualifier(per_gap)
    if pre:
        return _PRE_QUALIFIERS[pre]
    for group in ("post", "more"):
        if match.group(group):
            return _POST_QUALIFIERS[match.group(group)]
    if first.vague_high is not None:
        return "approx"
    if match.group("n2") and re.search("[、或]", match.group()):
        return "approx"  # "28 或 29 岁", "32、33 人": the speaker is unsure
    return "exact"


def _trailing_qualifier(text: str) -> str | None:
    found = re.search(rf"({_PRE_QUALIFIER})\s?$", text)
    return found.group(1) if found else None


def _inner_qualifier(text: str) -> str | None:
    found = re.search(rf"({_PRE_QUALIFIER})", text)
    return found.group(1) if found else None


def _chinese_quantity(match: re.Match[str], line: str, taken: list[tuple[int, int]]) -> Quantity | None:
    if any(s < match.end("n1") and match.start("n1") < e for s, e in taken):
        return None
    first = _parse_number(match.group("n1"))
    second = _parse_number(match.group("n2")) if match.group("n2") else None
    if first is None or (match.group("n2") and second is None):
        return None
    if first.is_lone_one and second is None and not match.group("pq"):
        return None  # "一个模型", "一年后": the article "one", not a count
    unit_end = _unit_of(match, line)
    if unit_end is None or _is_excluded(match, line, unit_end[0]):
        return None
    unit, end = unit_end
    if second is None and first.value <= 2 and line[end - 1:end] in "人位名":
        return None  # "两位", "两人": the two guests, as casual as "the two of us"
    start, per_gap = match.start(), ""
    per_before = None if match.group("per") else _PER_BEFORE.search(line[max(0, start - 12):start])
    if per_before:  # "每小时 1.40 美元", "每个参数应配约 20 个训练标记"
        unit = f"{unit}/{_PER_UNITS_FOLDED[per_before.group('per').casefold()]}"
        start -= len(per_before.group())
        per_gap = per_before.group()
    qualifier = _qualifier(match, first, per_gap, line[:start] if per_before else "")
    if per_before and _trailing_qualifier(line[:start]):
        start -= len(re.search(rf"(?:{_PRE_QUALIFIER})\s?$", line[:start]).group())
    value, low, high = _bounds(first, second)
    if low > high:
        return None  # "9-5": a tally or a schedule, no range, as in English
    if qualifier in ("more_than", "at_least") and second is None:
        high = None
    elif qualifier in ("less_than", "at_most") and second is None:
        low = None
    if unit.split("/")[0] == "cent":  # "16 美分": prices compare in dollars, as in English
        unit = "USD" + unit[len("cent"):]
        value, low, high = (None if v is None else v / 100 for v in (value, low, high))
    return Quantity(start=start, end=end, surface=line[start:end], value=value, low=low,
                    high=high, unit=unit, qualifier=qualifier)


def _fraction_quantity(match: re.Match[str]) -> Quantity | None:
    if match.group("den"):
        den, num = (_parse_number(match.group(g)) for g in ("den", "num"))
        if den is None or num is None or den.value == 0:
            return None
        share = 100 * num.value / den.value
    else:
        share = 50.0
    qualifier = _PRE_QUALIFIERS[match.group("pq")] if match.group("pq") else "approx"
    low = None if qualifier in ("less_than", "at_most") else share
    high = None if qualifier in ("more_than", "at_least") else share
    return Quantity(start=match.start(), end=match.end(), surface=match.group(), value=share,
                    low=low, high=high, unit="percent", qualifier=qualifier)


def _english_runs(line: str) -> list[tuple[int, int]]:
    """Spans of Latin-script sentences inside a Chinese line (quoted titles, citations)."""
    return [(m.start(), m.end()) for m in _LATIN_RUN.finditer(line)
            if len(re.findall(r"[A-Za-z]{2,}", m.group())) >= _MIN_ENGLISH_WORDS]


def find_chinese_quantities(text: str) -> list[Quantity]:
    """Quantities in one line that contains Chinese text, in order of position.

    Offsets are character offsets within the line, like the English finder's.
    """
    found: list[Quantity] = []
    english = _english_runs(text)
    for run_start, run_end in english:
        for quantity in find_quantities(text[run_start:run_end]):
            quantity.start += run_start
            quantity.end += run_start
            found.append(quantity)
    taken = list(english)
    for match in _QUANTITY.finditer(text):
        quantity = _chinese_quantity(match, text, taken)
        if quantity is not None:
            found.append(quantity)
            taken.append((quantity.start, quantity.end))
    for match in _FRACTION.finditer(text):
        quantity = _fraction_quantity(match)
        if quantity is not None and not any(s < quantity.end and quantity.start < e for s, e in taken):
            found.append(quantity)
    return sorted(found, key=lambda q: q.start)
