"""The claims ledger: one claim per fact, however many times and places it was said.

An interview reaches us as a summary, a cleaned transcript and a bilingual transcript, and a
speaker repeats himself; each repetition is a mention, and the reader wants the fact once,
with all its evidence and any disagreement. The ledger

- links documents that cover the same episode (similar titles, the same people, many shared
  specific values), so a claim repeated by a summary counts as one source, not two;
- links each Chinese mention to the English mention it translates (the line just before, same
  value and dimension; in a Chinese summary, the English mention sharing most names);
- groups mentions of the same fact: same dimension, agreeing values (ranges widened by the
  qualifier), compatible subjects (shared content words), no two different entities;
- flags conflicts: a value 10/100/1000x off its siblings whose digits match once a decimal
  point is dropped is a likely transcription error (the preferred reading is the one that fits
  the neighbouring values, else the one that kept its decimal point); two claims about the same
  subject whose ranges do not meet disagree.

Every claim says why its mentions were grouped.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from extract.schema import COLUMNS

CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id", "dimension", "unit", "value", "low", "high", "subject", "entity", "topic",
    "n_mentions", "n_sources", "docs", "episodes", "mention_ids", "langs", "conflict",
    "conflict_reason", "conflict_with", "preferred_value", "why",
)
LIST_SEPARATOR = "; "

EXACT_TOLERANCE = 0.005  # "1.4" and "1.40", rounding in the last digit
APPROX_TOLERANCE = 0.15  # "about $140" covers 119 to 161
SAME_EPISODE_SIMILARITY = 0.34
OTHER_EPISODE_SIMILARITY = 0.5
CONFLICT_SIMILARITY = 0.75
SIBLING_LINES = 3  # neighbouring values that tell which reading of a slip is right
CONTEXT_WORDS = 8
SUBJECT_WORD_WEIGHT = 0.25
NEIGHBOURS = 3  # values on each side that place a mention in the conversation
STRONG_SIMILARITY = 0.6  # needed when the two mentions name different entities
# A bare number says nothing of what it counts: never a conflict, merged on words alone.
GENERIC_DIMENSIONS = ("number",)

_STOPWORDS = frozenset(re.findall(r"\S+", """
a about above after again all also am an and any are as at be because been being but by can
could did do does doing down during each few for from further get got had has have having he
her here him his how i if in into is it its just kind know let like me mean more most my no
nor not now of off on once one only or other our out over own really right said same say says
she should so some such than that the their them then there these they thing things think
this those through to too um uh under until up us very was way we well were what when where
which while who whom why will with would yeah yes you your maybe basically actually gonna
sort lot lots roughly around approximately nearly almost over under about than per each
"""))
_UNIT_WORDS = frozenset(re.findall(r"\S+", """
usd dollar dollars buck bucks cent cents hour hours hr day days week weeks month months year
years minute minutes second seconds percent pct x times gpu gpus token tokens parameter
parameters billion million thousand trillion hundred k b m bn gw mw kw watt watts currency
rate number count ratio duration price
"""))
_IGNORED = _STOPWORDS | _UNIT_WORDS
_SUFFIXES = ("ments", "ment", "ings", "ing", "ies", "ed", "es", "s")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9.+-]*[A-Za-z0-9]|[A-Za-z]")
_CJK_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]+")
_NUMBER_TEXT = re.compile(r"\d[\d,]*(?:\.\d+)?")
_TITLE_DATE = re.compile(r"\b\d{4}[-/]\d{1,2}[-/]\d{1,2}\b")
# Capitalised word pairs, overlapping: "Dylan Patel Interview" gives "Dylan Patel" and "Patel Interview".
_NAME = re.compile(r"(?=\b([A-Z][a-z]+\s+[A-Z][a-z]+)\b)")


@dataclass
class _Mention:
    """One facts row as the ledger sees it: its effective range in base units and its words."""

    row: int
    mention_id: str
    doc: str
    line: int
    episode: str
    dimension: str
    lang: str
    value: float | None
    stated_low: float | None  # the range as stated, in the stated unit
    stated_high: float | None
    base: float | None
    low: float  # what the mention allows, in base units: open for "more than", widened for "about"
    high: float
    point_low: float  # the figure actually stated, for deciding two mentions say the same
    point_high: float
    entity: str
    subject_words: frozenset[str]
    context_words: frozenset[str]
    quote_names: frozenset[str]  # Latin-script words of the whole quote
    number_text: str
    pointlike: bool  # one stated figure, not a range or a bound
    neighbours: frozenset[tuple[str, float]] = frozenset()  # specific values said just around it


def build_ledger(
    facts: pd.DataFrame, titles: Mapping[str, str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group the facts table's mentions into claims.

    Returns (facts with a claim_id column, claims table in CLAIM_COLUMNS order). `titles`
    maps document names to their titles and helps recognise documents of the same episode.
    Raises ValueError naming the missing columns when the table is not a facts table.
    """
    missing = [c for c in COLUMNS if c not in facts.columns]
    if missing:
        raise ValueError(f"not a facts table: missing column(s) {', '.join(missing)}")
    facts = facts.reset_index(drop=True)
    mentions, translations, episode_reasons = _mentions(facts, titles)
    groups = _group(mentions, translations)
    claims = _claims_table(groups, mentions, facts, translations, episode_reasons)
    out = facts.copy()
    claim_of = {m: cid for cid, members in zip(claims["claim_id"], groups) for m in members}
    out["claim_id"] = [claim_of[i] for i in range(len(facts))]
    return out, claims


