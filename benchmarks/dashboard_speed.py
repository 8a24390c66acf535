"""How fast the dashboard feels, measured in headless Chromium against a running Streamlit server.

Figures printed:
- 1,000,000-row synthetic table: first full render (cold: the server reads the file; warm: a new
  visitor once it is cached) and a topic filter change (aims: under 3 s and under 0.5 s).
- the bundled seeds: first render once the facts table is cached (aim: under 2 s).

Run: .venv/bin/python benchmarks/dashboard_speed.py [--rows N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Page, sync_playwright

from dashboard import data
from dashboard.serve import CHROMIUM, CHROMIUM_ARGS, READY, running_app
from dashboard.synthetic import synthetic_facts

MATCHING = re.compile(r"of [\d,]+ claims match")


def first_render(page: Page, url: str) -> float:
    """Seconds from navigation until the script has finished and the claims table is on screen."""
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(READY, timeout=120_000)
    page.wait_for_selector("[data-testid='stDataFrame']", state="visible")
    page.get_by_text(MATCHING).wait_for()
    return time.perf_counter() - started


def filter_change(page: Page, topic: str) -> float:
    """Seconds from choosing a topic until the new match count is shown and the run has finished."""
    sidebar = page.locator("[data-testid='stSidebar']")
    before = sidebar.get_by_text(MATCHING).inner_text()
    box = page.locator("[data-testid='stMultiSelect']").filter(has_text="Topic")
    box.locator("input").click()
    page.keyboard.type(topic)
    option = page.get_by_role("option").filter(has_text=topic).first
    option.wait_for()
    started = time.perf_counter()
    option.click()
    page.wait_for_function(
        """([before]) => {
            const app = document.querySelector("[data-testid='stApp']");
            const side = document.querySelector("[data-testid='stSidebar']");
            return app && app.getAttribute("data-test-script-state") === "notRunning"
                && side && !side.innerText.includes(before);
        }""",
        arg=[before], polling="raf", timeout=60_000,
    )
    elapsed = time.perf_counter() - started
    page.keyboard.press("Escape")
    page.wait_for_selector(READY)
    return elapsed


def measure(url: str, topics: list[str]) -> dict[str, float | list[float]]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            cold = first_render(browser.new_page(viewport={"width": 1400, "height": 1000}), url)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            warm = first_render(page, url)
            changes = [filter_change(page, topic) for topic in topics]
        finally:
            browser.close()
    return {"cold": cold, "warm": warm, "changes": changes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in the synthetic table")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        facts = Path(tmp) / "facts.parquet"
        started = time.perf_counter()
        synthetic_facts(args.rows).to_parquet(facts, index=False)
        print(f"synthetic table: {args.rows:,} rows written in {time.perf_counter() - started:.1f} s")
        with running_app(facts) as url:
            big = measure(url, ["pricing", "energy", "hardware"])
    print(f"{args.rows:,} rows, first full render (cold, file read): {big['cold']:.2f} s")
    print(f"{args.rows:,} rows, first full render (cached):          {big['warm']:.2f} s   (aim < 3 s)")
    changes = big["changes"]
    print(f"{args.rows:,} rows, filter change (median of {len(changes)}):     "
          f"{statistics.median(changes):.2f} s   (aim < 0.5 s; each: "
          + ", ".join(f"{c:.2f}" for c in changes) + ")")

    seeds_facts = data.DEFAULT_FACTS
    if not seeds_facts.exists():
        data.build_facts(data.SEEDS_DIR, seeds_facts)
    with running_app(seeds_facts) as url:
        seeds = measure(url, ["finance"])
    print(f"seeds, first render (cold):                   {seeds['cold']:.2f} s")
    print(f"seeds, first render (cached):                 {seeds['warm']:.2f} s   (aim < 2 s)")
    print(f"seeds, filter change:                         {seeds['changes'][0]:.2f} s")


if __name__ == "__main__":
    main()
