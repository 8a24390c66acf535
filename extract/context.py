"""What a quantity measures and about whom: subject, entity and topic from the words around it.

Each is read from the sentence that holds the number, words nearer the number counting more,
with the quantity's own dimension as a prior ("$6 an hour" leans to pricing, "1 GW" to energy).
When the sentence names no organisation, the entity of the last few lines carries over, as a
listener would assume.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from extract.lexicon import FUNCTION_WORDS
from extract.quantities import AGE_BEFORE, Quantity
from extract.units import dimension_name

# Surface pattern -> canonical entity. Products map to their maker.
ENTITY_PATTERNS: tuple[tuple[str, str], ...] = (
    ((r"Nvidia|NVIDIA|Jensen|H100s?|H200s?|H20s?|B200s?|GB200s?|GB300s?|Blackwell|Hopper|NVLink|CUDA"
      r"|NVL\s?\d+|DGX"), "Nvidia"),
    (r"AMD|MI\d{3}X?", "AMD"),
    (r"Intel|Gaudi", "Intel"),
    (r"OpenAI|Open\s?AAI|ChatGPT|GPT[-\s]?\d|Sam\s+Altman|Altman|o1|o3|o4", "OpenAI"),
    (r"Microsoft|Azure|Satya|Nadella|GitHub|LinkedIn|Copilot", "Microsoft"),
    (r"Meta|Facebook|Instagram|WhatsApp|Zuckerberg|Zuck|Llama|LLaMA|Behemoth|Maverick|Scout", "Meta"),
    (r"Google|DeepMind|Alphabet|Gemini|Gemma|TPUs?|Sundar|YouTube", "Google"),
    (r"Amazon|AWS|Trainium|Bezos|Nova\s+Act", "Amazon"),
    (r"xAI|Grok|Colossus|Elon|Musk", "xAI"),
    (r"Twitter", "X"),
    (r"DeepSeek", "DeepSeek"),
    (r"Anthropic|Claude|Dario|Sonnet|Opus", "Anthropic"),
    (r"Apple|iPhone", "Apple"),
    (r"SSI|Safe\s+Superintelligence|Ilya|Sutskever", "SSI"),
    (r"Scale\s+AI|Alexandr\s+Wang", "Scale AI"),
    (r"TSMC", "TSMC"),
    (r"SMIC", "SMIC"),
    (r"Huawei|Ascend", "Huawei"),
    (r"Samsung", "Samsung"),
    (r"SK\s?Hynix|Hynix", "SK Hynix"),
    (r"Micron", "Micron"),
    (r"Broadcom", "Broadcom"),
    (r"ASML", "ASML"),
    (r"Oracle", "Oracle"),
    (r"CoreWeave", "CoreWeave"),
    (r"SoftBank|Masayoshi\s+Son|Mizuho", "SoftBank"),
    (r"Alibaba|Qwen", "Alibaba"),
    (r"ByteDance|TikTok", "ByteDance"),
    (r"Tencent", "Tencent"),
    (r"Baidu", "Baidu"),
    (r"Mistral", "Mistral"),
    (r"Tesla", "Tesla"),
    (r"Runway", "Runway"),
    (r"Adobe", "Adobe"),
    (r"Isomorphic\s+Labs", "Isomorphic Labs"),
    (r"Ai2|OLMo|Allen\s+Institute", "Ai2"),
    (r"Stargate", "Stargate"),
    (r"Perplexity", "Perplexity"),
    (r"Moonshot|Kimi", "Moonshot"),
    (r"SemiAnalysis", "SemiAnalysis"),
    (r"Anysphere|Cursor", "Anysphere"),
    (r"Cohere", "Cohere"),
    (r"Character\.AI", "Character.AI"),
    (r"Midjourney", "Midjourney"),
    (r"Stability\s+AI", "Stability AI"),
    (r"Hugging\s+Face", "Hugging Face"),
    (r"Databricks", "Databricks"),
    (r"Salesforce", "Salesforce"),
    (r"IBM", "IBM"),
    (r"Qualcomm", "Qualcomm"),
    (r"Arm\s+Holdings|ARM", "Arm"),
    (r"Cerebras", "Cerebras"),
    (r"Groq", "Groq"),
    (r"SambaNova", "SambaNova"),
    (r"Tenstorrent", "Tenstorrent"),
    (r"Nebius", "Nebius"),
    (r"Crusoe", "Crusoe"),
    (r"Lambda\s+Labs", "Lambda"),
    (r"Together\s+AI", "Together AI"),
    (r"Zhipu", "Zhipu"),
    (r"MiniMax", "MiniMax"),
    (r"Xiaomi", "Xiaomi"),
    (r"Supermicro", "Supermicro"),
    (r"Dell", "Dell"),
    (r"Foxconn", "Foxconn"),
    (r"Marvell", "Marvell"),
    (r"Synopsys", "Synopsys"),
    (r"Cadence", "Cadence"),
    (r"Applied\s+Materials", "Applied Materials"),
    (r"GlobalFoundries", "GlobalFoundries"),
    (r"Rapidus", "Rapidus"),
    (r"CXMT|YMTC", "China"),
    (r"Cisco", "Cisco"),
    (r"Arista", "Arista"),
    (r"Equinix", "Equinix"),
    (r"Palantir", "Palantir"),
    (r"Waymo", "Waymo"),
    (r"Snapchat", "Snap"),
    (r"Berkshire(?:\s+Hathaway)?", "Berkshire Hathaway"),
    (r"Sequoia", "Sequoia"),
    (r"Andreessen|a16z", "Andreessen Horowitz"),
    (r"Thrive\s+Capital", "Thrive Capital"),
    (r"METR", "METR"),
    (r"Epoch\s+AI", "Epoch AI"),
    (r"China|Chinese|Beijing", "China"),
    (r"United\s+States|U\.S\.|America|American", "United States"),
    (r"Taiwan", "Taiwan"),
)
_ENTITY_RE = re.compile(
    "|".join(f"(?P<e{i}>\\b(?:{p})\\b)" for i, (p, _) in enumerate(ENTITY_PATTERNS))
)

# Topic -> keywords, lower case. A word matches whole or plural (-s, -es); a verb marked "+"
# also with -ed and -ing ("rent+": rented, renting), so "engineering" is not an engineer and
# "powered by" is not power; a stem ending in "*" matches as a prefix ("acqui*": acquisition).
TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "pricing": ("price+", "pricing", "cost+", "rent+", "rental", "cheap", "cheaper", "expensive",
                "charge+", "per token", "per hour", "an hour", "a month", "deploy+", "afford+", "tco",
                "total cost", "spot price", "on-demand", "list price", "bill"),
    "hardware": ("chip", "gpu", "hbm", "memory", "bandwidth", "nvlink", "interconnect", "nanometer",
                 "nm", "node", "yield", "wafer", "transistor", "die", "flops", "teraflop*", "server",
                 "rack", "domain", "lithograph*", "euv", "duv", "packaging", "cowos", "foundry", "fab",
                 "silicon", "accelerator", "asic", "tpu", "switch", "network", "optic*", "cable",
                 "semiconductor*", "process", "patterning", "h100", "gb200", "blackwell", "hardware"),
    "clusters": ("cluster", "datacenter", "data center", "campus", "campuses", "supercomputer",
                 "colossus", "build-out", "buildout", "deployment", "fleet", "installed base",
                 "capacity", "utilization", "utilisation", "occupancy"),
    "energy": ("power", "gigawatt", "megawatt", "watt", "electric*", "energy", "grid", "nuclear",
               "turbine", "plant", "utility", "utilities", "solar", "cooling"),
    "scaling": ("training", "train+", "pretrain*", "pre-train*", "scaling", "scale up", "scales", "scaled", "chinchilla",
                "epoch", "compute", "flop", "rl", "reinforcement", "dataset", "data", "run+",
                "sample+", "mfu", "inference-time", "test-time", "synthetic",
                "reasoning tokens", "reward", "example", "distill*", "trace"),
    "models": ("parameter", "expert", "context", "context window", "model size", "active", "layer",
               "moe", "mixture", "dense", "sparse", "weights", "model", "quant*", "kv cache", "kv",
               "fp8", "fp16", "bf16", "int4", "int8"),
    "benchmarks": ("benchmark", "score+", "accuracy", "eval", "evals", "evaluation", "gpqa", "mmlu",
                   "swe-bench", "arc", "leaderboard", "elo", "replicat*", "pass@",
                   "humanity's last exam", "screenspot", "paperbench", "percentile", "performance",
                   "f1", "evaluat*"),
    "finance": ("revenue", "valuation", "valued", "worth", "profit", "funding", "fund+", "raise+",
                "round", "invest*", "deal", "acqui*", "buy+", "bought", "market cap", "stock",
                "share", "stake", "equity", "capex", "spend+", "spent", "ipo", "debt", "loan",
                "borrow+", "earnings", "arr", "sales", "order", "contract", "cash",
                "subsidi*", "money", "paid", "income", "dividend", "tranche", "margin",
                "loss", "lose+", "losing", "growth", "grew", "grow+", "year over year", "lease",
                "financ*", "bond", "deposit", "budget", "arrears", "booking", "guidance",
                "guided", "tcv", "acv", "p/e", "ebitda"),
    "talent": ("salary", "salaries", "pay package", "compensation", "comp", "hire+", "hiring",
               "poach*", "researcher", "engineer", "employee", "headcount", "staff", "signing",
               "talent", "team", "recruit*", "offer+", "bonus", "bonuses", "per researcher",
               "package", "analyst", "layoff*", "laid off", "lay off", "retention", "sign-on", "vest*",
               "rsu*", "restricted stock", "stock-based comp*", "total comp"),
    "geopolitics": ("china", "chinese", "export", "ban+", "tariff", "sanction", "huawei", "smic",
                    "taiwan", "government", "smuggl*", "national", "military", "country", "ascend", "cambricon", "cxmt",
                    "arizona", "korean", "singapore",
                    "countries", "geopolit*", "u.s.", "america", "beijing", "washington"),
    "society": ("job", "worker", "hours worked", "unemploy*", "white collar", "white-collar",
                "population", "public", "vaccin*", "student", "teacher", "education", "health*", "society",
                "humans", "welfare", "wage", "retire*", "kids", "children", "law", "legislat*",
                "regulat*", "policy", "policies", "federal", "senate", "congress", "moratorium",
                "productivity", "shift"),
}
# Words that decide a topic on their own, whatever the unit: they count double.
STRONG_TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    # a country's champions say whom a number is about, not what it measures: a yield at SMIC
    # is hardware, so Huawei and SMIC do not decide geopolitics alone
    "geopolitics": ("export control", "export ban", "tariff", "sanction", "smuggl*", "entity list",
                    "chinese", "china", "beijing", "taiwan", "geopolit*", "national security",
                    "commerce department", "supply chain", "self-sufficien*", "reshoring", "chips act",
                    "license", "restrict*", "embargo", "domestic", "stockpil*"),
    "talent": ("salary", "salaries", "pay package", "compensation", "signing bonus", "poach*",
               "hire+", "hiring", "headcount", "recruit*", "researcher", "engineer", "employee", "staff",
               "layoff*", "laid off", "lay off"),
    "society": ("job", "unemploy*", "white collar", "white-collar", "worker", "work week",
                "hours worked", "population", "household", "voter", "americans", "citizen",
                "student", "teacher", "school", "hospital", "doctor", "survey", "poll",
                "public", "society", "wage", "retire*", "kids", "children", "adult",
                "electricity bill", "gdp", "economy", "labor", "labour", "employment",
                "inequality", "ubi", "legislat*", "regulat*", "senate", "congress", "moratorium",
                "lawmaker", "productivity"),
    "energy": ("gigawatt", "megawatt", "power plant", "grid", "nuclear", "turbine", "electricity"),
    "hardware": ("yield", "wafer"),
    "benchmarks": ("benchmark", "gpqa", "mmlu", "swe-bench", "leaderboard", "accuracy", "eval"),
    "pricing": ("per million tokens", "an hour", "per hour", "rental", "rent+", "price per"),
    "finance": ("revenue", "gross margin", "operating margin", "valuation", "market cap",
                "funding round", "capex", "market share", "depreciat*", "payback", "backlog",
                "write-down", "writedown", "impairment", "interest rate", "useful life", "useful lives",
                "eps", "price target", "cagr", "tam", "warrant", "churn", "prepay*", "upfront", "sofr",
                "dilution", "pre-money", "post-money"),
    "models": ("context window", "context length", "active parameter"),
}


def _keyword_regex(words: tuple[str, ...]) -> re.Pattern:
    def part(word: str) -> str:
        if word.endswith("*"):
            return re.escape(word[:-1]) + r"[a-z]*"
        if word.endswith("e+"):  # "score+": scores, scored, scoring
            return re.escape(word[:-2]) + r"(?:e|es|ed|ing)"
        if word.endswith("+"):
            return re.escape(word[:-1]) + r"(?:s|es|ed|d|ing)?"
        return re.escape(word) + r"(?:s|es)?"
    parts = [part(w) for w in words]
    return re.compile(r"(?<![a-z])(?:" + "|".join(parts) + r")(?![a-z])")


_TOPIC_RES = {t: _keyword_regex(ws) for t, ws in TOPIC_WORDS.items()}
_STRONG_RES = {t: _keyword_regex(ws) for t, ws in STRONG_TOPIC_WORDS.items()}

DURATION_PRIOR = 0.8
UNKNOWN_COUNT_PRIOR = 0.8
# Dimension -> topic prior.
_DIMENSION_PRIOR: tuple[tuple[str, str, float], ...] = (
    ("pay", "talent", 3.0),
    ("currency rate", "pricing", 3.0),
    ("price per energy", "energy", 4.0),  # electricity: "5.5 cents per kilowatt-hour"
    ("price per power", "energy", 3.0),  # plants and capacity: "$2,200 a kilowatt", "$269.92 per megawatt-day"
    ("price per", "pricing", 3.0),
    ("big money", "finance", 2.0),
    ("currency", "finance", 1.0),
    ("price", "pricing", 1.0),
    ("power", "energy", 6.0),
    ("energy", "energy", 6.0),
    ("count of parameters", "models", 3.0),
    ("count of experts", "models", 3.0),
    ("count of layers", "models", 2.0),
    ("token per parameter", "scaling", 5.0),
    ("count of tokens", "scaling", 1.0),
    ("compute throughput", "hardware", 2.0),
    ("compute", "scaling", 3.0),
    ("data size", "hardware", 1.5),
    ("data rate", "hardware", 3.0),
    ("length", "hardware", 3.0),
    ("count of GPUs", "clusters", 1.5),
    ("count of accelerators", "clusters", 1.5),
    ("count of datacenters", "clusters", 3.0),
    ("count of clusters", "clusters", 3.0),
    ("count of servers", "hardware", 1.0),
    ("count of chips", "hardware", 1.5),
    ("count of wafers", "hardware", 2.0),
    ("wafers per", "hardware", 2.0),
    ("count of dies", "hardware", 2.0),
    ("count of stacks", "hardware", 2.0),
    ("count of packages", "hardware", 2.0),
    ("count of employees", "talent", 3.0),
    ("count of researchers", "talent", 2.0),
    ("count of engineers", "talent", 2.0),
    ("count of papers", "benchmarks", 1.0),
    ("count of models", "models", 1.0),
    ("percent", "finance", 0.2),
    ("duration", "other", DURATION_PRIOR),
)
PARAGRAPH_WEIGHT, PARAGRAPH_WEIGHT_ALONE = 0.2, 0.2  # per keyword elsewhere in the line
NEIGHBOUR_REACH = 200  # characters around the number within which other sentences' words fade
NEIGHBOUR_WEIGHT = 0.5  # a word of a neighbouring sentence counts this much of one beside it
NEIGHBOUR_WEIGHT_ALONE = 0.75  # ... or this much when the number's own sentence names no topic
HEAD_NOUN_WEIGHT = 2.0  # the noun a number directly modifies ("a $100 billion cluster") counts this much more
# counts from which accelerators, racks or servers make a cluster rather than one machine
CLUSTER_COUNT_LEAST = {"count of GPUs": 1000, "count of TPUs": 1000, "count of chips": 1000,
                       "count of accelerators": 1000, "count of racks": 10, "count of nodes": 10,
                       "count of servers": 10}
SMALL_GPU_COUNT_HARDWARE = 1.0  # "72 GPUs" in one server leans to hardware, against the clusters prior
FADE = 60  # characters from the number at which a keyword counts half
MIN_TOPIC_SCORE = 0.3  # below this nothing around the number speaks of a topic: "other"
HEADING_WEIGHT = 1.0  # a section title's words count like words said right beside the number
HEADING_FADE_LINES = 40  # ... in its first lines, and half as much this many lines below it
# For an amount of money, words of what it pays for decide more than the money itself:
# "$100 million offers" to researchers is talent, "$30,000 per H100" is pricing.
_MONEY_BOOST = {"pricing": 1.5, "talent": 1.5, "geopolitics": 1.5, "clusters": 1.2, "energy": 1.2}
_TOPIC_ORDER = ("pricing", "finance", "hardware", "clusters", "energy", "scaling", "models",
                "benchmarks", "talent", "geopolitics", "society", "other")

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9$\u4e00-\u9fff])")
QUOTE_MAX = 400


@dataclass
class Context:
    """Subject, entity and topic of one quantity, and the sentence that is its quote."""

    subject: str
    entity: str
    topic: str
    quote: str


@dataclass(frozen=True)
class _LineIndex:
    """Sentence breaks, topic keywords and names of one line, found once and searched by
    bisection, so a line with thousands of quantities (a 10 MB single-line file) stays linear."""

    breaks: tuple[tuple[int, int], ...]
    hit_starts: tuple[int, ...]
    hits: tuple[tuple[int, int, str], ...]
    topic_totals: dict[str, int]
    entity_offsets: tuple[int, ...]
    entities: tuple[tuple[int, str], ...]


@lru_cache(maxsize=8)
def _index(line: str) -> _LineIndex:
    hits = sorted(_topic_hits(line.lower()))
    totals: dict[str, int] = {}
    for _, _, topic in hits:
        totals[topic] = totals.get(topic, 0) + 1
    entities = entities_in(line)
    return _LineIndex(tuple(m.span() for m in _SENTENCE_END.finditer(line)), tuple(h[0] for h in hits),
                      tuple(hits), totals, tuple(o for o, _ in entities), entities)


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence of `text` that holds [start, end), at most QUOTE_MAX long."""
    breaks = _index(text).breaks
    i = bisect_right(breaks, (start, len(text) + 1))
    while i > 0 and breaks[i - 1][1] > start:
        i -= 1
    s = breaks[i - 1][1] if i > 0 else 0
    j = bisect_left(breaks, (end, -1))
    e = breaks[j][0] if j < len(breaks) else len(text)
    if e - s > QUOTE_MAX:
        half = QUOTE_MAX // 2
        s = max(s, start - half)
        e = min(e, max(end + half, s + QUOTE_MAX))
    return s, e