def _mentions(
    facts: pd.DataFrame, titles: Mapping[str, str] | None
) -> tuple[list[_Mention], dict[int, int], dict[str, str]]:
    """The rows of a facts table (index 0..n-1) as the ledger sees them, with their episodes:
    (mentions, zh row -> the English row it translates, reason per linked episode)."""
    episodes, episode_reasons = link_episodes(facts, titles)
    mentions = [_view(i, row, episodes) for i, row in enumerate(facts.to_dict("records"))]
    _add_neighbours(mentions)
    return mentions, _translation_pairs(mentions), episode_reasons


# ---------------------------------------------------------------- episodes


def link_episodes(
    facts: pd.DataFrame, titles: Mapping[str, str] | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """Documents covering the same episode share an episode id ("E1", "E2"...).

    Two documents are linked when their titles share most words, or when they share a person
    (speaker or a name in the title) and many specific values, or when they share very many
    specific values. Returns (episode id per document, reason per linked document).
    """
    titles = dict(titles or {})
    docs = list(dict.fromkeys(facts["doc"])) if len(facts) else []
    docs += [d for d in titles if d not in docs]
    values = {d: _specific_values(facts[facts["doc"] == d]) for d in docs}
    people = {d: _people(facts[facts["doc"] == d], titles.get(d, "")) for d in docs}
    words = {d: _title_words(titles.get(d, "")) for d in docs}
    parent = {d: d for d in docs}
    links: list[tuple[str, str]] = []
    for i, a in enumerate(docs):
        for b in docs[i + 1:]:
            reason = _same_episode(words[a], words[b], people[a] & people[b], values[a], values[b])
            if reason:
                parent[_find(parent, b)] = _find(parent, a)
                links.append((a, f"{_short(a)} and {_short(b)}: {reason}"))
    roots = list(dict.fromkeys(_find(parent, d) for d in docs))
    episode = {d: f"E{roots.index(_find(parent, d)) + 1}" for d in docs}
    reasons: dict[str, list[str]] = defaultdict(list)
    for doc, text in links:
        reasons[episode[doc]].append(text)
    return episode, {e: "; ".join(r) for e, r in reasons.items()}


def _short(doc: str) -> str:
    """"004_6715a186afd1f4c1.txt" -> "004": enough to tell the seed-style names apart."""
    return doc.split("_")[0] if re.match(r"\d+_", doc) else doc


def _same_episode(
    words_a: set[str], words_b: set[str], shared_people: set[str], values_a: set, values_b: set
) -> str:
    title = len(words_a & words_b) / len(words_a | words_b) if words_a and words_b else 0.0
    shared = values_a & values_b
    overlap = len(shared) / min(len(values_a), len(values_b)) if values_a and values_b else 0.0
    if title >= 0.6:
        return f"titles share {title:.0%} of their words"
    people = ", ".join(sorted(shared_people))
    if shared_people and len(shared) >= 3 and overlap >= 0.2:
        return f"same people ({people}) and {len(shared)} shared values ({overlap:.0%})"
    if len(shared) >= 8 and overlap >= 0.4:
        return f"{len(shared)} shared values ({overlap:.0%})"
    return ""


def _find(parent: dict[str, str], doc: str) -> str:
    while parent[doc] != doc:
        parent[doc] = parent[parent[doc]]
        doc = parent[doc]
    return doc


def _specific_values(rows: pd.DataFrame) -> set[tuple[str, float]]:
    """(dimension, value) pairs specific enough to suggest two documents say the same things."""
    found = (_specific(d, b) for d, b in zip(rows["dimension"], rows["base_value"]))
    return {f for f in found if f}


def _specific(dimension: str, base: float | None) -> tuple[str, float] | None:
    if base is None or not math.isfinite(base) or base == 0:
        return None
    common = dimension in ("duration", "ratio", "number", "percent") or dimension.startswith("count")
    if common and float(base).is_integer() and abs(base) <= 12:
        return None  # "two years", "10x", "five GPUs" are said everywhere
    return dimension, float(f"{base:.3g}")


def _people(rows: pd.DataFrame, title: str) -> set[str]:
    names = {s.strip().lower() for s in rows["speaker"] if s and s.strip()}
    names |= {n.lower() for n in _NAME.findall(title)}
    return names


def _title_words(title: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(_TITLE_DATE.sub(" ", title))} - _STOPWORDS


# ---------------------------------------------------------------- mentions


def _view(index: int, row: dict, episodes: Mapping[str, str]) -> _Mention:
    value, base = _number(row["value"]), _number(row["base_value"])
    factor = base / value if value not in (None, 0) and base is not None else 1.0
    low, high = _number(row["low"]), _number(row["high"])
    qualifier = row["qualifier"]
    tolerance = EXACT_TOLERANCE if qualifier == "exact" else APPROX_TOLERANCE
    stated_range = low is not None and high is not None and low != high
    pointlike = base is not None and not stated_range and qualifier in ("exact", "approx")
    if base is None:
        lo = hi = point_lo = point_hi = math.nan
    else:
        lo = (low if low is not None else value) * factor
        hi = (high if high is not None else value) * factor
        lo, hi = min(lo, hi), max(lo, hi)
        if stated_range and hi <= 2 * lo:  # "20-30 seconds", "49 or 51%": the range is the figure
            point_lo, point_hi = lo, hi
        else:  # a bound or a vague magnitude is compared by its stated figure
            point_lo = point_hi = base
        if qualifier in ("more_than", "at_least"):
            hi = math.inf
        elif qualifier in ("less_than", "at_most", "up_to"):
            lo = -math.inf
        lo, point_lo = (x - abs(x) * tolerance if math.isfinite(x) else x for x in (lo, point_lo))
        hi, point_hi = (x + abs(x) * tolerance if math.isfinite(x) else x for x in (hi, point_hi))
    surface = str(row["surface"])
    number = _NUMBER_TEXT.search(surface)
    entity = str(row["entity"] or "").strip().lower()
    drop = _words(entity) | _words(str(row["dimension"])) | _words(str(row["unit"]).replace("/", " "))
    quote = str(row["quote"] or "")
    return _Mention(
        row=index, mention_id=str(row["mention_id"]), doc=str(row["doc"]), line=int(row["line"]),
        episode=episodes.get(row["doc"], str(row["doc"])), dimension=str(row["dimension"]),
        lang=str(row.get("lang") or "en"), value=value, stated_low=low, stated_high=high, base=base,
        low=lo, high=hi,
        point_low=point_lo, point_high=point_hi, entity=entity,
        subject_words=_words(str(row["subject"] or "")) - drop,
        context_words=_context(quote, surface) - drop,
        quote_names=frozenset(w for w in _words(quote) if w.isascii()),
        number_text=number.group() if number else "", pointlike=pointlike,
    )


def _add_neighbours(mentions: list[_Mention]) -> None:
    """Give each mention the specific values said just before and after it in its document.

    Two transcripts of one conversation cut sentences differently, so the words around a
    number may differ, but the numbers around it do not: "$30 billion" said next to "50
    employees" in both transcripts is one statement.
    """
    by_doc: dict[str, list[_Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc].append(m)
    for ordered in by_doc.values():
        ordered.sort(key=lambda m: (m.line, m.row))
        keys = [_specific(m.dimension, m.base) for m in ordered]
        for i, m in enumerate(ordered):
            around = keys[max(0, i - NEIGHBOURS):i] + keys[i + 1:i + 1 + NEIGHBOURS]
            m.neighbours = frozenset(k for k in around if k and k != keys[i])


def _number(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


@lru_cache(maxsize=4096)  # entity, dimension and unit names recur on every row
def _words(text: str) -> frozenset[str]:
    words = set()
    for word in _WORD.findall(text):
        word = _stem(word.lower().rstrip("."))
        if len(word) > 2 and word not in _IGNORED and not word[0].isdigit():
            words.add(word)
    for run in _CJK_RUN.findall(text):  # Chinese: character pairs stand in for words
        words |= {run[i:i + 2] for i in range(len(run) - 1)}
    return frozenset(words)


@lru_cache(maxsize=65536)  # a transcript's vocabulary is small next to its length
def _stem(word: str) -> str:
    """"deployment", "deploying", "deployed" and "deploys" all become "deploy"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _context(quote: str, surface: str) -> frozenset[str]:
    """Content words near the mention in its quote: what the number is said about."""
    at = quote.find(surface)
    if at < 0:
        return _words(quote)
    before = quote[:at].split()[-CONTEXT_WORDS:]
    after = quote[at + len(surface):].split()[:CONTEXT_WORDS]
    if _CJK_RUN.search(quote):  # no spaces between Chinese words: take characters instead
        before, after = [quote[max(0, at - 24):at]], [quote[at + len(surface):at + len(surface) + 24]]
    return _words(" ".join(before + after))


def _similarity(a: _Mention, b: _Mention) -> tuple[float, frozenset[str]]:
    """How much two mentions are about the same thing (0 to 1), and the evidence shared.

    Each content word the two subjects share adds SUBJECT_WORD_WEIGHT, on top of the Dice
    overlap of the words around the two numbers: one shared generic word ("total") is not
    enough on its own. Across two documents, shared neighbouring values count as well.
    """
    subject = a.subject_words & b.subject_words
    context = a.context_words & b.context_words
    dice = 2 * len(context) / (len(a.context_words) + len(b.context_words)) if context else 0.0
    best, shared = min(1.0, SUBJECT_WORD_WEIGHT * len(subject) + dice), subject | context
    if a.doc != b.doc and a.neighbours and b.neighbours:  # two transcripts of one conversation
        common_values = a.neighbours & b.neighbours
        overlap = len(common_values) / min(len(a.neighbours), len(b.neighbours))
        if overlap > best:
            best, shared = overlap, frozenset(f"{_format(v)} ({d})" for d, v in common_values)
    return best, shared


def _agree(a: _Mention, b: _Mention) -> bool:
    """The stated figures meet: the same fact said twice, possibly with rounding."""
    return a.point_low <= b.point_high and b.point_low <= a.point_high


def _compatible(a: _Mention, b: _Mention) -> bool:
    """What the two mentions allow overlaps ("more than 100" allows 150)."""
    return a.low <= b.high and b.low <= a.high


def _decimal_slip(a: _Mention, b: _Mention) -> int:
    """Power of ten between two readings that differ only by a lost decimal point, else 0."""
    if not (a.pointlike and b.pointlike and a.base and b.base and a.number_text and b.number_text):
        return 0
    if a.dimension in GENERIC_DIMENSIONS:
        return 0
    if "." not in a.number_text + b.number_text or a.base * b.base < 0:
        return 0
    ratio = max(abs(a.base), abs(b.base)) / min(abs(a.base), abs(b.base))
    power = round(math.log10(ratio))
    if power not in (1, 2, 3) or abs(ratio / 10**power - 1) > EXACT_TOLERANCE:
        return 0
    digits_a, digits_b = (re.sub(r"\D", "", t).strip("0") for t in (a.number_text, b.number_text))
    return power if digits_a == digits_b else 0


# ---------------------------------------------------------------- translations


def link_translations(facts: pd.DataFrame) -> dict[str, str]:
    """For each Chinese mention that translates an English one, that English mention's id."""
    facts = facts.reset_index(drop=True)
    episodes = {d: d for d in facts["doc"]}
    mentions = [_view(i, row, episodes) for i, row in enumerate(facts.to_dict("records"))]
    pairs = _translation_pairs(mentions)
    return {mentions[zh].mention_id: mentions[en].mention_id for zh, en in pairs.items()}


def _translation_pairs(mentions: list[_Mention]) -> dict[int, int]:
    """zh row -> en row. A bilingual transcript puts the translation on the line after the
    English one; a Chinese summary gets the English mention of the same document sharing most
    names. Equal values pair up in order of appearance."""
    by_line: dict[tuple[str, int], list[_Mention]] = defaultdict(list)
    for m in mentions:
        by_line[(m.doc, m.line)].append(m)
    english_lines: dict[str, list[int]] = defaultdict(list)
    english: dict[tuple[str, str], list[_Mention]] = defaultdict(list)  # in mention order
    for (doc, line), group in by_line.items():
        if any(m.lang == "en" for m in group):
            english_lines[doc].append(line)
    for lines in english_lines.values():
        lines.sort()
    for m in mentions:
        if m.lang == "en" and m.base is not None:
            english[(m.doc, m.dimension)].append(m)
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for m in mentions:
        if m.lang != "zh" or m.base is None:
            continue
        lines = english_lines[m.doc]
        at = bisect_left(lines, m.line)
        previous = lines[at - 1] if at else None
        candidates = []
        if previous is not None and m.line - previous <= 2:
            free = [e for e in by_line[(m.doc, previous)] if e.lang == "en" and e.row not in used
                    and e.dimension == m.dimension and e.base is not None]
            # the same value first; else a rendering of a vague or ranged figure ("十几分钟")
            candidates = [e for e in free if _translates(m, e)] or [e for e in free if _compatible(m, e)]
        if not candidates and (previous is None or m.line - previous > 2):
            candidates = _summary_candidates(m, english[(m.doc, m.dimension)], used)
        if candidates:
            pairs[m.row] = candidates[0].row
            used.add(candidates[0].row)
    return pairs


def _translates(zh: _Mention, en: _Mention) -> bool:
    return (en.lang == "en" and en.dimension == zh.dimension and en.base is not None
            and abs(en.base - zh.base) <= EXACT_TOLERANCE * max(abs(en.base), abs(zh.base)))


def _summary_candidates(zh: _Mention, english: list[_Mention], used: set[int]) -> list[_Mention]:
    """The English mention of `english` (its document's, same dimension) it translates."""
    scored = []
    for en in english:
        if en.row not in used and _translates(zh, en):
            shared = zh.quote_names & en.quote_names
            if shared:
                scored.append((-len(shared), en.line, en))
    scored.sort(key=lambda t: (t[0], t[1]))
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return []  # two English mentions fit equally well: do not guess
    return [s[2] for s in scored[:1]]


# ---------------------------------------------------------------- grouping


@dataclass
class _Cluster:
    """A growing group and what a merge must check, so that a merge costs the size of the
    smaller group rather than the product of both. Translations are left out, as in the check."""

    members: list[int]
    floor: float  # highest stated low of its mentions; all of them meet in [floor, ceiling]
    ceiling: float
    readings: dict[tuple, int]  # one mention per distinct (figure, digits, episode) it holds
    places: dict[tuple[str, int], set[float]]  # values said on each (doc, line)
    dimension: str | None


def _group(mentions: list[_Mention], translations: Mapping[int, int]) -> list[list[int]]:
    """Agglomerate mentions, most similar pairs first, keeping every group consistent."""
    cluster = {m.row: m.row for m in mentions}
    state = {m.row: _cluster_of(m, m.row in translations) for m in mentions}
    for zh, en in translations.items():
        _union(cluster, state, en, zh)
    for _score, a, b in _candidate_pairs(mentions, translations):
        ca, cb = cluster[a], cluster[b]
        if ca != cb and _consistent(state[ca], state[cb], mentions):
            _union(cluster, state, ca, cb)
    groups = sorted((c.members for c in state.values()),
                    key=lambda g: min((mentions[i].doc, mentions[i].line, i) for i in g))
    return [sorted(g) for g in groups]


def _cluster_of(m: _Mention, translation: bool) -> _Cluster:
    if translation:  # counts through the English mention it renders
        return _Cluster([m.row], -math.inf, math.inf, {}, {}, None)
    stated = m.base is not None
    return _Cluster(
        [m.row], m.point_low if stated else math.inf, m.point_high if stated else -math.inf,
        {_reading_key(m): m.row}, {(m.doc, m.line): {m.base}}, m.dimension)


def _reading_key(m: _Mention) -> tuple:
    """Everything `_agree` and `_decimal_slip` look at: mentions with equal keys behave alike."""
    return m.point_low, m.point_high, m.pointlike, m.base, m.number_text, m.episode


def _union(cluster: dict[int, int], state: dict[int, _Cluster], keep: int, gone: int) -> None:
    keep, gone = cluster[keep], cluster[gone]
    if keep == gone:
        return
    if len(state[keep].members) < len(state[gone].members):
        keep, gone = gone, keep
    big, small = state[keep], state.pop(gone)
    for i in small.members:
        cluster[i] = keep
    big.members.extend(small.members)
    big.floor, big.ceiling = max(big.floor, small.floor), min(big.ceiling, small.ceiling)
    big.readings.update((k, v) for k, v in small.readings.items() if k not in big.readings)
    for place, values in small.places.items():
        big.places.setdefault(place, set()).update(values)
    big.dimension = big.dimension or small.dimension


# A mention is compared with at most this many agreeing mentions, half before and half after
# it (by relative position in its document), and looks at most SCAN mentions ahead for them:
# a value said thousands of times in one transcript would otherwise be compared pairwise.
# A fact repeated more often than that still becomes one claim through chains of nearby
# repetitions, and the seeds' groups are far smaller than the cap.
PARTNERS = 30
SCAN = 4 * PARTNERS


def _candidate_pairs(
    mentions: list[_Mention], translations: Mapping[int, int]
) -> list[tuple[float, int, int]]:
    """Pairs worth merging, best first: same dimension, agreeing (or decimal-slipped) values,
    similar enough subjects for their scope.

    Within an episode, mentions whose figures overlap (found by a sweep over their sorted
    ranges) and mentions with the same digits (decimal-slip candidates) are compared with
    their nearest neighbours in document order; across episodes only mentions of the same
    value and entity. Each of these three searches gives a mention at most PARTNERS // 2
    partners ahead of it, so the pairs, like the work, grow linearly with the mentions.
    """
    last_line: dict[str, int] = defaultdict(int)
    for m in mentions:
        last_line[m.doc] = max(last_line[m.doc], m.line)
    position = {m.row: (m.line / max(last_line[m.doc], 1), m.doc, m.row) for m in mentions}
    within: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    across: dict[tuple[str, str, float], list[_Mention]] = defaultdict(list)
    for m in mentions:
        if m.base is not None and m.row not in translations:
            within[(m.dimension, m.episode)].append(m)
            if m.entity:
                across[(m.dimension, m.entity, float(f"{m.base:.3g}"))].append(m)
    found: set[tuple[int, int]] = set()
    for bucket in within.values():
        for run in _overlapping_runs(bucket):
            found.update(_nearby_pairs(run, position, _agree))
        for same_digits in _slip_buckets(bucket):
            found.update(_nearby_pairs(same_digits, position, lambda a, b: a.base != b.base and _decimal_slip(a, b)))
    for bucket in across.values():
        if len({m.episode for m in bucket}) > 1:
            found.update(_nearby_pairs(bucket, position, lambda a, b: a.episode != b.episode and _agree(a, b)))
    pairs = (_scored(mentions[a], mentions[b], SAME_EPISODE_SIMILARITY if mentions[a].episode == mentions[b].episode
                     else OTHER_EPISODE_SIMILARITY) for a, b in found)
    kept = [p for p in pairs if p is not None]
    kept.sort(key=lambda p: (-p[0], p[1], p[2]))
    return kept


def _overlapping_runs(bucket: list[_Mention]) -> list[list[_Mention]]:
    """Split mentions into runs whose stated ranges chain together; agreeing pairs never
    straddle two runs. One sort and one sweep."""
    runs: list[list[_Mention]] = []
    reach = -math.inf
    for m in sorted(bucket, key=lambda m: (m.point_low, m.row)):
        if not runs or m.point_low > reach:
            runs.append([])
            reach = m.point_high
        runs[-1].append(m)
        reach = max(reach, m.point_high)
    return runs


def _slip_buckets(bucket: list[_Mention]) -> list[list[_Mention]]:
    """Mentions that could be one decimal slip apart: the same digits, a decimal point in the
    group, more than one magnitude."""
    by_digits: dict[tuple[str, bool], list[_Mention]] = defaultdict(list)
    for m in bucket:
        if m.pointlike and m.base and m.number_text and m.dimension not in GENERIC_DIMENSIONS:
            by_digits[(re.sub(r"\D", "", m.number_text).strip("0"), m.base > 0)].append(m)
    return [g for g in by_digits.values()
            if any("." in m.number_text for m in g) and len({m.base for m in g}) > 1]


def _nearby_pairs(
    group: list[_Mention], position: Mapping[int, tuple], related: Callable[[_Mention, _Mention], object]
) -> list[tuple[int, int]]:
    """(row, row) pairs of related mentions, each mention with its nearest related ones in
    document order: at most PARTNERS // 2 found ahead of it among the next SCAN."""
    ordered = sorted(group, key=lambda m: position[m.row])
    pairs = []
    for i, a in enumerate(ordered):
        taken = 0
        for b in ordered[i + 1:i + 1 + SCAN]:
            if related(a, b):
                pairs.append((min(a.row, b.row), max(a.row, b.row)))
                taken += 1
                if taken == PARTNERS // 2:
                    break
    return pairs


def _scored(a: _Mention, b: _Mention, needed: float) -> tuple[float, int, int] | None:
    score, _ = _similarity(a, b)
    if _different_entities(a, b):
        needed = max(needed, STRONG_SIMILARITY)
    return (score, a.row, b.row) if score >= needed else None


def _different_entities(a: _Mention, b: _Mention) -> bool:
    """Each names an entity the other's quote never mentions ("Amazon" vs "Nvidia" in one
    sentence naming both is not a difference: attribution within a sentence is uncertain)."""
    if not a.entity or not b.entity or a.entity == b.entity:
        return False
    return not (_words(a.entity) <= b.quote_names or _words(b.entity) <= a.quote_names)


def _consistent(left: _Cluster, right: _Cluster, mentions: list[_Mention]) -> bool:
    """Every cross pair agrees or is one decimal slip apart, and no line says two different
    figures ("maybe $2, maybe $1.75": alternatives side by side, not one figure). A
    translation counts through the English mention it renders ("差不多一年" for "nine months
    to a year"). Decided on the clusters' summaries, not on every pair of members."""
    if left.dimension and right.dimension and left.dimension != right.dimension:
        return False
    few, many = sorted((left.places, right.places), key=len)
    for place, values in few.items():
        others = many.get(place, ())
        if any(not _close(a, b, EXACT_TOLERANCE) for a in values for b in others):
            return False
    if left.floor <= right.ceiling and right.floor <= left.ceiling:
        return True  # all stated figures of both meet in one range: every cross pair agrees
    for i in left.readings.values():
        for j in right.readings.values():
            a, b = mentions[i], mentions[j]
            if not (_agree(a, b) or (a.episode == b.episode and _decimal_slip(a, b))):
                return False
    return True


# ---------------------------------------------------------------- claims


def _claims_table(
    groups: list[list[int]], mentions: list[_Mention], facts: pd.DataFrame,
    translations: Mapping[int, int], episode_reasons: Mapping[str, str],
) -> pd.DataFrame:
    by_place: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: (m.line, m.row)):
        by_place[(m.doc, m.dimension)].append(m)
    rows = [_claim_row(n + 1, g, mentions, facts, translations, episode_reasons, by_place)
            for n, g in enumerate(groups)]
    claims = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS)) if rows else pd.DataFrame(
        {c: [] for c in CLAIM_COLUMNS})
    _flag_disagreements(claims, groups, mentions)
    return claims.astype({"conflict": bool, "n_mentions": "int64", "n_sources": "int64"})


