"""The dashboard's data functions, without Streamlit: loading, filters, numbers, comparison, exports."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard import data
from dashboard.synthetic import sample_facts, synthetic_facts
from extract.schema import COLUMNS
from extract.table import write_table

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def facts() -> pd.DataFrame:
    return data.prepare(sample_facts())


def by_surface(frame: pd.DataFrame, *surfaces: str) -> pd.DataFrame:
    return pd.concat([frame[frame["surface"] == s] for s in surfaces])


# --- loading -----------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_read_facts_any_format_gives_schema_columns_with_categories(tmp_path, suffix):
    path = tmp_path / f"facts{suffix}"
    write_table(sample_facts(), path)
    frame = data.read_facts(path)
    assert tuple(frame.columns) == COLUMNS
    assert len(frame) == 10
    assert isinstance(frame["topic"].dtype, pd.CategoricalDtype)
    assert frame["value"].dtype == np.float64


def test_read_facts_names_the_file_and_problem(tmp_path):
    missing = tmp_path / "nope.parquet"
    with pytest.raises(data.FactsError, match="nope.parquet: no such file"):
        data.read_facts(missing)
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    with pytest.raises(data.FactsError, match="broken.parquet: cannot read"):
        data.read_facts(broken)
    partial = tmp_path / "partial.parquet"
    sample_facts().drop(columns=["quote", "topic"]).to_parquet(partial)
    with pytest.raises(data.FactsError, match="missing columns topic, quote"):
        data.read_facts(partial)


def test_facts_path_follows_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(data.FACTS_ENV, raising=False)
    assert data.facts_path() == data.REPO_ROOT / "data" / "facts.parquet"
    monkeypatch.setenv(data.FACTS_ENV, str(tmp_path / "big.parquet"))
    assert data.facts_path() == tmp_path / "big.parquet"


def test_build_facts_extracts_each_document_reports_progress_and_saves(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "001_9aa677d05b5fb973.txt", seeds)
    (seeds / "empty.txt").write_text("")
    steps = []
    built = data.build_facts(seeds, tmp_path / "out" / "facts.parquet",
                             lambda done, total, name: steps.append((done, total, name)))
    assert steps[0] == (0, 2, "001_9aa677d05b5fb973.txt")
    assert steps[-1] == (2, 2, "")
    assert built.written and (tmp_path / "out" / "facts.parquet").is_file()
    assert len(built.frame) > 10
    assert any("empty.txt" in e for e in built.errors)
    assert set(data.read_facts(tmp_path / "out" / "facts.parquet")["doc"]) == {"001_9aa677d05b5fb973.txt"}
    claims = data.read_claims(tmp_path / "out" / "claims.parquet")
    assert claims["n_mentions"].sum() == len(built.frame)  # every mention is in one claim
    assert data.table_is_current(tmp_path / "out" / "facts.parquet")


def test_extractor_fingerprint_follows_the_code(tmp_path):
    code = tmp_path / "extract"
    code.mkdir()
    (code / "a.py").write_text("A = 1\n")
    (code / "b.py").write_text("B = 2\n")
    first = data.extractor_fingerprint(code)
    assert data.extractor_fingerprint(code) == first
    (code / "notes.txt").write_text("not code")
    assert data.extractor_fingerprint(code) == first
    (code / "b.py").write_text("B = 3\n")
    assert data.extractor_fingerprint(code) != first
    assert data.extractor_fingerprint() == data.extractor_fingerprint(data.EXTRACT_DIR)


def test_table_is_current_only_with_this_extractors_stamp(tmp_path):
    facts = tmp_path / "facts.parquet"
    assert not data.table_is_current(facts)
    write_table(sample_facts(), facts)
    assert not data.table_is_current(facts)  # no stamp: built by an unknown extractor
    data.version_path(facts).write_text("0123abcd\n")
    assert not data.table_is_current(facts)
    data.version_path(facts).write_text(data.extractor_fingerprint() + "\n")
    assert data.table_is_current(facts)
    assert data.version_path(facts) == tmp_path / "facts.version"
    assert data.claims_path(facts) == tmp_path / "claims.parquet"


# --- filters -----------------------------------------------------------------------------------

def test_filters_combine_and_search_ignores_case(facts):
    pricing = data.apply_filters(facts, data.Filters(topic=("pricing",)))
    assert sorted(pricing["surface"]) == ["$1.40 an hour", "$4,380 a month", "$6 an hour"]
    both = data.apply_filters(facts, data.Filters(topic=("pricing", "hardware"), entity=("Nvidia",)))
    assert sorted(both["surface"]) == ["$6 an hour", "72 GPUs", "8 GPUs"]
    found = data.apply_filters(facts, data.Filters(search="h100"))
    assert sorted(found["surface"]) == ["$1.40 an hour", "$6 an hour"]  # subject and quote
    in_quote = data.apply_filters(facts, data.Filters(search="LOUISIANA"))
    assert list(in_quote["surface"]) == ["1.5 GW"]
    assert data.apply_filters(facts, data.Filters(topic=("energy",), search="GPU")).empty


def test_facet_counts_leave_their_own_filter_out(facts):
    filters = data.Filters(topic=("pricing",), entity=("Nvidia",))
    masks = data.filter_masks(facts, filters)
    topics = data.facet_counts(facts, masks, "topic")  # Nvidia's claims per topic
    assert topics == {"pricing": 1, "hardware": 2}
    entities = data.facet_counts(facts, masks, "entity")  # pricing claims per entity
    assert entities == {"Nvidia": 1, "Amazon": 1, "CoreWeave": 1}


def test_options_keep_topic_order_and_drop_empty(facts):
    assert data.options(facts, "topic") == ["pricing", "hardware", "clusters", "energy", "finance", "talent"]
    assert "" not in data.options(facts, "speaker")


def test_filters_on_a_large_table_agree_with_pandas():
    frame = data.prepare(synthetic_facts(200_000, seed=1))
    filters = data.Filters(topic=("pricing", "energy"), search="rent")
    masks = data.filter_masks(frame, filters)
    expected = frame["topic"].astype(str).isin(["pricing", "energy"]) & (
        frame["subject"].astype(str).str.contains("rent", case=False)
        | frame["quote"].astype(str).str.contains("rent", case=False)
    )
    assert data.combine(masks, len(frame)).sum() == expected.sum() > 0


# --- readable numbers ----------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "text"), [
    ((6.0, "USD/hour"), "$6/hour"),
    ((1.4, "USD/hour"), "$1.40/hour"),
    ((72.0, "GPU"), "72 GPUs"),
    ((1.0, "GPU"), "1 GPU"),
    ((1e10, "USD"), "$10B"),
    ((450000.0, "GPU", 300000.0, 600000.0), "300k-600k GPUs"),
    ((20.0, "percent"), "20%"),
    ((50.0, "percent", 49.0, 51.0), "49-51%"),
    ((1.5, "GW"), "1.5 GW"),
    ((10.0, "dimensionless"), "10x"),
    ((20.0, "token/parameter"), "20 tokens/parameter"),
    ((2e12, "parameter"), "2T parameters"),
    ((1500.0, "person"), "1,500 people"),
    ((1e11, "USD", 1e11, None, "more_than"), ">$100B"),
    ((0.0002, "USD/token"), "$0.0002/token"),
    ((3.5, "count"), "3.5"),
    ((5.0, "year", None, None, "approx"), "~5 years"),
])
def test_format_quantity_reads_like_a_person_wrote_it(args, text):
    value, unit, *rest = args
    low, high, qualifier = (rest + [None, None, "exact"][len(rest):])[:3]
    assert data.format_quantity(value, unit, low, high, qualifier) == text


def test_format_number_never_prints_raw_floats():
    for x in (1.4, 0.000123, 1e-9, 123456789.0, 999999.0, 2.5e15, 7.0):
        assert "e+" not in data.format_number(x) and "e-" not in data.format_number(x)
    assert data.format_number(999_999.0) == "1M"
    assert data.format_number(12_345.0) == "12.3k"


def test_display_table_limits_rows_and_links_sources(facts):
    table = data.display_table(facts, 3)
    assert len(table) == 3
    assert list(table["claim"]) == ["$6/hour", "~$1.40/hour", "72 GPUs"]
    assert table["source"].iloc[0] == "https://www.youtube.com/watch?v=cHgCbDWejIs&t=1863s"
    assert table["document"].iloc[0] == "001_interview.txt:12"
    notes = data.display_table(data.apply_filters(facts, data.Filters(doc=("002_notes.md",))), 10)
    assert notes["source"].isna().all()


# --- chart data --------------------------------------------------------------------------------

def test_axis_units_convert_through_pint():
    rate = {a.label: a.factor for a in data.axis_units("USD/hour")}
    assert rate["USD/hour"] == 1 and rate["USD/month"] == pytest.approx(730.5)
    power = {a.label: a.factor for a in data.axis_units("W")}
    assert power["GW"] == pytest.approx(1e-9) and power["MW"] == pytest.approx(1e-6)
    counts = [a.label for a in data.axis_units("GPU")]
    assert counts[:4] == ["plain", "k (thousands)", "M (millions)", "B (billions)"]


def test_default_axis_picks_readable_numbers():
    power = data.axis_units("W")
    assert data.default_axis(power, pd.Series([1.5e9, 2e9])).label == "GW"
    assert data.default_axis(power, pd.Series([2e8, 3e8])).label == "MW"
    rate = data.axis_units("USD/hour")
    assert data.default_axis(rate, pd.Series([6.0, 1.4])).label == "USD/hour"


def test_chart_data_puts_ranges_on_a_common_axis_and_chooses_log(facts):
    gpus = next(a for a in data.axis_units("GPU") if a.scale == "k")
    chart = data.chart_data(facts, "count of GPUs", gpus)
    points = chart.points.set_index("claim")
    assert points.loc["~300k-600k GPUs", "x_low"] == pytest.approx(300)
    assert points.loc["~300k-600k GPUs", "x_high"] == pytest.approx(600)
    assert points.loc["8 GPUs", "x"] == pytest.approx(0.008)
    assert chart.log  # 8 to 450,000 spans more than two orders of magnitude
    assert not data.chart_data(facts, "count of GPUs", gpus, scale="linear").log
    monthly = next(a for a in data.axis_units("USD/hour") if a.label == "USD/month")
    rates = data.chart_data(facts, "currency rate", monthly).points.set_index("claim")
    assert rates.loc["$6/hour", "x"] == pytest.approx(6 * 730.5)
    assert rates.loc["$4,380/month", "x"] == pytest.approx(4380)


def test_chart_data_bins_large_dimensions():
    frame = data.prepare(synthetic_facts(20_000, seed=2))
    axis = data.axis_units("USD/hour")[0]
    chart = data.chart_data(frame, "currency rate", axis, max_points=100)
    assert chart.points is None
    assert chart.bins["count"].sum() == chart.total == len(data.dimension_claims(frame, "currency rate"))


def test_most_informative_dimension_first(facts):
    dims = data.dimensions_by_count(facts)
    assert dims[0] in ("count of GPUs", "currency rate")
    many_numbers = data.prepare(pd.concat([sample_facts()] + [
        sample_facts().assign(dimension="number", unit="count") for _ in range(3)
    ]))
    assert data.dimensions_by_count(many_numbers)[-1] == "number"


# --- comparison --------------------------------------------------------------------------------

def test_compare_gives_ratio_and_difference(facts):
    gpus = data.compare_claims(by_surface(facts, "72 GPUs", "8 GPUs"))
    assert gpus.sentences == ["72 GPUs vs 8 GPUs: 9x, difference 64 GPUs"]
    rates = data.compare_claims(by_surface(facts, "$6 an hour", "$1.40 an hour"))
    assert rates.sentences == ["$6/hour vs ~$1.40/hour: 4.3x, difference $4.60/hour"]
    assert list(rates.table["claim"]) == ["$6/hour", "~$1.40/hour"]


def test_compare_converts_units_of_one_dimension(facts):
    result = data.compare_claims(by_surface(facts, "$4,380 a month", "$6 an hour"))
    assert result.sentences[0].startswith("$4,380/month vs $6/hour (= $4,383/month): 1x")


def test_compare_refuses_different_dimensions_and_too_few(facts):
    with pytest.raises(data.CompareError, match="different things .*count of GPUs.*currency rate"):
        data.compare_claims(by_surface(facts, "72 GPUs", "$6 an hour"))
    with pytest.raises(data.CompareError, match="at least two"):
        data.compare_claims(by_surface(facts, "72 GPUs"))


def test_compare_with_zero_gives_no_ratio(facts):
    zero = by_surface(facts, "72 GPUs", "8 GPUs").copy()
    zero["value"] = [72.0, 0.0]
    result = data.compare_claims(zero)
    assert "no ratio" in result.sentences[0] and "inf" not in result.sentences[0]


# --- exports -----------------------------------------------------------------------------------

def test_csv_has_extractor_columns_and_neutralises_formulas(facts):
    frame = pd.read_csv(io.BytesIO(data.to_csv_bytes(facts)), keep_default_na=False)
    assert tuple(frame.columns) == COLUMNS
    assert len(frame) == 10
    row = frame[frame["mention_id"] == "m09"].iloc[0]
    assert row["subject"] == "'=HYPERLINK(\"http://example.com\")"
    assert row["entity"] == "'@corp"
    assert row["quote"] == "'+3 employees left; -2 joined"
    assert row["value"] == 3  # numbers stay numbers
    assert frame[frame["mention_id"] == "m00"].iloc[0]["surface"] == "$6 an hour"


def test_neutralise_formulas_covers_every_trigger():
    frame = pd.DataFrame({"text": ["=1", "+1", "-1", "@a", "\tx", "\rx", "ok", ""], "value": [-1.0] * 8})
    out = data.neutralise_formulas(frame)
    assert list(out["text"]) == ["'=1", "'+1", "'-1", "'@a", "'\tx", "'\rx", "ok", ""]
    assert list(out["value"]) == [-1.0] * 8


def test_json_and_parquet_round_trip(facts):
    subset = data.apply_filters(facts, data.Filters(topic=("hardware", "clusters")))
    records = json.loads(data.to_json_bytes(subset))
    assert [r["surface"] for r in records] == ["72 GPUs", "8 GPUs", "300,000 to 600,000 GPUs"]
    assert list(records[0]) == list(COLUMNS)
    back = pd.read_parquet(io.BytesIO(data.to_parquet_bytes(subset)))
    assert tuple(back.columns) == COLUMNS
    assert list(back["value"]) == [72.0, 8.0, 450000.0]
    assert pd.api.types.is_string_dtype(back["topic"])


# --- added documents ---------------------------------------------------------------------------

def test_uploads_extract_good_files_and_report_bad_ones():
    good = (b"Dylan Patel: You could rent an H100 for $2 an hour.\n"
            b"They bought 100,000 GPUs last year.\n")
    added = data.extract_uploads([
        ("talk.txt", good),
        ("bin.txt", b"\x00\x01\x02"),
        ("latin.md", "caf\xe9 costs $5".encode("latin-1")),
        ("sheet.csv", b"a,b"),
        ("empty.md", b""),
        ("001_interview.txt", good),
    ], taken=["001_interview.txt"])
    assert added.documents == ["talk.txt"]
    assert set(added.frame["doc"]) == {"talk.txt"} and len(added.frame) >= 1
    messages = "\n".join(added.errors)
    assert "bin.txt: binary file" in messages
    assert "latin.md: not UTF-8" in messages
    assert "sheet.csv: only .txt and .md" in messages
    assert "empty.md: empty file" in messages
    assert "001_interview.txt: a document with this name is already shown" in messages


def test_uploads_over_the_limit_are_refused():
    added = data.extract_uploads([("big.txt", b"x" * (1024 * 1024 + 1))], limit_mb=1)
    assert added.errors == ["big.txt: 1.0 MB is over the 1 MB limit"]


def test_with_added_keeps_categories_and_rows(facts):
    extra = sample_facts().assign(doc="extra.txt", mention_id=lambda f: "x" + f["mention_id"])
    combined = data.with_added(facts, extra)
    assert len(combined) == 20
    assert isinstance(combined["doc"].dtype, pd.CategoricalDtype)
    assert set(combined["doc"]) == {"001_interview.txt", "002_notes.md", "extra.txt"}
    assert data.with_added(facts, pd.DataFrame()) is facts


# --- claims ledger -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_ledger() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The seeds as the command line writes them: facts with claim_id, and the claims table."""
    from extract.pipeline import extract_paths

    result = extract_paths([SEEDS], claims=True)
    return data.prepare(result.frame), data.prepare_claims(result.claims)