_NAME_TOKEN = re.compile(r"\b(?:[A-Z]|o\d\b|xAI|i[A-Z])[\w&]*(?:[.-]\d+(?:\.\d+)*)?")
_NEXT_WORD = re.compile(r" [\w&]+(?:[.-]\d+(?:\.\d+)*)?")


@lru_cache(maxsize=256)
def entities_in(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, canonical entity) for every organisation or product named in the text.

    Only capitalised tokens (and o1/o3, xAI) can start a name, so the full pattern is tried on
    each such token with its next word ("Scale AI", "GPT 4") and alone, not at every character.
    Notes typed in lower case name companies too ("dario believes", "china could build"): the
    names that are no English word are also found in lower case."""
    found = []
    covered = -1
    for m in _NAME_TOKEN.finditer(text):
        if m.start() < covered:
            continue
        nxt = _NEXT_WORD.match(text, m.end())
        hit = _ENTITY_RE.match(text, m.start(), nxt.end() if nxt else m.end())
        if hit:
            found.append((m.start(), ENTITY_PATTERNS[int(hit.lastgroup[1:])][1]))
            covered = hit.end()
    lower = [(m.start(), LOWER_CASE_NAMES[m.group(0)]) for m in _LOWER_NAME_RE.finditer(text)]
    return tuple(sorted(found + lower)) if lower else tuple(found)


# Names that are no English word, as notes write them in lower case.
LOWER_CASE_NAMES = {
    "openai": "OpenAI", "chatgpt": "OpenAI", "altman": "OpenAI", "nvidia": "Nvidia", "jensen": "Nvidia",
    "amd": "AMD", "anthropic": "Anthropic", "dario": "Anthropic", "deepseek": "DeepSeek",
    "microsoft": "Microsoft", "google": "Google", "deepmind": "Google", "amazon": "Amazon",
    "aws": "Amazon", "xai": "xAI", "facebook": "Meta", "zuckerberg": "Meta", "zuck": "Meta",
    "instagram": "Meta", "china": "China", "chinese": "China", "taiwan": "Taiwan", "tsmc": "TSMC",
    "asml": "ASML", "huawei": "Huawei", "smic": "SMIC", "samsung": "Samsung", "broadcom": "Broadcom",
    "coreweave": "CoreWeave", "alibaba": "Alibaba", "bytedance": "ByteDance", "tencent": "Tencent",
    "baidu": "Baidu", "snapchat": "Snap", "waymo": "Waymo", "tesla": "Tesla", "softbank": "SoftBank",
}
_LOWER_NAME_RE = re.compile(r"\b(?:" + "|".join(LOWER_CASE_NAMES) + r")\b")


def describe(q: Quantity, line: str, recent_entity: str = "", heading: str = "",
             lines_since_heading: int = 0, before: str = "") -> Context:
    """Subject, entity, topic and quote for quantity `q` of `line`; `heading` is the title of
    the section the line is in, which votes on the topic, less the further below it the line is;
    `before` is the text of the lines just above, which votes like a neighbouring sentence."""
    s, e = sentence_span(line, q.start, q.end)
    sentence = line[s:e].strip()
    entity = _nearest_entity(line, s, e, q.start) or _last_entity_before(line, s) or recent_entity
    dimension = dimension_name(q.unit)
    heading_weight = HEADING_WEIGHT / (1 + lines_since_heading / HEADING_FADE_LINES)
    topic = _topic(line, s, e, q, dimension, heading.lower(), heading_weight, before.lower())
    return Context(_subject(line, q, s, e, dimension, entity), entity, topic, sentence)


def _last_entity_before(line: str, pos: int) -> str:
    """The organisation named last in the line before `pos`: the paragraph's current subject."""
    index = _index(line)
    i = bisect_left(index.entity_offsets, pos)
    return index.entities[i - 1][1] if i else ""