def _claim_row(
    number: int, group: list[int], mentions: list[_Mention], facts: pd.DataFrame,
    translations: Mapping[int, int], episode_reasons: Mapping[str, str],
    by_place: Mapping[tuple[str, str], list[_Mention]],
) -> dict:
    rows = facts.iloc[group]
    members = [mentions[i] for i in group]
    readings = _readings(members)
    conflict_reason, preferred_base = "", None
    if len(readings) == 2:
        conflict_reason, preferred_base = _slip_verdict(readings, members, by_place, facts)
    agreeing = [m for m in members if preferred_base is None or _close(m.base, preferred_base)]
    unit, factor = _canonical_unit(facts.iloc[[m.row for m in agreeing]] if agreeing else rows)
    values = [m.base / factor for m in agreeing if m.base is not None]
    lows = [m.stated_low for m in agreeing]
    highs = [m.stated_high for m in agreeing]
    row_factor = [(m.base / m.value) if m.value not in (None, 0) and m.base is not None else factor
                  for m in agreeing]
    lows = [lo * f / factor for lo, f in zip(lows, row_factor) if lo is not None]
    highs = [hi * f / factor for hi, f in zip(highs, row_factor) if hi is not None]
    value = _median(values) if values else None
    docs = list(dict.fromkeys(rows["doc"]))
    episodes = list(dict.fromkeys(m.episode for m in members))
    entity = _most_common(rows["entity"])
    return {
        "claim_id": f"C{number:04d}",
        "dimension": members[0].dimension,
        "unit": unit,
        "value": value,
        "low": min(lows) if lows else None,
        "high": max(highs) if highs else None,
        "subject": _most_common(rows["subject"]),
        "entity": entity,
        "topic": _most_common(rows["topic"]),
        "n_mentions": len(group),
        "n_sources": len(episodes),
        "docs": LIST_SEPARATOR.join(docs),
        "episodes": LIST_SEPARATOR.join(episodes),
        "mention_ids": LIST_SEPARATOR.join(m.mention_id for m in members),
        "langs": LIST_SEPARATOR.join(sorted({m.lang for m in members})),
        "conflict": bool(conflict_reason),
        "conflict_reason": conflict_reason,
        "conflict_with": "",
        "preferred_value": preferred_base / factor if preferred_base is not None else value,
        "why": _why(members, docs, entity, preferred_base is not None, translations, mentions,
                    episode_reasons),
    }


