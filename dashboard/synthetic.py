"""A synthetic facts table of realistic claims, of any size, for speed measurements and tests.

Rows are drawn from claims of the kind the seeds contain ("$6 an hour", "72 GPUs", "1.5 GW"),
spread over many documents, speakers and entities, with values varied so charts have spread.
Base values and dimensions come from the project's unit registry, as in the extractor's table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from extract.schema import COLUMNS, Mention
from extract.table import to_frame
from extract.units import dimension_name, to_base

VIDEO = "https://www.youtube.com/watch?v=cHgCbDWejIs"
# doc, line, timestamp, surface, value, low, high, unit, qualifier, subject, entity, topic, speaker, quote
SAMPLE = (
    ("001_interview.txt", 12, "00:31:03", "$6 an hour", 6.0, 6.0, 6.0, "USD/hour", "exact",
     "H100 rental price", "Nvidia", "pricing", "Dylan Patel",
     "Two years ago you paid $6 an hour for an H100."),
    ("001_interview.txt", 14, "00:31:20", "$1.40 an hour", 1.4, 1.4, 1.4, "USD/hour", "approx",
     "H100 rental price today", "Amazon", "pricing", "Dylan Patel",
     "Today it is more like $1.40 an hour."),
    ("001_interview.txt", 20, "00:40:00", "72 GPUs", 72.0, 72.0, 72.0, "GPU", "exact",
     "GPUs per NVL72 rack", "Nvidia", "hardware", "Dylan Patel",
     "The rack ties 72 GPUs into one domain."),
    ("001_interview.txt", 21, "00:40:09", "8 GPUs", 8.0, 8.0, 8.0, "GPU", "exact",
     "GPUs per HGX server", "Nvidia", "hardware", "Dylan Patel",
     "A normal server has 8 GPUs."),
    ("001_interview.txt", 30, "00:52:45", "300,000 to 600,000 GPUs", 450000.0, 300000.0, 600000.0,
     "GPU", "approx", "xAI cluster size", "xAI", "clusters", "Host",
     "They talk about 300,000 to 600,000 GPUs in one place."),
    ("002_notes.md", 3, "", "20%", 20.0, 20.0, 20.0, "percent", "exact",
     "OpenAI revenue share", "Microsoft", "finance", "",
     "Microsoft gets 20% of the revenue."),
    ("002_notes.md", 5, "", "1.5 GW", 1.5, 1.5, 1.5, "GW", "exact",
     "Louisiana datacenter power", "Meta", "energy", "",
     "The Louisiana site is planned at 1.5 GW."),
    ("002_notes.md", 7, "", "$10 billion", 1e10, 1e10, 1e10, "USD", "exact",
     "OpenAI revenue", "OpenAI", "finance", "",
     "OpenAI makes $10 billion in revenue."),
    ("002_notes.md", 9, "", "$4,380 a month", 4380.0, 4380.0, 4380.0, "USD/month", "exact",
     "dedicated server cost", "CoreWeave", "pricing", "",
     "<script>alert(1)</script> **bold** [click](javascript:alert(1)) $4,380 a month"),
    ("002_notes.md", 11, "", "3 employees", 3.0, 3.0, 3.0, "employee", "exact",
     "=HYPERLINK(\"http://example.com\")", "@corp", "talent", "",
     "+3 employees left; -2 joined"),
)

# surface, value, low, high, unit, qualifier, subject, entity, topic, sentence
CLAIMS = (
    ("$6 an hour", 6.0, None, None, "USD/hour", "exact", "H100 rental price", "Nvidia", "pricing",
     "You could rent an H100 for $6 an hour back then."),
    ("$1.40 an hour", 1.4, None, None, "USD/hour", "approx", "H100 rental price now", "Nvidia",
     "pricing", "Now it's more like $1.40 an hour on the spot market."),
    ("$4,380 a month", 4380.0, None, None, "USD/month", "exact", "dedicated server cost", "CoreWeave",
     "pricing", "A dedicated box runs about $4,380 a month."),
    ("72 GPUs", 72.0, None, None, "GPU", "exact", "GPUs per NVL72 rack", "Nvidia", "hardware",
     "The NVL72 rack ties 72 GPUs together in one domain."),
    ("8 GPUs", 8.0, None, None, "GPU", "exact", "GPUs per HGX server", "Nvidia", "hardware",
     "A normal HGX server has 8 GPUs."),
    ("300,000 to 600,000 GPUs", 450000.0, 300000.0, 600000.0, "GPU", "approx", "xAI cluster size",
     "xAI", "clusters", "They are talking about 300,000 to 600,000 GPUs in one place."),
    ("100,000 GPUs", 100000.0, None, None, "GPU", "more_than", "Memphis cluster", "xAI", "clusters",
     "Colossus already has more than 100,000 GPUs."),
    ("20%", 20.0, None, None, "percent", "exact", "share of compute on inference", "OpenAI", "scaling",
     "Maybe 20% of the compute goes to inference today."),
    ("49 or 51%", 50.0, 49.0, 51.0, "percent", "approx", "ownership stake", "Microsoft", "finance",
     "Whether it's 49 or 51% doesn't matter much."),
    ("1.5 GW", 1.5, None, None, "GW", "exact", "datacenter power", "Meta", "energy",
     "The Louisiana site is planned at 1.5 GW."),
    ("200 MW", 200.0, None, None, "MW", "approx", "first phase power", "Oracle", "energy",
     "The first phase is around 200 MW."),
    ("$10 billion", 1e10, None, None, "USD", "exact", "datacenter capex", "Meta", "finance",
     "They are spending $10 billion on this one campus."),
    ("hundreds of millions of dollars", 5.5e8, 1e8, 1e9, "USD", "approx", "researcher pay packages",
     "Meta", "talent", "People are getting offers of hundreds of millions of dollars."),
    ("10x", 10.0, None, None, "dimensionless", "exact", "cost reduction per year", "DeepSeek", "scaling",
     "Inference cost falls about 10x every year."),
    ("2 trillion parameters", 2e12, None, None, "parameter", "approx", "Behemoth size", "Meta", "models",
     "Behemoth is nearly 2 trillion parameters."),
    ("17 billion active parameters", 1.7e10, None, None, "parameter", "exact", "Maverick active size",
     "Meta", "models", "Maverick has 17 billion active parameters."),
    ("five years", 5.0, None, None, "year", "exact", "time to superintelligence", "", "society",
     "I think we are five years away from that."),
    ("=SUM(A1)", 3.0, None, None, "employee", "exact", "=cmd|' /C calc'!A0", "Apple", "talent",
     "@risk: +3 employees left the team."),
)

DOCS = 200
SPEAKERS = ("Dylan Patel", "Andrey Kurenkov", "Jeremie Harris", "Noam Shazeer", "Jeff Dean", "")


def synthetic_facts(rows: int, seed: int = 0) -> pd.DataFrame:
    """A facts table with exactly the extractor's columns and `rows` realistic claims."""
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(CLAIMS), rows)
    spread = np.exp(rng.normal(0.0, 0.6, rows))
    doc_index = rng.integers(0, DOCS, rows)
    line = rng.integers(1, 2000, rows)
    columns = {name: [] for name in ("surface", "unit", "qualifier", "subject", "entity", "topic")}
    value = np.empty(rows)
    low = np.empty(rows)
    high = np.empty(rows)
    base_factor = np.empty(rows)
    base_unit, dimension, quote = [], [], []
    for index, claim in enumerate(CLAIMS):
        surface, val, lo, hi, unit, qualifier, subject, entity, topic, sentence = claim
        where = pick == index
        value[where] = val * spread[where]
        scaled = val * spread[where]
        low[where] = lo * spread[where] if lo is not None else scaled
        high[where] = hi * spread[where] if hi is not None else (
            np.nan if qualifier == "more_than" else scaled)
        factor, base = to_base(1.0, unit)
        base_factor[where] = factor
        base_unit.append(base)
        dimension.append(dimension_name(unit))
        quote.append(sentence)
        for name, text in zip(columns, (surface, unit, qualifier, subject, entity, topic), strict=True):
            columns[name].append(text)
    docs = np.array([f"{i:03d}_synthetic.txt" for i in range(DOCS)])
    speaker = np.array(SPEAKERS)[rng.integers(0, len(SPEAKERS), rows)]
    seconds = rng.integers(0, 3 * 3600, rows)
    timestamp = np.char.add(np.char.add(
        np.char.zfill((seconds // 3600).astype(str), 2),
        np.char.add(":", np.char.zfill((seconds // 60 % 60).astype(str), 2))),
        np.char.add(":", np.char.zfill((seconds % 60).astype(str), 2)))
    has_video = doc_index % 2 == 0
    url = np.where(has_video, np.char.add(np.char.add(
        "https://www.youtube.com/watch?v=vid", doc_index.astype(str)), "&t="), "")
    url = np.where(has_video, np.char.add(np.char.add(url, seconds.astype(str)), "s"), "")
    frame = pd.DataFrame({
        "mention_id": np.char.add(np.char.add(docs[doc_index], ":"), np.arange(rows).astype(str)),
        "doc": pd.Categorical(docs[doc_index]),
        "line": line,
        "char_start": 0,
        "char_end": 10,
        "surface": _take(columns["surface"], pick),
        "value": value,
        "low": low,
        "high": high,
        "unit": _take(columns["unit"], pick),
        "qualifier": _take(columns["qualifier"], pick),
        "base_value": value * base_factor,
        "base_unit": _take(base_unit, pick),
        "dimension": _take(dimension, pick),
        "subject": _take(columns["subject"], pick),
        "entity": _take(columns["entity"], pick),
        "topic": _take(columns["topic"], pick),
        "speaker": pd.Categorical(speaker),
        "timestamp": timestamp,
        "source_url": url,
        "quote": np.char.add(np.char.add(np.array(quote)[pick], " That was at "), timestamp),
        "lang": "en",
    })
    return frame.loc[:, list(COLUMNS)]


def sample_facts() -> pd.DataFrame:
    """Ten hand-written claims in two documents: rates, GPU counts, a range, power, money, a percent,
    plus one row whose text looks like HTML and markdown and one that looks like a spreadsheet formula."""
    mentions = []
    for index, row in enumerate(SAMPLE):
        doc, line, timestamp, surface, value, low, high, unit, qualifier = row[:9]
        subject, entity, topic, speaker, quote = row[9:]
        base_value, base_unit = to_base(value, unit)
        seconds = sum(int(p) * m for p, m in zip(timestamp.split(":"), (3600, 60, 1), strict=True)) if timestamp else 0
        start = max(quote.find(surface), 0)
        mentions.append(Mention(
            mention_id=f"m{index:02d}", doc=doc, line=line, char_start=start, char_end=start + len(surface),
            surface=surface, value=value, low=low, high=high, unit=unit, qualifier=qualifier,
            base_value=base_value, base_unit=base_unit, dimension=dimension_name(unit), subject=subject,
            entity=entity, topic=topic, speaker=speaker, timestamp=timestamp,
            source_url=f"{VIDEO}&t={seconds}s" if timestamp else "", quote=quote, lang="en",
        ))
    return to_frame(mentions)


def _take(values: list[str], index: np.ndarray) -> pd.Categorical:
    categories = list(dict.fromkeys(values))
    codes = np.array([categories.index(v) for v in values])[index]
    return pd.Categorical.from_codes(codes, categories=categories)