def _nearest_entity(line: str, s: int, e: int, pos: int) -> str:
    best, best_distance = "", 10**9
    index = _index(line)
    first, last = bisect_left(index.entity_offsets, s), bisect_left(index.entity_offsets, e)
    for offset, name in index.entities[first:last]:
        distance = abs(offset - pos) + (0 if offset < pos else 15)  # the subject usually comes first
        if distance < best_distance:
            best, best_distance = name, distance
    return best


@lru_cache(maxsize=8)
def _lowered(line: str) -> str:
    """The line in lower case, made once however many quantities it holds."""
    return line.lower()


@lru_cache(maxsize=256)
def _topic_hits(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, topic) of every topic keyword in the text, strong words listed twice."""
    hits = []
    for patterns in (_TOPIC_RES, _STRONG_RES):
        for topic, pattern in patterns.items():
            hits.extend((m.start(), m.end(), topic) for m in pattern.finditer(text))
    return tuple(hits)


def _topic(line: str, s: int, e: int, q: Quantity, dimension: str, heading: str,
           heading_weight: float, before: str = "") -> str:
    """The topic of the best score; "other" when nothing around the number speaks of one."""
    scores = _topic_scores(line, s, e, q, dimension, heading, heading_weight, before)
    best = max(_TOPIC_ORDER, key=lambda t: scores[t])
    return best if scores[best] >= MIN_TOPIC_SCORE else "other"


def _topic_scores(line: str, s: int, e: int, q: Quantity, dimension: str, heading: str,
                  heading_weight: float, before: str = "") -> dict[str, float]:
    """Keyword votes that fade with distance from the number (a word right beside it counts
    about 1, one 60 characters away about half); words of the neighbouring sentences count
    less, as crossing a sentence often changes the subject; a little for the rest of the line
    (a paragraph, in most transcripts), strong words double, the section heading's words, and
    the dimension's prior."""
    scores = dict.fromkeys(_TOPIC_ORDER, 0.0)
    if dimension == "duration" and (AGE_BEFORE.search(line, max(0, q.start - 25), q.start)
                                    or _OLD_AFTER.match(line, q.end)):
        scores["other"] = 1.0  # "he's 28", "an 18 year old": a person's age belongs to no topic
        return scores
    index = _index(line)
    outside = dict(index.topic_totals)
    first = bisect_left(index.hit_starts, min(s, q.start - NEIGHBOUR_REACH))
    last = bisect_left(index.hit_starts, max(e, q.end + NEIGHBOUR_REACH))
    # money per megawatt or gigawatt is what building power costs: money, as much as a sum is
    money = dimension.startswith("currency") or dimension == "price per power"
    amount = max(q.value or 0, q.high or 0)
    flow = _is_money_flow(q, dimension, amount)
    # money spent on GPUs and servers is a price of compute; a yearly sum, a chipmaker's
    # business; the price of a wafer or of memory stays a fact about hardware
    money_topic = {"hardware": "finance" if flow else "pricing"} if money else {}
    if dimension == "percent":  # no share is a model's size: "frontier models are all between 88
        money_topic = {"models": "benchmarks"}  # and 92%" is a score
    if money and not dimension.startswith("price per energy"):
        # a sum spent on power plants or substations is a business's money, not energy
        money_topic["energy"] = "finance" if amount >= SMALL_MONEY or flow else "pricing"
    lowered = _lowered(line)
    if not flow and not dimension.startswith("currency rate") and _FAB_GOODS_NEAR.search(
            lowered, max(s, q.start - FAB_GOODS_REACH), min(e, q.end + FAB_GOODS_REACH)):
        # "a 2 nanometer wafer is priced around $30,000", "doubling the cost of fabs every 18
        # months": what chipmaking costs is a fact about hardware, not a price of compute
        money_topic = {"pricing": "hardware"}
    near = dict.fromkeys(_TOPIC_ORDER, 0.0)  # words of the neighbouring sentences
    for start, end, topic in index.hits[first:last]:
        distance = q.start - end if end <= q.start else start - q.end
        outside[topic] -= 1
        if not (money and not flow and topic == "hardware" and _FAB_GOODS.fullmatch(lowered, start, end)):
            topic = money_topic.get(topic, topic)
        vote = (_MONEY_BOOST.get(topic, 1.0) if money else 1.0) / (1 + max(distance, 0) / FADE)
        if 0 <= start - q.end <= 1 and s <= start < e:
            vote *= HEAD_NOUN_WEIGHT
        (scores if s <= start < e else near)[topic] += vote
    for _, end, topic in _topic_hits(before):  # the lines just above, as far back as reach
        distance = len(before) - end + q.start
        if distance <= NEIGHBOUR_REACH:
            topic = money_topic.get(topic, topic)
            near[topic] += (_MONEY_BOOST.get(topic, 1.0) if money else 1.0) / (1 + distance / FADE)
    # the sentences around speak louder when the sentence itself names no topic ("So 10
    # million tokens." after "The context window is huge.")
    in_sentence = any(scores.values())
    weight = NEIGHBOUR_WEIGHT if in_sentence else NEIGHBOUR_WEIGHT_ALONE
    for topic, vote in near.items():
        scores[topic] += weight * vote
    weight = PARAGRAPH_WEIGHT if in_sentence else PARAGRAPH_WEIGHT_ALONE
    for topic, count in outside.items():
        scores[money_topic.get(topic, topic)] += weight * count
    for _, _, topic in _topic_hits(heading):
        scores[topic] += heading_weight
    kind = _money_kind(amount) if flow or dimension == "currency" else dimension
    if dimension.startswith("price per ") and dimension[len("price per "):] in PER_PERSON:
        kind = "pay"  # "$100 million per researcher"
    elif money and _FOR_A_PERSON.search(line, max(s, q.start - PAY_REACH), min(e, q.end + PAY_REACH)):
        kind = "pay"  # "I've heard a number for someone over a billion", "offered him $1 billion"
    if dimension == "currency" and not flow and _TRAINING_COST.search(
            line, max(s, q.start - TRAINING_COST_REACH), min(e, q.end + TRAINING_COST_REACH)):
        kind = "price"  # "GPT-4 cost $500 million to train": the price of compute, not a deal
    for prefix, topic, prior in _DIMENSION_PRIOR:
        if kind.startswith(prefix):
            scores[topic] += prior
            break
    else:
        if dimension.startswith("count of "):  # pages, clips, topics: things of no topic
            scores["other"] += UNKNOWN_COUNT_PRIOR
    if dimension == "count of tokens" and _MONEY_SAID.search(line, s, e):
        scores["pricing"] += TOKENS_FOR_MONEY  # "with 100 bucks I could have 100 million tokens"
    if (q.value or 0) >= CLUSTER_COUNT_LEAST.get(dimension, float("inf")):
        scores["clusters"] += 2.0  # "8,960 chips" in a pod, "fifty seven racks": a cluster's size
    elif dimension in ("count of GPUs", "count of TPUs", "count of accelerators"):
        scores["hardware"] += SMALL_GPU_COUNT_HARDWARE
    if dimension == "count of people" and _WORKPLACE.search(line, s, e):
        scores["talent"] += WORKPLACE_PEOPLE  # "Meta's new lab is like 50 people": a headcount
    return scores