def slip(ledger: data.Ledger) -> dict:
    conflicts = ledger.claims[ledger.claims["conflict"]]
    return next(r for r in conflicts.to_dict("records") if data.ledger_claim_label(r) == "$1.40/hour")


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_read_claims_any_format(tmp_path, seeds_ledger, suffix):
    _, claims = seeds_ledger
    path = tmp_path / f"claims{suffix}"
    write_table(claims, path)
    back = data.read_claims(path)
    assert list(back.columns) == list(data.CLAIM_COLUMNS)
    assert back["conflict"].sum() == claims["conflict"].sum() >= 1
    assert back["n_mentions"].dtype == np.int64
    assert list(back["mention_ids"]) == list(claims["mention_ids"])


def test_read_claims_names_the_file_and_problem(tmp_path):
    with pytest.raises(data.FactsError, match="gone.parquet: no such file"):
        data.read_claims(tmp_path / "gone.parquet")
    facts = tmp_path / "claims.parquet"
    write_table(sample_facts(), facts)
    with pytest.raises(data.FactsError, match="claims.parquet: missing columns claim_id, n_mentions"):
        data.read_claims(facts)


def test_stored_ledger_finds_the_decimal_slip_and_its_four_mentions(seeds_ledger):
    facts, claims = seeds_ledger
    ledger = data.ledger_for(facts, claims)
    assert ledger.claims is claims and data.covers(ledger, facts)  # the stored table is used
    only = data.matching_claims(ledger, facts, only_conflicts=True)
    assert only["conflict"].all() and len(only) < len(data.matching_claims(ledger, facts))
    claim = slip(ledger)
    assert claim["claim_id"] in set(only["claim_id"])
    table = data.ledger_table(only, 10).set_index("id")
    assert table.loc[claim["claim_id"], "conflict"] == data.CONFLICT_BADGE
    assert table.loc[claim["claim_id"], "mentions"] == 4
    mentions = data.claim_mentions(facts, ledger, claim["claim_id"])
    assert sorted(mentions["claim"]) == ["$140/hour", "~$1.40/hour", "~$1.40/hour", "~$140/hour"]
    assert set(mentions["lang"]) == {"en", "zh"}
    assert mentions["source"].str.endswith("&t=2429s", na=False).any()
    assert mentions["quote"].str.contains("1.40").any()
    summary = data.conflict_summary(claim)
    assert summary[0].startswith("likely transcription error")
    assert "Preferred value: $1.40/hour" in summary
    assert data.conflict_summary({**claim, "conflict": False}) == []


