"""The claims ledger: grouping mentions of one fact, episodes, translations and conflicts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.documents import read_document
from extract.ledger import (
    CLAIM_COLUMNS,
    PARTNERS,
    _candidate_pairs,
    _mentions,
    build_ledger,
    link_episodes,
    link_translations,
)
from extract.pipeline import extract_paths
from extract.schema import COLUMNS
from extract.units import dimension_name, to_base

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SUMMARY, CLEANED, BILINGUAL = "000_92f0e6ffc23971e8.txt", "001_9aa677d05b5fb973.txt", "004_6715a186afd1f4c1.txt"


def row(doc: str, line: int, surface: str, value: float, unit: str, quote: str, *, subject: str = "",
        entity: str = "", qualifier: str = "exact", lang: str = "en", low=None, high=None) -> dict:
    """One facts row as the extractor writes it."""
    base_value, base_unit = to_base(value, unit)
    low = value if low is None and qualifier not in ("less_than", "at_most") else low
    high = value if high is None and qualifier not in ("more_than", "at_least") else high
    return {
        "mention_id": f"{doc}:{line}:{surface}", "doc": doc, "line": line, "char_start": 0,
        "char_end": len(surface), "surface": surface, "value": value, "low": low, "high": high,
        "unit": unit, "qualifier": qualifier, "base_value": base_value, "base_unit": base_unit,
        "dimension": dimension_name(unit), "subject": subject, "entity": entity, "topic": "other",
        "speaker": "", "timestamp": "", "source_url": "", "quote": quote, "lang": lang,
    }


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(COLUMNS))


def claim_of(facts: pd.DataFrame, doc: str, line: int, surface: str) -> str:
    hit = facts[(facts["doc"] == doc) & (facts["line"] == line) & (facts["surface"] == surface)]
    assert len(hit) == 1, (doc, line, surface)
    return hit["claim_id"].iloc[0]


RENT = "They're charging {} if you were to just rent a GPU without talking to anyone, right?"
DEPLOY = "To buy an Nvidia GPU and deploy it in a data center is {}, right? That's the cost."


def gpu_price_table() -> pd.DataFrame:
    return frame(
        row("a.txt", 10, "$6 an hour", 6, "USD/hour", RENT.format("$6 an hour"), entity="Amazon"),
        row("a.txt", 12, "$140 an hour", 140, "USD/hour", DEPLOY.format("$140 an hour"), entity="Nvidia"),
        row("b.txt", 40, "like $6 an hour", 6, "USD/hour", RENT.format("like $6 an hour"),
            entity="Amazon", qualifier="approx"),
        row("b.txt", 40, "like $1.40 an hour", 1.4, "USD/hour", DEPLOY.format("like $1.40 an hour"),
            entity="Nvidia", qualifier="approx"),
        row("b.txt", 41, "每小时 1.40 美元", 1.4, "USD/hour", "在数据中心购买并部署一块 NVIDIA GPU 的成本只有大约每小时 1.40 美元。",
            lang="zh"),
    )


def test_lost_decimal_point_is_one_claim_flagged_with_the_reading_that_fits():
    titles = {"a.txt": "Dylan Patel on GPUs, clouds and Nvidia margins",
              "b.txt": "2025-06-30 Dylan Patel on GPUs, clouds and Nvidia margins"}
    facts, claims = build_ledger(gpu_price_table(), titles)
    price = claim_of(facts, "a.txt", 12, "$140 an hour")
    assert claim_of(facts, "b.txt", 40, "like $1.40 an hour") == price
    assert claim_of(facts, "b.txt", 41, "每小时 1.40 美元") == price
    assert claim_of(facts, "a.txt", 10, "$6 an hour") != price
    claim = claims.set_index("claim_id").loc[price]
    assert claim["conflict"]
    assert claim["preferred_value"] == pytest.approx(1.4)
    assert claim["value"] == pytest.approx(1.4)
    assert "transcription error" in claim["conflict_reason"] and "100x" in claim["conflict_reason"]
    assert "6 USD/hour" in claim["conflict_reason"]  # the neighbouring rental price decided it
    assert claim["n_sources"] == 1 and claim["n_mentions"] == 3
    assert "decimal point apart" in claim["why"] and "translates line 40" in claim["why"]


def test_without_neighbours_the_reading_that_kept_its_decimal_point_wins():
    table = frame(
        row("a.txt", 3, "$23 billion", 23e9, "USD", "Their revenue this year is $23 billion.", subject="revenue"),
        row("b.txt", 9, "$2.3 billion", 2.3e9, "USD", "Their revenue this year is $2.3 billion.", subject="revenue"),
    )
    _, claims = build_ledger(table, {"a.txt": "Weekly chip news 12", "b.txt": "Weekly chip news 12"})
    (claim,) = claims.itertuples()
    assert claim.conflict and claim.preferred_value == pytest.approx(2.3e9)
    assert "kept its decimal point" in claim.conflict_reason


def test_same_number_and_unit_about_different_things_stay_apart():
    table = frame(
        row("a.txt", 5, "72", 72, "GPU", "Nvidia can build servers where 72 of them work together over NVLink.",
            subject="GPUs per NVLink domain", entity="Nvidia"),
        row("a.txt", 90, "72 GPUs", 72, "GPU", "Our first training cluster had 72 GPUs in a rented cage.",
            subject="GPUs in first training cluster", entity=""),
        row("a.txt", 5, "eight", 8, "GPU", "AMD can only have eight of them work together tightly.",
            subject="GPUs per scale-up domain", entity="AMD"),
    )
    _, claims = build_ledger(table)
    assert len(claims) == 3
    assert not claims["conflict"].any()


def test_repeated_statement_within_one_document_is_one_claim():
    quote = "Roughly it's 20 tokens per parameter that you want of training data versus parameters."
    table = frame(
        row("a.txt", 30, "20 tokens per parameter", 20, "token/parameter", quote),
        row("a.txt", 80, "20 tokens per parameter", 20, "token/parameter",
            "Like I said, 20 tokens per parameter of training data is what you want."),
    )
    facts, claims = build_ledger(table)
    assert facts["claim_id"].nunique() == 1
    assert claims["n_mentions"].tolist() == [2] and claims["n_sources"].tolist() == [1]


def test_translation_on_the_next_line_is_linked_to_its_english_mention():
    table = frame(
        row("b.txt", 400, "20 tokens per parameter", 20, "token/parameter",
            "roughly, it's 20 tokens per parameter that you want of data"),
        row("b.txt", 401, "每个参数应配约 20 个训练标记", 20, "token/parameter",
            "论文大致指出,每个参数应配约 20 个训练标记", lang="zh", qualifier="approx"),
        row("b.txt", 401, "10 倍", 10, "dimensionless", "利润上限 10 倍", lang="zh"),
    )
    links = link_translations(table)
    assert links == {"b.txt:401:每个参数应配约 20 个训练标记": "b.txt:400:20 tokens per parameter"}


def test_alternatives_side_by_side_stay_two_claims_and_vague_translations_still_link():
    quote = "What's a reasonable amount of profit for the cloud? Maybe $2, maybe $1.75, right?"
    table = frame(
        row("b.txt", 40, "Maybe $2", 2, "USD", quote, qualifier="approx"),
        row("b.txt", 40, "maybe $1.75", 1.75, "USD", quote, qualifier="approx"),
        row("b.txt", 41, "2 美元", 2, "USD", "也许 2 美元,也许 1.75 美元", lang="zh"),
        row("b.txt", 41, "1.75 美元", 1.75, "USD", "也许 2 美元,也许 1.75 美元", lang="zh"),
        row("b.txt", 50, "a dozen minutes", 12, "minute", "Deep research might take a dozen minutes."),
        row("b.txt", 51, "十几分钟", 15, "minute", "深度研究可能十几分钟", lang="zh", qualifier="approx",
            low=10, high=20),
    )
    facts, claims = build_ledger(table)
    assert claim_of(facts, "b.txt", 40, "Maybe $2") != claim_of(facts, "b.txt", 40, "maybe $1.75")
    assert claim_of(facts, "b.txt", 41, "2 美元") == claim_of(facts, "b.txt", 40, "Maybe $2")
    assert claim_of(facts, "b.txt", 51, "十几分钟") == claim_of(facts, "b.txt", 50, "a dozen minutes")
    assert len(claims) == 3


def test_summary_in_chinese_links_to_the_english_mention_sharing_names():
    table = frame(
        row("n.txt", 14, "高达2万亿个参数", 2e12, "parameter",
            "Meta发布的Llama 4系列拥有高达2万亿个参数,包括Llama 4 Scout和Llama 4 Behemoth。",
            lang="zh", qualifier="at_most"),
        row("n.txt", 37, "nearly 2 trillion total parameters", 2e12, "parameter",
            "Behemoth, which is still being trained, has nearly 2 trillion total parameters.",
            qualifier="approx"),
        row("n.txt", 39, "nearly 2 trillion total parameters", 2e12, "parameter",
            "GPT-4 was a mixture of experts where you have nearly 2 trillion total parameters.",
            qualifier="approx"),
    )
    assert link_translations(table) == {"n.txt:14:高达2万亿个参数": "n.txt:37:nearly 2 trillion total parameters"}


def test_episode_linking_by_title_people_and_shared_values():
    shared = [row(d, n, f"${v} billion", v * 1e9, "USD", f"They raised ${v} billion.") for d in ("t.txt", "u.txt")
              for n, v in enumerate((30, 250, 47, 13), start=1)]
    table = frame(*shared, row("x.txt", 1, "$30 billion", 30e9, "USD", "A $30 billion deal."))
    titles = {"t.txt": "AI and Chip Industry Discussion - Dylan Patel Interview",
              "u.txt": "Dylan Patel: GPT4.5's Flop, Grok 4 and Meta's Poaching Spree",
              "x.txt": "Last Week in AI #206"}
    episodes, reasons = link_episodes(table, titles)
    assert episodes["t.txt"] == episodes["u.txt"] != episodes["x.txt"]
    assert "dylan patel" in reasons[episodes["t.txt"]]


def test_claims_about_one_subject_disagreeing_across_sources_are_flagged():
    table = frame(
        row("a.txt", 3, "$10 billion", 10e9, "USD", "OpenAI annual revenue is about $10 billion.",
            subject="OpenAI annual revenue run rate", entity="OpenAI"),
        row("b.txt", 7, "$3 billion", 3e9, "USD", "OpenAI's annual revenue is $3 billion.",
            subject="OpenAI annual revenue run rate", entity="OpenAI"),
    )
    _, claims = build_ledger(table, {"a.txt": "Dylan Patel interview", "b.txt": "Dylan Patel interview"})
    assert len(claims) == 2
    assert claims["conflict"].all()
    assert set(claims["conflict_with"]) == set(claims["claim_id"])
    assert all("disagrees with" in r for r in claims["conflict_reason"])


def test_bounds_and_vague_magnitudes_do_not_swallow_precise_values():
    table = frame(
        row("a.txt", 1, "over 50", 50, "company", "There are over 50 clouds now.", qualifier="more_than"),
        row("a.txt", 2, "10 billion plus", 10e9, "company", "And 10 billion plus.", qualifier="more_than"),
        row("a.txt", 3, "hundreds of millions of dollars", 5.5e8, "USD", "We paid hundreds of millions of dollars.",
            qualifier="approx", low=1e8, high=1e9),
        row("a.txt", 4, "$250 million", 2.5e8, "USD", "We paid $250 million."),
    )
    _, claims = build_ledger(table)
    assert len(claims) == 4


def repeated_values_table(n: int) -> pd.DataFrame:
    """One long transcript repeating four figures, two of them 72 in different dimensions."""
    said = [
        row("long.txt", 0, "72 GPUs", 72, "GPU", "We rented 72 GPUs for the training cluster.",
            subject="GPUs in the training cluster"),
        row("long.txt", 0, "72%", 72, "percent", "Utilisation of the training cluster was 72%.",
            subject="training cluster utilisation"),
        row("long.txt", 0, "$6 an hour", 6, "USD/hour", "Renting a GPU costs $6 an hour on Amazon.",
            subject="GPU rental price"),
        row("long.txt", 0, "1 GW", 1e9, "GW", "The new data center will draw 1 GW of power.",
            subject="data center power"),
    ]
    rows = []
    for i in range(n):
        r = dict(said[i % len(said)], line=i // 2 + 1)
        r["mention_id"] = f"long.txt:{i}"
        rows.append(r)
    return frame(*rows)


def test_thousands_of_repetitions_in_one_document_are_grouped_with_a_bounded_number_of_comparisons():
    table = repeated_values_table(20_000)
    mentions, translations, _ = _mentions(table, None)
    pairs = _candidate_pairs(mentions, translations)
    # all pairs of one figure would be 4 * 5000 * 4999 / 2, about 50 million
    assert len(table) <= len(pairs) <= len(table) * PARTNERS
    facts, claims = build_ledger(table)
    assert len(claims) == 4  # each figure is one claim however often it is said
    assert (facts.groupby("claim_id")["dimension"].nunique() == 1).all()
    gpus = facts[facts["surface"] == "72 GPUs"]["claim_id"]
    assert gpus.nunique() == 1 and len(gpus) == 5000
    assert gpus.iloc[0] not in set(facts[facts["surface"] == "72%"]["claim_id"])
    assert not claims["conflict"].any()


def test_a_table_without_the_facts_columns_is_refused_by_name():
    with pytest.raises(ValueError, match="missing column.*base_value"):
        build_ledger(frame().drop(columns=["base_value"]))


def test_empty_table_gives_empty_claims_with_every_column():
    facts, claims = build_ledger(frame())
    assert list(claims.columns) == list(CLAIM_COLUMNS)
    assert claims.empty and "claim_id" in facts.columns


# ---------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seed_ledger():
    extraction = extract_paths([SEEDS])
    titles = {p.name: read_document(p).title for p in SEEDS.glob("*.txt")}
    facts, claims = build_ledger(extraction.frame, titles)
    return facts, claims.set_index("claim_id", drop=False)


def test_seeds_gpu_deployment_cost_conflict_prefers_1_40(seed_ledger):
    facts, claims = seed_ledger
    cost = claim_of(facts, CLEANED, 447, "$140 an hour")
    assert claim_of(facts, BILINGUAL, 680, "like \\$1.40 an hour") == cost
    claim = claims.loc[cost]
    assert claim["conflict"] and claim["preferred_value"] == pytest.approx(1.4)
    assert claim["unit"] == "USD/hour" and "transcription error" in claim["conflict_reason"]
    summary = facts[(facts["doc"] == SUMMARY) & (facts["line"] == 166) & (facts["value"] == 140)]
    assert summary["claim_id"].tolist() == [cost]  # the summary repeats the $140


def test_seeds_tokens_per_parameter_is_one_claim_with_both_transcripts(seed_ledger):
    facts, claims = seed_ledger
    ratio = claim_of(facts, CLEANED, 277, "roughly it's 20 tokens per parameter")
    assert claim_of(facts, BILINGUAL, 400, "roughly, it's 20 tokens per parameter") == ratio
    zh = facts[(facts["doc"] == BILINGUAL) & (facts["line"] == 401) & (facts["lang"] == "zh")]
    assert zh["claim_id"].tolist() == [ratio]  # the Chinese translation is one more piece of evidence
    assert claims.loc[ratio, "n_sources"] == 1 and not claims.loc[ratio, "conflict"]


def test_seeds_72_and_eight_gpus_are_two_claims(seed_ledger):
    facts, _ = seed_ledger
    for doc, line in ((CLEANED, 425), (BILINGUAL, 654)):
        here = facts[(facts["doc"] == doc) & (facts["line"] == line)]
        seventy_two = here[here["value"] == 72]["claim_id"]
        eight = here[here["value"] == 8]["claim_id"]
        assert len(seventy_two) == 1 and len(eight) == 1
        assert seventy_two.iloc[0] != eight.iloc[0]


def test_seeds_no_claim_mixes_dimensions_and_every_mention_has_a_claim(seed_ledger):
    facts, claims = seed_ledger
    assert facts["claim_id"].ne("").all()
    assert (facts.groupby("claim_id")["dimension"].nunique() == 1).all()
    assert claims["n_mentions"].sum() == len(facts)
    assert set(claims["claim_id"]) == set(facts["claim_id"])


def test_seeds_one_interview_three_ways_is_one_episode(seed_ledger):
    facts, claims = seed_ledger
    episodes, _ = link_episodes(facts, {p.name: read_document(p).title for p in SEEDS.glob("*.txt")})
    assert episodes[SUMMARY] == episodes[CLEANED] == episodes[BILINGUAL]
    assert len({episodes[SUMMARY], episodes["002_bbe9685bcaad8dc0.txt"], episodes["003_b35aa75e222784c9.txt"]}) == 3
    assert claims["n_sources"].max() <= 3


def test_seeds_every_conflict_explains_itself(seed_ledger):
    _, claims = seed_ledger
    conflicts = claims[claims["conflict"]]
    assert len(conflicts) >= 1
    assert conflicts["conflict_reason"].str.len().gt(20).all()
    merged = claims[claims["n_mentions"] > 1]
    assert merged["why"].str.contains("same dimension").all()