_FOR_A_PERSON = re.compile(
    r"\bfor\s+(?:someone|somebody|one\s+person|a\s+person|one\s+(?:researcher|engineer)|a\s+(?:researcher|engineer)"
    r"|each\s+(?:researcher|engineer|person))\b|\b(?:offered|paid|paying|pay|gave|giving)\s+(?:him|her|them|someone)\b",
    re.IGNORECASE)
PAY_REACH = 50
_WORKPLACE = re.compile(r"\b(?:labs?|teams?|compan(?:y|ies)|startups?|org|organi[sz]ation|division|department"
                        r"|headcount|hired?|hiring|staff|workforce|employs?)\b", re.IGNORECASE)
WORKPLACE_PEOPLE = 1.5
_FAB_GOODS = re.compile(r"wafers?|fabs?|foundr(?:y|ies)|hbm|memory|memories|euv|duv|lithograph\w*|transistors?"
                        r"|nanometers?|nm|nodes?|packaging|cowos|silicon|semiconductors?|dies?|yields?")
# what fabs make and use, whose price is a fact about chipmaking, not a price of compute
_FAB_GOODS_NEAR = re.compile(r"\b(?:wafers?|fabs?|foundr(?:y|ies)|euv|duv|lithograph\w*|nanometers?|nm|cowos)\b")
FAB_GOODS_REACH = 40
TRAINING_COST_REACH = 40
_TRAINING_COST = re.compile(
    r"\bcost(?:s|ing)?\b.{0,60}\b(?:train(?:ing|ed)?|pre-?train(?:ing)?|run)\b"
    r"|\b(?:training|pre-?training)\s+(?:run\s+)?costs?\b|\brun\s+(?:will\s+)?costs?\b", re.IGNORECASE)
