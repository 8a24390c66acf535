"""Throughput of the extractor on the seeds beside quantulum3, its growth with input size, peak memory.

Why: the extractor is meant to run over many hours of transcripts on a laptop and inside the
dashboard, so it has to be much faster than the usual off-the-shelf quantity parser (target:
at least 20x quantulum3 on seed 004, 142 KB) and linear in the input.

Every timing is the best of N runs after one warm-up run, in this process, on the same text:
- pipeline: `extract_text(text)` = document parsing + quantities + context + Mention rows;
- finder: `find_quantities(line)` for every line, the quantity finder alone;
- quantulum3 whole: `quantulum3.parser.parse(text)` on the whole document, as its docs show;
- quantulum3 lines: `parser.parse(line)` per line (quantulum3 is faster fed line by line, so
  this is the harder comparison).
quantulum3 is a benchmark-only dependency (benchmarks/requirements.txt); without it those
columns are skipped.

usage: python benchmarks/speed.py [--runs N] [--quantulum-runs N] [--no-quantulum] [--seeds DIR]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extract.pipeline import extract_text
from extract.quantities import find_quantities

TARGET_SEED = "004"
TARGET_RATIO = 20.0


def best_time(runs: int, fn: Callable[..., object], *args: object) -> float:
    """Seconds of the fastest of `runs` calls fn(*args) after one warm-up call (caches, lazy imports)."""
    fn(*args)
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - started)
    return best


def finder(text: str) -> int:
    return sum(len(find_quantities(line)) for line in text.splitlines())


def quantulum_parsers() -> dict[str, Callable[[str], int]]:
    """quantulum3's parse on the whole text and line by line, or {} when it is not installed."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # it warns that its optional classifier is absent
            from quantulum3 import parser
    except ImportError:
        return {}

    def whole(text: str) -> int:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return len(parser.parse(text))

    def lines(text: str) -> int:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return sum(len(parser.parse(line)) for line in text.splitlines() if line.strip())

    return {"quantulum3 whole": whole, "quantulum3 lines": lines}


def peak_memory(text: str, name: str) -> tuple[int, float]:
    """(mentions, peak MB traced) of one pipeline run on the text."""
    gc.collect()
    tracemalloc.start()
    mentions = extract_text(text, name)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return len(mentions), peak / 1e6


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=REPO / "seeds")
    ap.add_argument("--runs", type=int, default=15, help="timed runs of our extractor per seed (best is kept)")
    ap.add_argument("--quantulum-runs", type=int, default=3, help="timed runs of quantulum3 per seed")
    ap.add_argument("--no-quantulum", action="store_true", help="skip quantulum3")
    a = ap.parse_args(argv)
    paths = sorted(a.seeds.glob("*.txt"))
    if not paths:
        print(f"error: no .txt seeds in {a.seeds}", file=sys.stderr)
        return 2
    texts = {p.name: p.read_text(encoding="utf-8") for p in paths}
    others = {} if a.no_quantulum else quantulum_parsers()
    if not a.no_quantulum and not others:
        print("quantulum3 is not installed (pip install -r benchmarks/requirements.txt); skipping it")

    print(f"Throughput, best of {a.runs} runs after a warm-up (quantulum3: best of {a.quantulum_runs})")
    header = f"{'seed':<28}{'KB':>7}{'pipeline s':>12}{'MB/s':>7}{'finder s':>10}{'MB/s':>7}"
    for name in others:
        header += f"{name + ' s':>20}{'ratio':>7}"
    print(header)
    ratios: dict[str, dict[str, float]] = {}
    total_bytes = total_pipeline = 0.0
    for name, text in texts.items():
        size = len(text.encode("utf-8"))
        t_pipe = best_time(a.runs, extract_text, text, name)
        t_find = best_time(a.runs, finder, text)
        total_bytes += size
        total_pipeline += t_pipe
        row = f"{name:<28}{size / 1e3:7.1f}{t_pipe:12.4f}{size / 1e6 / t_pipe:7.2f}{t_find:10.4f}{size / 1e6 / t_find:7.2f}"
        for other, parse in others.items():
            t_other = best_time(a.quantulum_runs, parse, text)
            ratios.setdefault(name, {})[other] = t_other / t_pipe
            row += f"{t_other:20.3f}{t_other / t_pipe:6.0f}x"
        print(row)
    print(f"{'all seeds':<28}{total_bytes / 1e3:7.1f}{total_pipeline:12.4f}{total_bytes / 1e6 / total_pipeline:7.2f}")

    target = next((n for n in texts if n.startswith(TARGET_SEED)), None)
    if target and target in ratios:
        for other, ratio in ratios[target].items():
            verdict = "meets" if ratio >= TARGET_RATIO else "BELOW"
            print(f"seed {TARGET_SEED}: pipeline is {ratio:.0f}x faster than {other} "
                  f"({verdict} the {TARGET_RATIO:.0f}x target)")

    print("\nLinearity: pipeline on all seeds concatenated 1x, 2x, 4x (should grow ~linearly)")
    joined = "\n".join(texts.values())
    base = None
    for copies in (1, 2, 4):
        text = "\n".join([joined] * copies)
        t = best_time(max(1, a.runs // 2), extract_text, text, "joined")
        base = base or t
        print(f"  {copies}x {len(text.encode('utf-8')) / 1e6:6.2f} MB  {t:8.3f} s  "
              f"{t / base:5.2f}x the 1x time  {len(text.encode('utf-8')) / 1e6 / t:6.2f} MB/s")

    print("\nPeak memory of one pipeline run (tracemalloc)")
    for name, text in texts.items():
        mentions, peak = peak_memory(text, name)
        print(f"  {name:<28}{len(text.encode('utf-8')) / 1e3:7.1f} KB  {mentions:5d} mentions  peak {peak:6.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
