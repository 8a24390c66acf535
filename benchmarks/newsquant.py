"""Value precision, recall and F1 of `find_quantities` on CQE's NewsQuant set, beside CQE and quantulum3.

NewsQuant (590 news sentences, 904 quantities, tagged by the CQE authors) is the only public
sentence-level quantity benchmark with its competitors' scores published, so it tells how the
extractor does on text it was not written for. The four Recognizers-derived sets (currency,
dimension, temperature, age) are a secondary check.

Scoring follows CQE's `evaluate_models.py` "value" metric: per sentence, a predicted quantity
matches a gold quantity when their numbers agree within numpy's default `isclose` tolerance
(rtol 1e-5, atol 1e-8); precision = matches / all predictions, recall = matches / all gold.
Units and spans are not compared. Our matching rule, since our extractor reports a range as
one quantity with `low`/`high` and `value` = midpoint:

- a gold range "a-b" matches a prediction whose `low` and `high` are close to a and b, in
  either order (NewsQuant writes a fall "from $2,415 to $2,315" as "2415.0-2315.0");
- a gold single value v matches a prediction whose `value` is close to v, or whose `low` or
  `high` is (an open bound such as "more than 5" or one end of a predicted range);
- a prediction in percent also matches as a fraction (gold "A third" is 0.333, ours 33.3 %);
- a change "from a to b" is two values for us (two facts: before and after) but one range
  "a-b" in NewsQuant; when no single prediction matches a gold range, two predictions whose
  values are its two ends match it, and count as one prediction;
- matching is one-to-one and greedy in gold order within a sentence (CQE lets one prediction
  count for several gold values; one-to-one is never more generous).

"value+change" also needs the qualifier to agree with CQE's `change`: "=" exact, "~" approx,
">" more_than/at_least, "<" less_than/at_most; "up"/"down" (a rise or fall) count as exact,
since the extractor records no direction.

usage: python benchmarks/newsquant.py [--data DIR] [--sets NewsQuant,...] [--show N]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extract.quantities import Quantity, find_quantities

DEFAULT_DATA = REPO.parent / "shared" / "peer-tests" / "CQE"
SETS = ("NewsQuant", "currency-model", "dimension-model", "temperature-model", "age-model")
CHANGE_OK = {"=": {"exact"}, "~": {"approx"}, ">": {"more_than", "at_least"},
             "<": {"less_than", "at_most", "up_to"}, "up": {"exact"}, "down": {"exact"}}


def isclose(a: float | None, b: float | None) -> bool:
    """numpy.isclose(a, b) with its defaults, as CQE's evaluation uses."""
    if a is None or b is None:
        return False
    return abs(a - b) <= 1e-8 + 1e-5 * abs(b)


def gold_value(text: str) -> tuple[float, float] | float:
    """A gold value string as CQE decodes it: "252.0-287.0" is a range, "-5" or "1E-3" is not."""
    if "E" not in text and not text.startswith("-") and "-" in text:
        low, high = text.split("-", 1)
        return float(low), float(high)
    return float(text)


def matches(gold: tuple[float, float] | float, pred: Quantity) -> bool:
    """The matching rule of the module docstring."""
    numbers = (pred.value, pred.low, pred.high)
    readings = [numbers]
    if pred.unit == "percent":  # NewsQuant writes "a third" and "almost half" as fractions
        readings.append(tuple(None if x is None else x / 100 for x in numbers))
    for value, low, high in readings:
        if isinstance(gold, tuple):
            a, b = gold
            if (isclose(low, a) and isclose(high, b)) or (isclose(low, b) and isclose(high, a)):
                return True
        elif isclose(value, gold) or isclose(low, gold) or isclose(high, gold):
            return True
    return False


def _pair_for_range(gold: tuple[float, float] | float, preds: list[Quantity]) -> tuple[Quantity, Quantity] | None:
    """Two single-valued predictions holding the gold range's two ends ("from a to b")."""
    if not isinstance(gold, tuple):
        return None
    first = next((p for p in preds if isclose(p.value, gold[0])), None)
    second = next((p for p in preds if p is not first and isclose(p.value, gold[1])), None)
    return (first, second) if first and second else None


@dataclass
class Result:
    """Counts for one test set plus the misses and false alarms to show."""

    name: str
    gold: int = 0
    pred: int = 0
    value_ok: int = 0
    change_ok: int = 0
    seconds: float = 0.0
    misses: list[tuple[str, dict]] = field(default_factory=list)
    alarms: list[tuple[str, Quantity, list[dict]]] = field(default_factory=list)

    def prf(self, correct: int) -> tuple[float, float, float]:
        p = correct / self.pred if self.pred else 0.0
        r = correct / self.gold if self.gold else 0.0
        return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)


def evaluate(name: str, sentences: list[dict]) -> Result:
    """Run the extractor over every sentence of one set and count matches."""
    result = Result(name)
    started = time.perf_counter()
    predictions = [find_quantities(s["text"]) for s in sentences]
    result.seconds = time.perf_counter() - started
    for sentence, preds in zip(sentences, predictions):
        golds = sentence["quantities"]
        result.gold += len(golds)
        result.pred += len(preds)
        free = list(preds)
        unmatched = []
        for g in golds:
            value = gold_value(str(g["value"]))
            hit = next((p for p in free if matches(value, p)), None)
            pair = _pair_for_range(value, free) if hit is None else None
            if hit is None and pair is None:
                unmatched.append(g)
                continue
            if pair:
                free.remove(pair[1])
                result.pred -= 1  # the two ends of a change stand for the one gold range
                hit = pair[0]
            free.remove(hit)
            result.value_ok += 1
            if hit.qualifier in CHANGE_OK.get(g.get("change", "="), set()):
                result.change_ok += 1
        result.misses += [(sentence["text"], g) for g in unmatched]
        result.alarms += [(sentence["text"], p, unmatched) for p in free]
    return result