def _readings(members: list[_Mention]) -> list[list[_Mention]]:
    """Members split into groups of agreeing values (two groups mean a decimal slip)."""
    readings: list[list[_Mention]] = []
    for m in members:
        if m.base is None:
            continue
        for reading in readings:
            if _close(reading[0].base, m.base):
                reading.append(m)
                break
        else:
            readings.append([m])
    if len(readings) > 2 or (len(readings) == 2 and not _decimal_slip(readings[0][0], readings[1][0])):
        return [[m for m in members if m.base is not None]]
    return readings


def _close(a: float | None, b: float | None, tolerance: float = 0.2) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def _slip_verdict(
    readings: list[list[_Mention]], members: list[_Mention],
    by_place: Mapping[tuple[str, str], list[_Mention]], facts: pd.DataFrame,
) -> tuple[str, float]:
    """Which of two decimal-slipped readings to prefer, and the reason in words."""
    small, large = sorted(readings, key=lambda r: abs(r[0].base))
    power = _decimal_slip(small[0], large[0])
    unit = str(facts.at[small[0].row, "unit"])
    siblings = _siblings(members, by_place)
    distance = {id(r): _log_distance(r[0].base, siblings) for r in (small, large)}
    with_point = [r for r in (small, large) if any("." in m.number_text for m in r)]
    if siblings and abs(distance[id(small)] - distance[id(large)]) >= 0.5:
        preferred = min((small, large), key=lambda r: distance[id(r)])
        nearby = ", ".join(_format(v / _factor(small[0])) for v in sorted(set(siblings))[:4])
        why = f"it fits the other values said nearby ({nearby} {unit})"
        if preferred in with_point:
            why += " and kept its decimal point"
    elif len(with_point) == 1:
        preferred = with_point[0]
        why = "it kept its decimal point; a lost one is the usual transcription slip"
    else:
        preferred = max((small, large), key=lambda r: len({m.episode for m in r}))
        why = "more sources say it"
    other = large if preferred is small else small
    reason = (f"likely transcription error: {_reading_text(other, unit)} is {10**power:g}x "
              f"{_reading_text(preferred, unit)}, the same digits with the decimal point moved; "
              f"preferred {_format(preferred[0].value)} because {why}")
    return reason, preferred[0].base