_OLD_AFTER = re.compile(r"[\s-]*old\b", re.IGNORECASE)
YEARLY_PERIODS = ("year", "quarter")
PER_PERSON = frozenset({"researcher", "employee", "engineer", "person", "hire", "head", "worker",
                        "scientist", "developer", "staff"})
_MONEY_SAID = re.compile(r"\$|\b(?:dollars?|bucks|cents?|USD)\b", re.IGNORECASE)
TOKENS_FOR_MONEY = 2.0
FLOW_PERIODS = ("year", "quarter", "month", "week", "day")
SMALL_MONEY = 1e4  # an amount under this is a price, whatever the talk around it
BIG_MONEY = 1e9  # billions are deals, valuations, revenue, capex
FLOW_LEAST = 1e6  # a million dollars or more a month is revenue, spend or pay, not a price
FLOW_SHORT_PERIODS = {"day": 10, "week": 2}  # ... or a tenth of that a day ("$562,000 a day" to run a cluster)


def _money_kind(amount: float) -> str:
    """The prior's name for an amount of money, or of money per year ("$30 billion a year" is
    a business's money): "$2" said of compute is a price, billions lean to finance."""
    if amount < SMALL_MONEY:
        return "price"
    return "big money" if amount >= BIG_MONEY else "currency"