def reported(data: Path, name: str) -> list[dict]:
    """Rows of CQE's published table for one set (tab-separated: P R F1 model type)."""
    path = data / "evaluation_output" / f"{name}.csv"
    if not path.is_file():
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


# ---- categories of errors, so the causes can be fixed in order of weight ----

MONTHS = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"


def _numbers_in(text: str) -> set[float]:
    return {float(m.replace(",", "")) for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def miss_category(text: str, gold: dict) -> str:
    """What kind of gold quantity was missed, judged from the gold and the sentence."""
    value = gold_value(str(gold["value"]))
    if isinstance(value, tuple):
        return "range"
    unit = str(gold.get("normalized_unit", "")).lower()
    surface_unit = str(gold.get("unit", "")).lower()
    digits = _numbers_in(text)
    if value == 1 and 1.0 not in digits:
        return "'one'/'a' as a count"
    if not any(isclose(value, d * scale) for d in digits for scale in (1, 1e3, 1e6, 1e9, 1e12)):
        return "number in words or fraction"
    if unit in ("dollar", "euro", "pound sterling", "yen", "rupee") or "$" in surface_unit:
        return "currency"
    if unit in ("percentage", "percent") or "%" in surface_unit:
        return "percent"
    if unit in ("", "-", "dimensionless", "count"):
        return "bare number"
    return "digits with a unit"


def alarm_category(text: str, pred: Quantity, unmatched: list[dict]) -> str:
    """Why a prediction matched no gold quantity, guessed from the sentence and the misses."""
    ours = [x for x in (pred.value, pred.low, pred.high) if x]
    for g in unmatched:
        v = gold_value(str(g["value"]))
        bounds = list(v) if isinstance(v, tuple) else [v]
        if any(isclose(x, b) for x in ours for b in bounds):
            return "range or bound read differently"
        if any(b and abs(math.log10(abs(x / b)) - round(math.log10(abs(x / b)))) < 1e-6
               for x in ours for b in bounds):
            return "scale differs from gold (magnitude word, decimal, percent)"
    before = text[max(0, pred.start - 12):pred.start]
    after = text[pred.end:pred.end + 6]
    if text[max(0, pred.start - 1):pred.start].isalpha() or after[:1].isalpha():
        return "number inside a word or code"
    if re.search(MONTHS + r"\s*$", before, re.IGNORECASE) or re.search(r"^\s*(a\.m|p\.m)|:\d", after, re.IGNORECASE) \
            or before.endswith(":"):
        return "date or clock time"
    if pred.value is not None and float(pred.value).is_integer() and 1900 <= pred.value <= 2100:
        return "year-like number"
    if re.search(r"(?<![.!?] )\b[A-Z][\w-]*\s+$", before):
        return "number after a name (product, version, team)"
    if unmatched:
        return "value differs from an unmatched gold"
    return "not a quantity in the gold"


def show(result: Result, n: int) -> None:
    """Print the error categories by weight and up to n examples of each kind."""
    for title, items, category in (
        ("misses", result.misses, lambda m: miss_category(*m)),
        ("false alarms", result.alarms, lambda a: alarm_category(*a)),
    ):
        counts = Counter(category(item) for item in items)
        print(f"\n{result.name} {title} by category: "
              + ", ".join(f"{k}: {v}" for k, v in counts.most_common()))
        for item in items[:n]:
            text = item[0] if len(item[0]) <= 160 else item[0][:157] + "..."
            if title == "misses":
                g = item[1]
                print(f"  MISS [{category(item)}] {g['value']} {g.get('unit', g.get('normalized_unit', ''))!r}"
                      f" | {text}")
            else:
                p = item[1]
                print(f"  FALSE [{category(item)}] {p.surface!r} value={p.value} unit={p.unit!r} | {text}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="CQE folder (formatted_test_set/, evaluation_output/)")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated set names")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print N misses and N false alarms per set")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    a = ap.parse_args(argv)
    figures = {}
    for name in a.sets.split(","):
        path = a.data / "formatted_test_set" / f"{name}.json"
        try:
            sentences = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            print(f"error: cannot read test set {path}: {exc}", file=sys.stderr)
            return 2
        result = evaluate(name, sentences)
        p, r, f = result.prf(result.value_ok)
        pc, rc, fc = result.prf(result.change_ok)
        figures[name] = {"sentences": len(sentences), "gold": result.gold, "pred": result.pred,
                         "value": {"P": round(p, 1), "R": round(r, 1), "F1": round(f, 1)},
                         "value+change": {"P": round(pc, 1), "R": round(rc, 1), "F1": round(fc, 1)},
                         "seconds": round(result.seconds, 3)}
        if a.json:
            continue
        print(f"\n== {name}: {len(sentences)} sentences, {result.gold} gold quantities, "
              f"{result.pred} predicted, {result.seconds:.2f} s")
        print(f"{'model':<16}{'type':<14}{'P':>6}{'R':>6}{'F1':>6}")
        print(f"{'claimboard':<16}{'value':<14}{p:6.1f}{r:6.1f}{f:6.1f}")
        if name == "NewsQuant":
            print(f"{'claimboard':<16}{'value+change':<14}{pc:6.1f}{rc:6.1f}{fc:6.1f}")
        for row in reported(a.data, name):
            if row["model"] in ("CQE-Numparser", "quantulum3") and row["type"] in ("value", "value+change"):
                print(f"{row['model']:<16}{row['type']:<14}{float(row['P']):6.1f}{float(row['R']):6.1f}"
                      f"{float(row['F1']):6.1f}  (reported)")
        if a.show:
            show(result, a.show)
    if a.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
