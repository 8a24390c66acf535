"""NewsQuant (CQE's news-sentence benchmark) as a regression guard, scored by benchmarks/newsquant.py.

The figures are value P/R/F1 the way CQE's evaluation counts them; CQE reports F1 92.0 for
itself and 73.0 for quantulum3 on NewsQuant. Floors sit just under the measured figures.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from extract.quantities import Quantity

REPO = Path(__file__).resolve().parents[1]
CQE = REPO.parent / "shared" / "peer-tests" / "CQE"

# set -> (precision, recall, F1) floors in percent, about two points under the figures measured
# on 2026-11-23: NewsQuant P 91.2 R 89.3 F1 90.2; currency-model P 78.5 R 81.6 F1 80.0.
FLOORS = {"NewsQuant": (89.0, 87.0, 88.0), "currency-model": (76.0, 79.0, 77.0)}


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsquant_bench", REPO / "benchmarks" / "newsquant.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def q(value: float | None, low: float | None, high: float | None, qualifier: str = "exact") -> Quantity:
    return Quantity(0, 1, "x", value, low, high, "count", qualifier)


def test_gold_range_needs_both_bounds(bench: ModuleType) -> None:
    gold = bench.gold_value("252.0-287.0")
    assert gold == (252.0, 287.0)
    assert bench.matches(gold, q(269.5, 252.0, 287.0))
    assert not bench.matches(gold, q(287.0, None, 287.0, "at_most"))
    assert bench.matches(bench.gold_value("2415.0-2315.0"), q(2365.0, 2315.0, 2415.0))


def test_percent_matches_a_gold_fraction(bench: ModuleType) -> None:
    third = Quantity(0, 7, "A third", 100 / 3, 100 / 3, 100 / 3, "percent", "exact")
    assert bench.matches(0.3333333333333333, third)
    assert not bench.matches(0.3333333333333333, q(100 / 3, 100 / 3, 100 / 3))


def test_gold_single_value_matches_value_or_open_bound(bench: ModuleType) -> None:
    assert bench.gold_value("-5") == -5.0
    assert bench.gold_value("1E-3") == 0.001
    assert bench.matches(5.0, q(5.0, 5.0, 5.0))
    assert bench.matches(5.0, q(5.0, 5.0, None, "more_than"))
    assert bench.matches(5.0, q(7.5, 5.0, 10.0))
    assert not bench.matches(5.0, q(5.1, 5.1, 5.1))


@pytest.mark.parametrize("name", list(FLOORS))
def test_value_scores_do_not_regress(bench: ModuleType, name: str) -> None:
    path = CQE / "formatted_test_set" / f"{name}.json"
    if not path.is_file():
        pytest.skip(f"CQE test set not found at {path} (shared/ must sit beside the repository)")
    result = bench.evaluate(name, json.loads(path.read_text(encoding="utf-8")))
    p, r, f = result.prf(result.value_ok)
    print(f"\n{name}: value P {p:.1f} R {r:.1f} F1 {f:.1f} ({result.gold} gold, {result.pred} predicted)")
    floor_p, floor_r, floor_f = FLOORS[name]
    assert p >= floor_p and r >= floor_r and f >= floor_f