def _is_money_flow(q: Quantity, dimension: str, amount: float) -> bool:
    """Whether `q` is money per calendar period that is a company's revenue, loss or spend, or a
    salary, rather than the price of a rented thing: any sum per year or quarter ("$300,000 a
    year"), and per month from a million up, per day from $100,000 ("$20 a month" is a
    subscription)."""
    if dimension != "currency rate" or "/" not in q.unit:
        return False
    per = q.unit.rsplit("/", 1)[1].strip()
    if per in YEARLY_PERIODS:
        return True
    return per in FLOW_PERIODS and amount >= FLOW_LEAST / FLOW_SHORT_PERIODS.get(per, 1)


_MEASURE_WORDS = re.compile(
    r"\b(price|cost|rent(?:al)?|valuation|valued|worth|revenue|profit|funding|investment|round|deal|salary|"
    r"pay(?:ment)?|compensation|capex|spend(?:ing)?|margin|share|stake|market\s+cap|yield|"
    r"utili[sz]ation|accuracy|score|growth|power|capacity|context(?:\s+window)?|budget|loss|"
    r"throughput|latency|bandwidth|memory|size|cluster|orders?|debt|loan|fund|cap|deadline|"
    r"embargo|delay|lifetime|life|lead|reduction|increase|improvement|speedup)\b",
    re.IGNORECASE,
)