def test_a_claim_matches_when_any_of_its_mentions_matches(seeds_ledger):
    facts, claims = seeds_ledger
    ledger = data.ledger_for(facts, claims)
    first = "000_92f0e6ffc23971e8.txt"
    filtered = data.apply_filters(facts, data.Filters(doc=(first,)))
    matched = data.matching_claims(ledger, filtered)
    assert matched["docs"].str.contains(first, regex=False).all()
    assert slip(ledger)["claim_id"] in set(matched["claim_id"])  # said in 000 and elsewhere
    assert (matched["docs"] != first).any()  # claims also said in other documents are listed
    assert data.matching_claims(ledger, facts.head(0)).empty


def test_ledger_is_computed_when_the_stored_one_does_not_cover_the_table(seeds_ledger, facts):
    _, claims = seeds_ledger
    computed = data.ledger_for(facts, claims)  # the seeds' claims say nothing of the sample table
    assert data.covers(computed, facts)
    assert computed.claims["n_mentions"].sum() == len(facts)
    assert data.covers(data.ledger_for(facts, None), facts)
    label = data.claim_option_label(computed.claims.iloc[0].to_dict())
    assert label.endswith(computed.claims["claim_id"].iloc[0]) and "mention(s)" in label
    with pytest.raises(data.LedgerTooLarge, match="10 mentions are too many.*python -m extract"):
        data.compute_ledger(facts, limit=5)


def test_uploaded_documents_join_the_ledger(facts):
    added = data.extract_uploads([
        (p.name, p.read_bytes()) for p in sorted(SEEDS.iterdir()) if p.name[:3] in ("000", "001", "004")
    ])
    combined = data.with_added(facts, added.frame)
    ledger = data.ledger_for(combined, None)
    assert data.covers(ledger, combined)
    conflicts = data.matching_claims(ledger, combined, only_conflicts=True)
    assert "$1.40/hour" in [data.ledger_claim_label(r) for r in conflicts.to_dict("records")]


def test_content_key_names_the_set_of_mentions(facts):
    assert data.content_key(facts.head(0)) == ""
    assert data.content_key(facts) == data.content_key(facts.iloc[::-1])
    assert data.content_key(facts) != data.content_key(facts.head(9))
