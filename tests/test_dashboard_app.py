"""The Streamlit page driven by streamlit.testing.v1.AppTest: filters, links, downloads, compare, uploads."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.synthetic import sample_facts
from extract.ledger import CLAIM_COLUMNS
from extract.pipeline import extract_paths
from extract.schema import COLUMNS
from extract.table import write_table

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def facts_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("facts") / "facts.parquet"
    write_table(sample_facts(), path)
    return path


@pytest.fixture(scope="module")
def seeds_file(tmp_path_factory) -> Path:
    """The seeds as `python -m extract` writes them: facts.parquet and claims.parquet beside it."""
    folder = tmp_path_factory.mktemp("seeds")
    result = extract_paths([SEEDS], claims=True)
    write_table(result.frame, folder / "facts.parquet")
    write_table(result.claims, folder / "claims.parquet")
    return folder / "facts.parquet"


@pytest.fixture
def app(facts_file, monkeypatch) -> AppTest:
    monkeypatch.setenv(data.FACTS_ENV, str(facts_file))
    return AppTest.from_file(APP, default_timeout=60)


@pytest.fixture
def downloads(monkeypatch) -> dict:
    """File name -> the callable a download button would run when clicked."""
    found: dict = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        found[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return found


def open_view(at: AppTest, view: str) -> None:
    """Switch tabs as a click would (only the open tab's content runs)."""
    at.session_state["view"] = view
    at.run()


def matching(at: AppTest) -> str:
    return at.sidebar.markdown[0].value


def table(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


def test_opens_with_every_claim_readable(app):
    app.run()
    assert not app.exception
    assert app.title[0].value == "claimboard"
    assert matching(app) == "**10** of 10 claims match"
    shown = table(app)
    assert len(shown) == 10
    assert {"$6/hour", "72 GPUs", "~300k-600k GPUs", "$10B", "20%", "1.5 GW"} <= set(shown["claim"])
    assert shown.loc[shown["claim"] == "$6/hour", "source"].iloc[0].endswith("&t=1863s")
    assert not app.selectbox  # only the open tab runs: the chart's widgets are not built yet
    open_view(app, "Chart")
    assert app.selectbox(key="chart").value in ("count of GPUs", "currency rate")
    assert app.query_params == {"view": "Chart"}


def test_topic_filter_shows_counts_and_narrows_everything(app):
    app.run()
    topic = app.multiselect(key="topic")
    assert "pricing (3)" in topic.options and "hardware (2)" in topic.options
    topic.set_value(["pricing"]).run()
    assert matching(app) == "**3** of 10 claims match"
    assert app.query_params == {"topic": "pricing"}
    assert sorted(table(app)["claim"]) == ["$4,380/month", "$6/hour", "~$1.40/hour"]
    assert "3 claims match this filter" in [c.value for c in app.sidebar.caption]
    entity = app.multiselect(key="entity")
    assert "Nvidia (1)" in entity.options  # counts follow the other filters
    open_view(app, "Chart")
    assert app.selectbox(key="chart").value == "currency rate"


def test_search_filters_subject_and_quote(app):
    app.run()
    app.text_input(key="q").set_value("louisiana").run()
    assert list(table(app)["claim"]) == ["1.5 GW"]
    assert app.query_params == {"q": "louisiana"}
    app.button[0].click().run()  # Clear filters
    assert matching(app) == "**10** of 10 claims match"
    assert "q" not in app.query_params


def test_link_with_filters_reopens_the_same_view(app):
    app.query_params["topic"] = ["hardware", "clusters"]
    app.query_params["entity"] = "xAI"
    app.query_params["chart"] = "count of GPUs"
    app.query_params["view"] = "Chart"
    app.query_params["topic_typo"] = "ignored"
    app.run()
    assert not app.exception
    assert app.multiselect(key="topic").value == ["hardware", "clusters"]
    assert app.multiselect(key="entity").value == ["xAI"]
    assert app.selectbox(key="chart").value == "count of GPUs"
    open_view(app, "Claims")
    assert list(table(app)["claim"]) == ["~300k-600k GPUs"]


def test_link_with_unknown_values_falls_back_to_everything(app):
    app.query_params["topic"] = ["no-such-topic"]
    app.run()
    assert not app.exception
    assert app.multiselect(key="topic").value == []
    assert matching(app) == "**10** of 10 claims match"


def test_downloads_hold_the_filtered_claims(app, downloads):
    app.query_params["topic"] = ["hardware", "talent"]
    app.run()
    assert {b.proto.label for b in app.get("download_button")} == {
        "Download CSV", "Download JSON", "Download Parquet"}
    csv = pd.read_csv(io.BytesIO(downloads["claimboard-claims.csv"]()), keep_default_na=False)
    assert tuple(csv.columns) == COLUMNS
    assert sorted(csv["surface"]) == ["3 employees", "72 GPUs", "8 GPUs"]
    assert csv.loc[csv["surface"] == "3 employees", "entity"].iloc[0] == "'@corp"
    records = json.loads(downloads["claimboard-claims.json"]())
    assert sorted(r["surface"] for r in records) == ["3 employees", "72 GPUs", "8 GPUs"]
    parquet = pd.read_parquet(io.BytesIO(downloads["claimboard-claims.parquet"]()))
    assert tuple(parquet.columns) == COLUMNS and len(parquet) == 3


def shown(element) -> str:
    """Markdown source as the reader sees it: every character is escaped, so drop the escapes."""
    return re.sub(r"\\(.)", r"\1", element.value)


def test_compare_two_claims_of_one_dimension(app):
    app.run()
    open_view(app, "Compare")
    app.multiselect(key="compare").set_value(["m02", "m03"]).run()
    assert [shown(s) for s in app.success] == ["72 GPUs vs 8 GPUs: 9x, difference 64 GPUs"]
    app.multiselect(key="compare").set_value(["m00", "m01"]).run()
    assert shown(app.success[0]) == "$6/hour vs ~$1.40/hour: 4.3x, difference $4.60/hour"


def test_compare_refuses_different_dimensions(app):
    app.run()
    open_view(app, "Compare")
    app.multiselect(key="compare").set_value(["m02", "m00"]).run()
    assert not app.success
    assert "different things" in app.error[0].value
    assert "only claims of the same dimension can be compared" in app.error[0].value


def test_document_text_is_never_rendered_as_markdown_or_html(app):
    app.run()
    assert any("<script>" in q for q in table(app)["quote"])  # shown as plain text in the table
    for view in ("Ledger", "Chart", "Compare", "Overview"):
        open_view(app, view)
        if view == "Compare":
            app.multiselect(key="compare").set_value(["m08", "m00"]).run()
        rendered = [e.value for kind in ("markdown", "caption", "success", "error", "info")
                    for e in app.get(kind)]
        assert not any("<script>" in text or "**bold**" in text for text in rendered)


def test_upload_adds_claims_and_bad_files_get_messages(app):
    app.run()
    open_view(app, "Add documents")
    assert "up to 5 MB" in " ".join(c.value for c in app.caption)
    good = b"Host: How much did the cluster cost?\nGuest: They spent $2 billion on 100,000 GPUs.\n"
    app.file_uploader[0].set_value([
        ("talk.txt", good, "text/plain"), ("broken.md", b"\x00\x01binary", "text/markdown"),
    ]).run()
    assert not app.exception
    errors = [shown(e) for e in app.error]
    assert any(e.startswith("broken.md: binary file") for e in errors)
    assert "talk.txt" in [o.split(" (")[0] for o in app.multiselect(key="doc").options]
    total = int(matching(app).split("**")[1])
    assert total > 10  # the seeds' claims are still there, plus the new ones
    assert "Added 1 document(s)" in shown(app.success[0])
    open_view(app, "Claims")  # the added claims stay after leaving the tab
    assert int(matching(app).split("**")[1]) == total
    open_view(app, "Add documents")
    app.button(key="remove_added").click().run()
    assert matching(app) == "**10** of 10 claims match"


def test_missing_facts_file_named_by_env_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv(data.FACTS_ENV, str(tmp_path / "gone.parquet"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "gone.parquet: no such file" in shown(at.error[0])


def test_builds_the_default_table_from_seeds_when_missing(monkeypatch, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "000_92f0e6ffc23971e8.txt", seeds)
    monkeypatch.delenv(data.FACTS_ENV, raising=False)
    monkeypatch.setattr(data, "SEEDS_DIR", seeds)
    monkeypatch.setattr(data, "DEFAULT_FACTS", tmp_path / "data" / "facts.parquet")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert (tmp_path / "data" / "facts.parquet").is_file()
    assert set(table(at)["document"].str.split(":").str[0]) == {"000_92f0e6ffc23971e8.txt"}
    claims = data.read_claims(tmp_path / "data" / "claims.parquet")
    assert claims["n_mentions"].sum() == int(matching(at).split("**")[1])
    assert data.table_is_current(tmp_path / "data" / "facts.parquet")


def test_rebuilds_the_default_table_when_the_extractor_changed(monkeypatch, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "000_92f0e6ffc23971e8.txt", seeds)
    default = tmp_path / "data" / "facts.parquet"
    write_table(sample_facts(), default)
    data.version_path(default).write_text(data.extractor_fingerprint() + "\n")
    monkeypatch.delenv(data.FACTS_ENV, raising=False)
    monkeypatch.setattr(data, "SEEDS_DIR", seeds)
    monkeypatch.setattr(data, "DEFAULT_FACTS", default)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert matching(at) == "**10** of 10 claims match"  # built by this extractor: kept as it is
    data.version_path(default).write_text("fingerprint of an older extractor\n")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert set(table(at)["document"].str.split(":").str[0]) == {"000_92f0e6ffc23971e8.txt"}
    assert data.table_is_current(default)
    assert set(data.read_facts(default)["doc"]) == {"000_92f0e6ffc23971e8.txt"}


def test_a_table_named_by_env_is_never_rebuilt(facts_file, app):
    assert not data.version_path(facts_file).exists()  # no stamp, yet it is shown as it is
    app.run()
    assert matching(app) == "**10** of 10 claims match"
    assert not data.version_path(facts_file).exists()


def test_an_empty_facts_table_opens_in_every_view(monkeypatch, tmp_path):
    empty = tmp_path / "empty.parquet"
    write_table(sample_facts().head(0), empty)
    monkeypatch.setenv(data.FACTS_ENV, str(empty))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert matching(at) == "**0** of 0 claims match"
    for view in ("Chart", "Compare", "Overview", "Add documents"):
        open_view(at, view)
        assert not at.exception, view


# --- claims ledger -----------------------------------------------------------------------------

def test_ledger_shows_the_decimal_slip_and_its_mentions(seeds_file, monkeypatch):
    monkeypatch.setenv(data.FACTS_ENV, str(seeds_file))
    at = AppTest.from_file(APP, default_timeout=60).run()
    open_view(at, "Ledger")
    assert not at.exception
    everything = table(at)
    assert everything["mentions"].sum() == int(matching(at).split("**")[1])
    at.checkbox(key="conflicts").check().run()
    assert at.query_params["view"] == "Ledger" and at.query_params["conflicts"] == "1"
    conflicts = table(at)
    assert set(conflicts["conflict"]) == {"⚠ conflict"} and len(conflicts) < len(everything)
    row = conflicts[conflicts["claim"] == "$1.40/hour"].iloc[0]
    assert row["mentions"] == 4 and row["sources"] == 1
    at.selectbox(key="ledger_claim").set_value(row["id"]).run()
    assert at.query_params["claim"] == row["id"]  # a copied link reopens this claim
    warnings = [shown(w) for w in at.warning]
    assert warnings[0].startswith("likely transcription error: 140 USD/hour")
    assert "Preferred value: $1.40/hour" in warnings
    mentions = at.dataframe[1].value
    assert sorted(mentions["claim"]) == ["$140/hour", "~$1.40/hour", "~$1.40/hour", "~$140/hour"]
    assert set(mentions["document"].str[:3]) == {"000", "001", "004"}
    assert set(mentions["lang"]) == {"en", "zh"}
    quotes = [t.value for t in at.text]  # each quote in full, as plain text
    assert len(quotes) == 4 and any("$140 an hour" in q for q in quotes)
    why = [shown(c) for c in at.caption if "Why these mentions" in c.value]
    assert why and "a decimal point apart" in why[0]


def test_ledger_link_reopens_only_conflicts_and_follows_filters(app):
    app.query_params["view"] = "Ledger"
    app.query_params["conflicts"] = "1"
    app.run()
    assert not app.exception
    assert app.checkbox(key="conflicts").value
    assert "No claim matches the filters." in [i.value for i in app.info]  # the sample has none
    app.checkbox(key="conflicts").uncheck().run()
    assert app.query_params["view"] == "Ledger" and "conflicts" not in app.query_params
    assert table(app)["mentions"].sum() == 10  # grouped here: no claims table beside the sample
    app.multiselect(key="doc").set_value(["002_notes.md"]).run()
    assert set(table(app)["documents"]) == {"002_notes.md"}
    shown_mentions = app.dataframe[1].value
    assert set(shown_mentions["document"]) == {"002_notes.md"}


def test_ledger_link_names_a_claim_and_its_claims_download(seeds_file, monkeypatch, downloads):
    monkeypatch.setenv(data.FACTS_ENV, str(seeds_file))
    first = AppTest.from_file(APP, default_timeout=60).run()
    open_view(first, "Ledger")
    first.checkbox(key="conflicts").check().run()
    conflict_id = table(first).iloc[0]["id"]
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"view": "Ledger", "claim": conflict_id})
    at.run()
    assert not at.exception
    assert at.selectbox(key="ledger_claim").value == conflict_id
    assert any(shown(w).startswith("likely transcription error") for w in at.warning)
    at.checkbox(key="conflicts").check().run()
    ledger = pd.read_csv(io.BytesIO(downloads["claimboard-ledger.csv"]()), keep_default_na=False)
    assert list(ledger.columns) == list(CLAIM_COLUMNS)
    assert list(ledger["claim_id"]) == [conflict_id] and ledger["preferred_value"].iloc[0] == 1.4


def test_uploaded_documents_join_the_ledger(app):
    app.run()
    open_view(app, "Add documents")
    files = [(p.name, p.read_bytes(), "text/plain") for p in sorted(SEEDS.iterdir())
             if p.name[:3] in ("000", "001", "004")]
    app.file_uploader[0].set_value(files).run()
    open_view(app, "Ledger")
    assert not app.exception
    app.checkbox(key="conflicts").check().run()
    assert "$1.40/hour" in list(table(app)["claim"])