_NUMBER_WORDS = (r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                 r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|"
                 r"thousands?|millions?|billions?|trillions?|dozens?|tens|several|couple|few|k|m|b|bn|of|and|or|to)")
_LEADING_NUMBER = re.compile(
    r"^(?:(?:about|around|roughly|approx|approximately|over|under|nearly|almost|like|up\s+to|"
    r"more\s+than|less\s+than|north\s+of|maybe|some|at\s+least|at\s+most|call\s+it|something\s+like)"
    r"\.?\s+)?(?:[\W\d.,]|" + _NUMBER_WORDS + r"\b)*",
    re.IGNORECASE)
_PRODUCT = re.compile(
    r"\b(?:GPT[-\s]?\d(?:\.\d)?o?|Llama\s?\d(?:\s(?:Scout|Maverick|Behemoth))?|"
    r"Claude\s?\d(?:\.\d)?(?:\s(?:Sonnet|Opus|Haiku))?|Gemini\s?\d(?:\.\d)?(?:\s(?:Pro|Flash|Ultra))?|"
    r"Grok\s?\d(?:\.\d)?|GB\d{3}|[HBA]\d{2,3}|TPU\s?v?\d*|MI\d{3}X?|DeepSeek[-\s]?[RV]\d|"
    r"Behemoth|Maverick|Scout|Qwen\s?\d(?:\.\d)?|Blackwell|Hopper|Stargate|Colossus)\b")