def _factor(m: _Mention) -> float:
    """Base units per stated unit for this mention."""
    return m.base / m.value if m.value not in (None, 0) and m.base is not None else 1.0


def _siblings(members: list[_Mention], by_place: Mapping[tuple[str, str], list[_Mention]]) -> list[float]:
    """Base values of the same dimension said a few lines around the claim's mentions.
    `by_place` holds each document's mentions of each dimension in line order."""
    rows = {m.row for m in members}
    found: dict[int, float] = {}
    for doc, line in {(m.doc, m.line) for m in members}:
        ordered = by_place.get((doc, members[0].dimension), [])
        start = bisect_left(ordered, line - SIBLING_LINES, key=lambda o: o.line)
        end = bisect_right(ordered, line + SIBLING_LINES, key=lambda o: o.line)
        found.update((o.row, o.base) for o in ordered[start:end] if o.row not in rows and o.base)
    return list(found.values())


def _log_distance(value: float, others: list[float]) -> float:
    if not others or value <= 0:
        return 0.0
    return _median([abs(math.log10(value) - math.log10(o)) for o in others if o > 0] or [0.0])


def _reading_text(reading: list[_Mention], unit: str) -> str:
    where = ", ".join(f"{_short(m.doc)}:{m.line}{' zh' if m.lang == 'zh' else ''}" for m in reading)
    return f"{_format(reading[0].value)} {unit} ({where})"


