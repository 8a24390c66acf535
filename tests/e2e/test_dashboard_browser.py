"""The dashboard in a real headless Chromium: filter, chart, compare, download, as a person would."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from dashboard.serve import CHROMIUM, CHROMIUM_ARGS, READY, running_app
from dashboard.synthetic import sample_facts
from extract.schema import COLUMNS
from extract.table import write_table

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"

if not Path(CHROMIUM).exists():
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)",
                allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright


@pytest.fixture(scope="module")
def app_url(tmp_path_factory) -> Iterator[str]:
    facts = tmp_path_factory.mktemp("e2e") / "facts.parquet"
    write_table(sample_facts(), facts)
    with running_app(facts) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    settle(page)


def settle(page: Page) -> None:
    """Wait until the script has finished its run (after a short pause for a rerun to start)."""
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=30_000)


def pick(page: Page, widget: str, option: str) -> None:
    """Choose an option in a multiselect by typing it, as a keyboard user would."""
    box = page.locator("[data-testid='stMultiSelect']").filter(has_text=widget)
    box.locator("input").click()
    page.keyboard.type(option)
    page.get_by_role("option").filter(has_text=option).first.click()
    page.keyboard.press("Escape")
    settle(page)


def matching_text(page: Page) -> str:
    return page.locator("[data-testid='stSidebar']").get_by_text(re.compile(r"of \d+ claims match")).inner_text()


def test_topic_filter_narrows_the_table_and_lives_in_the_url(page, app_url):
    open_app(page, app_url)
    expect(page.get_by_role("heading", name="claimboard")).to_be_visible()
    assert matching_text(page) == "10 of 10 claims match"
    pick(page, "Topic", "hardware")
    assert matching_text(page) == "2 of 10 claims match"
    assert "topic=hardware" in page.url
    shared = page.url
    other = page.context.new_page()
    open_app(other, shared)
    assert matching_text(other) == "2 of 10 claims match"
    expect(other.locator("[data-testid='stMultiSelect']").filter(has_text="Topic")).to_contain_text("hardware")


def test_chart_shows_each_claim_with_png_button(page, app_url):
    open_app(page, f"{app_url}/?chart=count+of+GPUs")
    page.get_by_role("tab", name="Chart").click()
    settle(page)
    assert "view=Chart" in page.url
    chart = page.locator("[data-testid='stPlotlyChart']").first
    expect(chart).to_be_visible()
    expect(chart.locator(".scatterlayer .point")).to_have_count(3)
    expect(chart.locator(".xtitle")).to_contain_text("count of GPUs")
    button = chart.locator(".modebar-btn[data-title='Download plot as a PNG'], "
                           ".modebar-btn[data-title='Download plot as a png']")
    expect(button).to_have_count(1)


def test_compare_two_claims(page, app_url):
    open_app(page, app_url)
    page.get_by_role("tab", name="Compare").click()
    settle(page)
    pick(page, "Claims to compare", "72 GPUs")
    pick(page, "Claims to compare", "8 GPUs")
    expect(page.get_by_text("72 GPUs vs 8 GPUs: 9x, difference 64 GPUs")).to_be_visible()
    pick(page, "Claims to compare", "$6/hour")
    expect(page.get_by_text(re.compile("only claims of the same dimension can be compared"))).to_be_visible()


def test_download_csv_of_the_filtered_claims(page, app_url):
    open_app(page, f"{app_url}/?topic=pricing")
    assert matching_text(page) == "3 of 10 claims match"
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    download = info.value
    assert download.suggested_filename == "claimboard-claims.csv"
    frame = pd.read_csv(io.BytesIO(Path(download.path()).read_bytes()), keep_default_na=False)
    assert tuple(frame.columns) == COLUMNS
    assert sorted(frame["surface"]) == ["$1.40 an hour", "$4,380 a month", "$6 an hour"]
    assert set(frame["topic"]) == {"pricing"}


def test_ledger_shows_the_decimal_slip_of_added_transcripts(page, app_url):
    open_app(page, app_url)
    page.get_by_role("tab", name="Add documents").click()
    settle(page)
    transcripts = [SEEDS / name for name in ("000_92f0e6ffc23971e8.txt", "001_9aa677d05b5fb973.txt",
                                             "004_6715a186afd1f4c1.txt")]
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(transcripts)
    expect(page.get_by_text("Added 3 document(s)")).to_be_visible(timeout=30_000)
    page.get_by_role("tab", name="Ledger").click()
    settle(page)
    page.get_by_text("Only conflicts").click()
    settle(page)
    assert "conflicts=1" in page.url
    expect(page.get_by_text(re.compile(r"make \d+ claims, 1 of them with a conflict"))).to_be_visible()
    picker = page.get_by_role("combobox", name="Claim to inspect")
    expect(picker).to_have_value(re.compile(r"^\$1\.40/hour · .* · 4 mention\(s\), .* · ⚠ conflict"))
    expect(page.get_by_text(re.compile("^likely transcription error: 140 USD/hour"))).to_be_visible()
    expect(page.get_by_text("Preferred value: $1.40/hour")).to_be_visible()