def _subject(line: str, q: Quantity, s: int, e: int, dimension: str, entity: str) -> str:
    """A short phrase for what is measured: the counted noun with its modifiers, or the nearest
    measure word ("valuation", "price"), then the product it is about and the entity."""
    counted = _LEADING_NUMBER.sub("", q.surface).strip(" -")
    measure = _nearest_measure(line[s:e], q.start - s, q.end - s)
    if dimension.startswith("count of") and counted:
        phrase = counted
    elif measure:
        phrase = measure
    else:
        context = _words_after_of(line, q.end, e) or _words_before(line[s:q.start])
        thing = dimension.removeprefix("count of ")  # "~32" counting experts: "experts"
        phrase = f"{thing}: {context}" if context and context.lower() != thing.lower() else thing
    product = _nearest_product(line[s:e], q.start - s)
    if product and product.lower() not in phrase.lower():
        phrase = f"{phrase} of {product}"
    return f"{phrase} ({entity})" if entity and entity.lower() not in phrase.lower() else phrase


_CONTENT_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]+")


_OF_WHAT = re.compile(r"\s+of\s+(?:the\s+|their\s+|its\s+|our\s+|all\s+)?")


def _words_after_of(line: str, pos: int, end: int, most: int = 3) -> str:
    """What a share or amount is of: "50% of white-collar jobs" -> "white-collar jobs"."""
    m = _OF_WHAT.match(line, pos, end)
    if not m:
        return ""
    words = []
    for word in _CONTENT_WORD.findall(line[m.end():min(end, m.end() + 60)]):
        if word.lower() in FUNCTION_WORDS or len(words) == most:
            break
        words.append(word)
    return " ".join(words)


def _words_before(text: str, most: int = 3) -> str:
    """The last few naming words before the number: "GPU utilization around" -> "GPU utilization".
    Verbs, adverbs and amount words say nothing of what is measured and are left out."""
    tail = text[-80:]
    if len(text) > 80:
        tail = tail[tail.find(" ") + 1:]  # not the end of a word cut in two
    words = [w for w in _CONTENT_WORD.findall(tail) if _names_something(w)]
    return " ".join(words[-most:])


def _names_something(word: str) -> bool:
    low = word.lower()
    if low in FUNCTION_WORDS or low in _NOT_NAMING or word[0].isdigit():
        return False
    return word[0].isupper() or not (low.endswith(("ly", "ing")) and len(low) > 4)


# Common verbs, fillers and amount words, which never name what a number measures.
_NOT_NAMING = frozenset("""
give gives gave given giving get gets getting got make makes made making take takes took taken
go goes went gone want wants need needs needed see saw seen look looks looked come comes came
believe believes believed mean means meant hear heard tell told ask asked use uses used let
put keep kept start started try tried call called happen happens happened move moves moved
hit able way thing things stuff lot lots bit something anything everything nothing someone
everyone anyone guy guys people person re ve ll im dont doesnt cant wont yes no ok yeah
much many more most less least few several enough whole half double twice
dollar dollars bucks money million millions billion billions trillion trillions thousand
thousands hundred hundreds number numbers amount amounts time times percent
fucking literally basically actually probably maybe definitely obviously
has have had does did between mentioned said hasn didn doesn isn wasn aren weren don
""".split())


def _nearest_product(sentence: str, pos: int) -> str:
    best, best_distance = "", 10**9
    for m in _PRODUCT.finditer(sentence):
        distance = abs(m.start() - pos) + (0 if m.start() < pos else 20)
        if distance < best_distance and distance < 120:
            best, best_distance = m.group(0), distance
    return best


MEASURE_REACH = 60  # characters from the number within which a measure word names it


def _nearest_measure(sentence: str, start: int, end: int) -> str:
    """The measure word nearest the number with the word before it: "GPU rental", "revenue share"."""
    best, best_distance = "", 10**9
    for m in _MEASURE_WORDS.finditer(sentence, max(0, start - MEASURE_REACH), end + MEASURE_REACH):
        distance = start - m.end() if m.end() <= start else m.start() - end
        distance = max(distance, 0) + (0 if m.end() <= start else 10)
        if distance < best_distance and distance < MEASURE_REACH:
            before = _CONTENT_WORD.findall(sentence[max(0, m.start() - 25):m.start()])
            lead = before[-1] if before and before[-1].lower() not in FUNCTION_WORDS else ""
            follow = _MEASURE_WORDS.match(sentence, m.end() + 1) if sentence[m.end():m.end() + 1] == " " \
                else None
            word = m.group(1).lower() + (f" {follow.group(1).lower()}" if follow else "")
            best = f"{lead} {word}".strip() if lead[:1].isupper() else f"{lead} {word}".strip().lower()
            best_distance = distance
    return best