def _format(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


def _canonical_unit(rows: pd.DataFrame) -> tuple[str, float]:
    """The unit most mentions used (English first) and its factor to the base unit."""
    english = rows[rows["lang"] != "zh"] if "lang" in rows else rows
    source = english if len(english) else rows
    unit = _most_common(source["unit"])
    sample = source[source["unit"] == unit].iloc[0]
    value, base = _number(sample["value"]), _number(sample["base_value"])
    factor = base / value if value not in (None, 0) and base is not None else 1.0
    return unit, factor


def _most_common(values: Iterable[object]) -> str:
    counted = Counter(str(v) for v in values if v is not None and str(v) not in ("", "nan"))
    return counted.most_common(1)[0][0] if counted else ""


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _why(
    members: list[_Mention], docs: list[str], entity: str, slip: bool, translations: Mapping[int, int],
    mentions: list[_Mention], episode_reasons: Mapping[str, str],
) -> str:
    """Which fields agreed for the mentions to be grouped, in words."""
    if len(members) == 1:
        return "one mention"
    parts = [f"{len(members)} mentions in {len(docs)} document(s)",
             f"same dimension ({members[0].dimension})"]
    values = sorted({_format(m.value) for m in members})
    if len(values) == 1:
        parts.append(f"same value {values[0]}")
    else:
        parts.append(f"values {', '.join(values)} " + ("a decimal point apart" if slip else "agree"))
    if entity:
        parts.append(f"entity {entity}")
    english = [m for m in members if m.row not in translations]
    shared: Counter[str] = Counter()
    for i, a in enumerate(english):  # evidence of each mention and the next few, not all pairs
        for b in english[i + 1:i + 1 + PARTNERS // 2]:
            shared.update(_similarity(a, b)[1])
    if shared:
        parts.append("shared context: " + ", ".join(w for w, _ in shared.most_common(6)))
    rows = {m.row for m in members}
    links = [f"{_short(mentions[z].doc)}:{mentions[z].line} (zh) translates line {mentions[e].line}"
             for z, e in translations.items() if z in rows]
    parts += links
    for episode in dict.fromkeys(m.episode for m in members):
        if len({m.doc for m in members if m.episode == episode}) > 1 and episode in episode_reasons:
            parts.append(f"one episode ({episode_reasons[episode]})")
    return "; ".join(parts)


def _flag_disagreements(claims: pd.DataFrame, groups: list[list[int]], mentions: list[_Mention]) -> None:
    """Flag pairs of claims about the same subject whose ranges do not meet, when they come
    from different documents of one episode (one source says one value, another the other).

    Only claims sharing a rare subject word are compared (an inverted index over the words
    that any pair similar enough must share), each with at most PARTNERS others."""
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, group in enumerate(groups):
        first = mentions[group[0]]
        if first.base is not None and first.dimension not in GENERIC_DIMENSIONS:
            for episode in dict.fromkeys(mentions[i].episode for i in group):
                buckets[(first.dimension, episode)].append(index)
    summaries: dict[int, _Subject] = {}
    candidates = []
    for number, indices in enumerate(buckets.values()):
        for i in indices:
            if i not in summaries:
                summaries[i] = _subject(groups[i], mentions)
        candidates += [(number, i, j) for i, j in _same_subject_pairs(indices, summaries)]
    flagged: set[tuple[int, int]] = set()
    for _, i, j in sorted(candidates):
        if (i, j) not in flagged and _disagree(summaries[i], summaries[j]):
            flagged.add((i, j))
            words = sorted(summaries[i].words & summaries[j].words)
            for this, other in ((i, j), (j, i)):
                _mark(claims, this, other, f"disagrees with {claims.at[other, 'claim_id']} "
                                           f"on the same subject ({', '.join(words)})")


@dataclass(frozen=True)
class _Subject:
    """What deciding a disagreement needs of one claim."""

    words: frozenset[str]
    docs: frozenset[str]
    allowed: list[tuple[float, float]]  # what its mentions allow, as sorted disjoint ranges


def _subject(group: list[int], mentions: list[_Mention]) -> _Subject:
    members = [mentions[i] for i in group]
    allowed: list[tuple[float, float]] = []
    for low, high in sorted((m.low, m.high) for m in members if m.low <= m.high):
        if allowed and low <= allowed[-1][1]:
            allowed[-1] = (allowed[-1][0], max(high, allowed[-1][1]))
        else:
            allowed.append((low, high))
    return _Subject(frozenset().union(*(m.subject_words for m in members)),
                    frozenset(m.doc for m in members), allowed)


def _same_subject_pairs(indices: list[int], summaries: Mapping[int, _Subject]) -> list[tuple[int, int]]:
    """(earlier, later) claims from different documents that may share enough subject words.

    Prefix filtering: two word sets with Jaccard similarity of at least CONFLICT_SIMILARITY
    (and two words in common) share one of the rarest len - needed + 1 words of each."""
    if len(frozenset().union(*(summaries[i].docs for i in indices))) < 2:
        return []
    frequency = Counter(w for i in indices for w in summaries[i].words)
    posted: dict[str, list[int]] = defaultdict(list)
    pairs = []
    for i in indices:
        words = summaries[i].words
        if len(words) < 2:
            continue
        needed = max(2, math.ceil(CONFLICT_SIMILARITY * len(words)))
        rarest = sorted(words, key=lambda w: (frequency[w], w))[:len(words) - needed + 1]
        partners: set[int] = set()
        for word in rarest:
            for j in reversed(posted[word][-SCAN:]):
                if len(partners) < PARTNERS and not summaries[i].docs & summaries[j].docs:
                    partners.add(j)
            posted[word].append(i)
        pairs += [(j, i) for j in partners]
    return pairs


def _disagree(left: _Subject, right: _Subject) -> bool:
    if left.docs & right.docs:
        return False  # one document giving both values speaks of two things (two dates, two models)
    a, b = left.words, right.words
    if len(a & b) < 2 or len(a & b) / len(a | b) < CONFLICT_SIMILARITY:
        return False
    return not _ranges_meet(left.allowed, right.allowed)


def _ranges_meet(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    """Some range of each overlaps ("more than 100" allows 150); both lists sorted, disjoint."""
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i][0] <= b[j][1] and b[j][0] <= a[i][1]:
            return True
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return False


def _mark(claims: pd.DataFrame, row: int, other: int, reason: str) -> None:
    claims.at[row, "conflict"] = True
    claims.at[row, "conflict_reason"] = "; ".join(r for r in (claims.at[row, "conflict_reason"], reason) if r)
    claims.at[row, "conflict_with"] = LIST_SEPARATOR.join(
        c for c in (claims.at[row, "conflict_with"], claims.at[other, "claim_id"]) if c)
