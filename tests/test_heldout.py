"""The extractor measured on labelled text it was not developed on, with the shared scorer's rules.

tests/labelled/ holds thirty-seven documents written for evaluation only (interview transcripts,
timestamped markdown notes, news-podcast summaries and transcripts, auto-generated captions,
WebVTT and SRT subtitles, a two-host podcast, an Otter-style interview, listening notes, an
earnings call, a long-form interview page, a newsletter with tables, an episode summary, two
bilingual English/Chinese documents, a conference panel, copied social-media threads, an
auto-transcribed meeting, a research note, talk captions, a seed-style interview, an essay, a
Descript-style podcast, a forum thread, a bilingual summary, a Rev-style transcript, show notes,
a results press release, a lecture, neocloud captions, a cleaned interview, a news digest, a
print Q&A, a chat export) and their hand annotations under shared/eval/ANNOTATION.md. Each
batch of new documents was measured before any change made for it. Seed 002 is scored too, against
shared/eval/gold/002.jsonl; seeds 000, 001, 003 and 004 against their whole hand annotation in
tests/labelled/seed_docs/ (and seed_docs_zh/ for 004's Chinese lines); and 70 random lines of
those seeds against tests/labelled/seed_lines/.

Matching reuses shared/eval/score.py (`compatible` for numbers, `dims_equal` for units) and
its procedure: per line, required gold first, one-to-one, optional gold neutral. A unit also
counts as right when the project's registry gives both the same dimension name, so a gold
"GB" and a predicted "gigabyte" agree; count nouns neither registry knows ("campus") are
compared by spelling. The scorer's own verdict is printed beside it as unit_scorer_only, and
unit_scorer_ceiling is the best the scorer could give: the share of gold units it can parse.

The product targets are recall and precision >= 0.95, unit dimension >= 0.95 and topic
>= 0.85. A target the extractor does not reach yet is a strict xfail carrying the measured
figure (so reaching it shows up as XPASS); a floor just under the measured figure fails on
regression. Run `pytest -s tests/test_heldout.py` to see the figures and the top errors.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

from extract.schema import QUALIFIERS, TOPICS
from extract.units import dimension_name, is_unit

REPO = Path(__file__).resolve().parents[1]
LABELLED = REPO / "tests" / "labelled"
SHARED_EVAL = REPO.parent / "shared" / "eval"
SCORER = SHARED_EVAL / "score.py"
SEED_002 = REPO / "seeds" / "002_bbe9685bcaad8dc0.txt"
CJK = re.compile(r"[\u4e00-\u9fff]")

TARGETS = {"recall": 0.95, "precision": 0.95, "unit": 0.95, "topic": 0.85}

# Measured on 2026-12-02 (held-out, thirty-seven documents, 4114 claims: recall 0.965, precision
# 0.971, unit 0.904, topic 0.758; seed 002: recall 1.000, precision 0.989, unit 0.955, topic
# 0.909); a floor is the measured figure less a margin of a few mentions, so one fix that costs
# one mention elsewhere passes.
FLOORS = {
    "heldout": {"recall": 0.955, "precision": 0.96, "unit": 0.895, "topic": 0.75},
    "002": {"recall": 0.97, "precision": 0.95, "unit": 0.92, "topic": 0.85},
    # 204 required claims; measured recall 0.995, precision 0.981, unit 0.961, topic 0.842
    "seed_docs": {"recall": 0.97, "precision": 0.96, "unit": 0.94, "topic": 0.82},
    # 38 required claims; measured recall 0.974, precision 0.974, unit 0.946, topic 0.784
    "seed_docs_zh": {"recall": 0.92, "precision": 0.92, "unit": 0.89, "topic": 0.70},
}
# Targets not reached yet: (corpus, metric) -> reason with the measured figure.
BELOW_TARGET: dict[tuple[str, str], str] = {
    ("heldout", "unit"): "unit on the labelled corpus measured 0.904: annotators name counted things "
                         "the text leaves implicit (a package, employees for 'people', half of them "
                         "person) and spoken lines leave units to earlier sentences",
    ("heldout", "topic"): "topic on the labelled corpus measured 0.758: documents that talk of power, "
                          "chips, money and China at once split the keyword votes, and annotators "
                          "differ on them (supply counted as geopolitics by one, hardware by another)",
    ("seed_docs", "topic"): "topic on whole seeds measured 0.847: keyword votes miss what a listener "
                            "infers (a pay package said in billions, a chip's cost in a note on fabs)",
}


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def gold_docs() -> list[Path]:
    return sorted(p for p in (LABELLED / "docs").iterdir() if p.suffix in (".txt", ".md"))


def heldout_gold() -> list[dict]:
    rows: list[dict] = []
    for doc in gold_docs():
        rows += load_jsonl(LABELLED / "gold" / f"{doc.stem}.jsonl")
    return rows


@dataclass(repr=False)
class Score:
    """Counts of one scoring run and the errors behind them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    neutral: int = 0
    unit_ok: int = 0
    unit_scorer_ok: int = 0
    unit_scorer_can_judge: int = 0  # matches whose gold unit the scorer's registry can parse
    topic_ok: int = 0
    qualifier_ok: int = 0
    entity_ok: int = 0
    misses: list[dict] = field(default_factory=list)
    alarms: list[dict] = field(default_factory=list)
    wrong_unit: list[tuple[dict, dict]] = field(default_factory=list)
    wrong_topic: list[tuple[dict, dict]] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Score({self.figures}, tp={self.tp}, fp={self.fp}, fn={self.fn})"

    @property
    def figures(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0
        return {"recall": ratio(self.tp, self.tp + self.fn), "precision": ratio(self.tp, self.tp + self.fp),
                "unit": ratio(self.unit_ok, self.tp), "unit_scorer_only": ratio(self.unit_scorer_ok, self.tp),
                "unit_scorer_ceiling": ratio(self.unit_scorer_can_judge, self.tp),
                "topic": ratio(self.topic_ok, self.tp),
                "qualifier": ratio(self.qualifier_ok, self.tp), "entity": ratio(self.entity_ok, self.tp)}


def same_dimension(scorer: ModuleType, gold_unit: str, pred_unit: str) -> bool:
    """The scorer's verdict, or the project registry's dimension names agreeing.

    A unit neither registry knows (a count noun the extractor never met) is compared by
    spelling, singular and case aside; the registry is not extended here, so the extractor
    runs in the state it would have without this test.
    """
    if scorer.dims_equal(gold_unit, pred_unit):
        return True
    gold, pred = str(gold_unit or "dimensionless"), str(pred_unit or "dimensionless")
    if is_unit(gold) and is_unit(pred):
        return dimension_name(gold) == dimension_name(pred)
    return _spelling(gold) == _spelling(pred)


def _spelling(unit: str) -> str:
    return re.sub(r"[A-Za-z_]+", lambda m: m.group(0).lower().rstrip("s"), unit)


def score(scorer: ModuleType, gold: list[dict], preds: list[dict]) -> Score:
    """shared/eval/score.py's matching, run in process so the errors can be listed."""
    result = Score()
    by_line_gold: dict[tuple[str, int], list[dict]] = {}
    by_line_pred: dict[tuple[str, int], list[dict]] = {}
    for g in gold:
        by_line_gold.setdefault((g["doc"], int(g["line"])), []).append(g)
    for p in preds:
        by_line_pred.setdefault((p["doc"], int(p["line"])), []).append(p)
    for key in sorted(set(by_line_gold) | set(by_line_pred)):
        free = list(by_line_pred.get(key, []))
        for g in sorted(by_line_gold.get(key, []), key=lambda g: bool(g.get("optional"))):
            hit = next((p for p in free if scorer.compatible(g, p)), None)
            if hit is None:
                if not g.get("optional"):
                    result.fn += 1
                    result.misses.append(g)
                continue
            free.remove(hit)
            if g.get("optional"):
                result.neutral += 1
                continue
            result.tp += 1
            result.unit_scorer_ok += bool(scorer.dims_equal(g["unit"], hit.get("unit")))
            result.unit_scorer_can_judge += bool(scorer.dims_equal(g["unit"], g["unit"]))
            if same_dimension(scorer, g["unit"], hit.get("unit")):
                result.unit_ok += 1
            else:
                result.wrong_unit.append((g, hit))
            if (hit.get("topic") or "") == g.get("topic"):
                result.topic_ok += 1
            else:
                result.wrong_topic.append((g, hit))
            if (hit.get("qualifier") or "exact") == (g.get("qualifier") or "exact"):
                result.qualifier_ok += 1
            gold_entity, entity = str(g.get("entity") or "").lower(), str(hit.get("entity") or "").lower()
            result.entity_ok += gold_entity == entity or bool(gold_entity and entity and (
                gold_entity in entity or entity in gold_entity))  # the scorer's entity rule
        result.fp += len(free)
        result.alarms += free
    return result


def report(title: str, s: Score, top: int = 12) -> None:
    print(f"\n== {title}: gold {s.tp + s.fn}, predicted {s.tp + s.fp + s.neutral}, tp {s.tp}, "
          f"fp {s.fp}, fn {s.fn}, optional matched {s.neutral}")
    print("   " + ", ".join(f"{k} {v:.3f}" for k, v in s.figures.items()))
    for g in s.misses[:top]:
        print(f"   MISS  {g['doc'][:3]}:{g['line']} {g['surface']!r} {g['value']} {g['unit']}")
    for p in s.alarms[:top]:
        print(f"   FALSE {p['doc'][:3]}:{p['line']} {p['surface']!r} {p['value']} {p['unit']}")
    for g, p in s.wrong_unit[:top]:
        print(f"   UNIT  {g['doc'][:3]}:{g['line']} {g['surface']!r} gold {g['unit']} got {p['unit']}")
    for g, p in s.wrong_topic[:top]:
        print(f"   TOPIC {g['doc'][:3]}:{g['line']} {g['surface']!r} gold {g['topic']} got {p['topic']}")


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    if not SCORER.is_file():
        pytest.skip(f"shared scorer not found at {SCORER} (shared/ must sit beside the repository)")
    spec = importlib.util.spec_from_file_location("shared_eval_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predictions(paths: list[Path]) -> list[dict]:
    from extract.pipeline import extract_paths

    extraction = extract_paths(paths)
    assert extraction.errors == []
    rows = extraction.frame.to_dict("records")
    for r in rows:
        r["doc"] = Path(str(r["doc"])).name
    return rows


@pytest.fixture(scope="module")
def heldout(scorer: ModuleType) -> Score:
    preds = predictions(gold_docs())
    result = score(scorer, heldout_gold(), preds)
    report("held-out corpus tests/labelled", result)
    return result


@pytest.fixture(scope="module")
def seed002(scorer: ModuleType) -> Score:
    gold_path = SHARED_EVAL / "gold" / "002.jsonl"
    if not gold_path.is_file():
        pytest.skip(f"gold annotations not found at {gold_path}")
    lines = SEED_002.read_text(encoding="utf-8").split("\n")
    english = {i for i, text in enumerate(lines, 1) if not CJK.search(text)}
    gold = [g for g in load_jsonl(gold_path) if g.get("lang", "en") == "en" and g["line"] in english]
    preds = [p for p in predictions([SEED_002]) if p["line"] in english]
    result = score(scorer, gold, preds)
    report("seed 002 (English lines) against shared/eval/gold/002.jsonl", result)
    return result


@pytest.fixture(scope="module")
def seed_lines(scorer: ModuleType) -> Score:
    """70 lines drawn at random from seeds 000, 001, 003 and 004, every claim on them annotated
    by hand under the guide (tests/labelled/seed_lines/): precision and recall on the seeds
    themselves, which have no shared gold."""
    folder = LABELLED / "seed_lines"
    with open(folder / "lines.csv", newline="", encoding="utf-8") as f:
        chosen = {(row["doc"], int(row["line"])) for row in csv.DictReader(f)}
    paths = sorted({REPO / "seeds" / doc for doc, _ in chosen})
    preds = [p for p in predictions(paths) if (p["doc"], int(p["line"])) in chosen]
    result = score(scorer, load_jsonl(folder / "gold.jsonl"), preds)
    report("70 random lines of the other seeds (tests/labelled/seed_lines)", result)
    return result


# 20 required claims: one mention is 0.05. Measured on 2026-11-23: recall 1.000, precision 0.952.
SEED_LINES_FLOOR = 0.9



@pytest.mark.parametrize("metric", ["recall", "precision"])
def test_seed_lines_keep_recall_and_precision(seed_lines: Score, metric: str) -> None:
    assert seed_lines.figures[metric] >= SEED_LINES_FLOOR


def _target_params(corpus: str) -> list:
    params = []
    for metric in TARGETS:
        reason = BELOW_TARGET.get((corpus, metric))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(metric, marks=marks, id=metric))
    return params


@pytest.mark.parametrize("metric", _target_params("heldout"))
def test_heldout_meets_product_target(heldout: Score, metric: str) -> None:
    assert heldout.figures[metric] >= TARGETS[metric]


@pytest.mark.parametrize("metric", _target_params("002"))
def test_seed_002_meets_product_target(seed002: Score, metric: str) -> None:
    assert seed002.figures[metric] >= TARGETS[metric]


@pytest.mark.parametrize("metric", list(TARGETS))
def test_heldout_does_not_regress(heldout: Score, metric: str) -> None:
    assert heldout.figures[metric] >= FLOORS["heldout"][metric]


@pytest.mark.parametrize("metric", list(TARGETS))
def test_seed_002_does_not_regress(seed002: Score, metric: str) -> None:
    assert seed002.figures[metric] >= FLOORS["002"][metric]


# ---- the labelled corpus itself: a wrong gold line would mis-measure everything ----

@pytest.mark.parametrize("doc", [d.name for d in gold_docs()])
def test_gold_mentions_are_where_they_say(doc: str) -> None:
    lines = (LABELLED / "docs" / doc).read_text(encoding="utf-8").split("\n")
    gold = load_jsonl(LABELLED / "gold" / f"{Path(doc).stem}.jsonl")
    assert len(gold) >= 40
    for g in gold:
        where = f"{doc}:{g['line']} {g['surface']!r}"
        assert g["doc"] == doc, where
        assert g["surface"] in lines[g["line"] - 1], where
        assert g["qualifier"] in QUALIFIERS, where
        assert g["topic"] in TOPICS, where
        assert isinstance(g["optional"], bool), where
        low = g["low"] if g["low"] is not None else g["value"]
        high = g["high"] if g["high"] is not None else g["value"]
        assert low <= g["value"] <= high, where
        assert (g["low"] is None) == (g["qualifier"] in ("less_than", "at_most", "up_to")), where
        assert (g["high"] is None) == (g["qualifier"] in ("more_than", "at_least")), where


def test_gold_lines_follow_the_documents_speakers_and_timestamps() -> None:
    from extract.documents import read_document

    wrong, total = [], 0
    for doc in gold_docs():
        if doc.name in TURNS_READ_OTHERWISE:
            continue
        lines = {line.number: line for line in read_document(doc).lines}
        for g in load_jsonl(LABELLED / "gold" / f"{doc.stem}.jsonl"):
            line = lines[g["line"]]
            total += 1
            if (line.speaker, line.timestamp) != (g["speaker"], g["timestamp"]):
                wrong.append((doc.name, g["line"], line.speaker, line.timestamp, g["speaker"], g["timestamp"]))
    # a caption's turn that changes in mid-line (">> Yeah."), a post's like counts: a few
    # mentions where annotators place a turn finer than a line
    assert len(wrong) <= SPEAKER_DISAGREEMENTS_MOST * total, wrong


SPEAKER_DISAGREEMENTS_MOST = 0.005  # of the gold mentions: 14 of 4,411 today
# Documents whose annotators follow a turn convention the parser does not (known, for planning)
TURNS_READ_OTHERWISE = {
    "h32_lecture.md": "a lecturer goes on speaking after a section heading, where a heading ends a turn",
    "h28_bilingual_summary.txt": "a section heading 'Huawei Ascend: volumes, performance and packaging' "
                                 "reads as a speaker's label in a dialogue",
}


def _whole_seed_score(scorer: ModuleType, folder: str, keep) -> Score:
    gold = [g for path in sorted((LABELLED / folder).glob("*.jsonl")) for g in load_jsonl(path)]
    docs = sorted({g["doc"] for g in gold})
    preds = [p for p in predictions([REPO / "seeds" / doc for doc in docs]) if keep(p)]
    result = score(scorer, gold, preds)
    report(f"seeds {', '.join(d[:3] for d in docs)} annotated whole (tests/labelled/{folder})", result)
    return result


@pytest.fixture(scope="module")
def seed_docs(scorer: ModuleType) -> Score:
    """The English lines of seeds 000, 001, 003 and 004, every one annotated by annotators who
    worked from the guide and seed 002's gold without seeing the extractor's output."""
    return _whole_seed_score(scorer, "seed_docs", lambda p: p["lang"] == "en")


ZH_ANNOTATED_UNTIL = 400  # the Chinese lines of seed 004 are annotated up to this line


@pytest.fixture(scope="module")
def seed_docs_zh(scorer: ModuleType) -> Score:
    """The Chinese translation lines of seed 004, up to line 400, annotated the same way."""
    return _whole_seed_score(scorer, "seed_docs_zh",
                             lambda p: p["lang"] == "zh" and p["line"] <= ZH_ANNOTATED_UNTIL)


@pytest.mark.parametrize("metric", list(TARGETS))
def test_chinese_lines_keep_their_floor(seed_docs_zh: Score, metric: str) -> None:
    assert seed_docs_zh.figures[metric] >= FLOORS["seed_docs_zh"][metric]


@pytest.mark.parametrize("metric", _target_params("seed_docs"))
def test_whole_seeds_meet_product_target(seed_docs: Score, metric: str) -> None:
    assert seed_docs.figures[metric] >= TARGETS[metric]


@pytest.mark.parametrize("metric", list(TARGETS))
def test_whole_seeds_keep_their_floor(seed_docs: Score, metric: str) -> None:
    assert seed_docs.figures[metric] >= FLOORS["seed_docs"][metric]
