"""Topic of a mention, on realistic sentences of the kind the transcripts hold.

Each case is a sentence, the surface of one of its quantities, and the topic the annotation
guide (shared/eval/ANNOTATION.md) gives it. The sentences are written for this test, not taken
from the seeds, so they check the rules rather than the corpus they were tuned on.
"""

from __future__ import annotations

import pytest

from extract import extract_text

CASES: list[tuple[str, str, str]] = [
    # pricing: prices and costs of compute or tokens, whatever the talk of profit around them
    ("Renting an H100 on the big clouds still runs about $2.50 an hour.", "$2.50 an hour", "pricing"),
    ("The API charges $15 per million output tokens.", "$15 per million output tokens", "pricing"),
    ("What margin is fair for a cloud? Maybe $1, maybe 50 cents.", "$1", "pricing"),
    ("With 100 bucks I could have like 100 million tokens.", "100 million tokens", "pricing"),
    ("A fully loaded server sells for roughly $300,000.", "roughly $300,000", "pricing"),
    # finance: revenue, profit, margins, valuations, deals, yearly sums of money
    ("Their gross margin is about 70% on the data center business.", "about 70%", "finance"),
    ("The contract is worth roughly $10 billion a year to the cloud provider.",
     "roughly $10 billion a year", "finance"),
    ("The chip unit is losing about $2 billion a year on its foundry.", "about $2 billion a year", "finance"),
    ("Quarterly revenue grew 40% year over year, mostly from accelerators.", "40%", "finance"),
    ("The startup raised $6 billion at a $50 billion valuation.", "$50 billion", "finance"),
    # hardware: chips, interconnect, memory, nodes, yields
    ("Each accelerator carries 192 GB of HBM.", "192 GB", "hardware"),
    ("The new switch doubles bandwidth to 1.8 TB/s per GPU.", "1.8 TB/s", "hardware"),
    # clusters: cluster and datacenter sizes, GPU counts
    ("They are building a cluster of 200,000 GPUs in Tennessee.", "200,000 GPUs", "clusters"),
    # energy: power
    ("The campus will draw 1.2 GW once the turbines are online.", "1.2 GW", "energy"),
    # scaling: training data, compute, runs
    ("The model was trained on 15 trillion tokens.", "15 trillion tokens", "scaling"),
    ("They distilled it on 500,000 reasoning traces from the bigger model.", "500,000 reasoning traces",
     "scaling"),
    # models: sizes, experts, context
    ("It has 400 billion total parameters.", "400 billion total parameters", "models"),
    ("Context windows grew from 4,000 tokens to 2 million in two years.", "2 million", "models"),
    ("The context window is huge. So 10 million tokens.", "10 million tokens", "models"),
    # benchmarks: eval scores
    ("It scores 85% on GPQA Diamond.", "85%", "benchmarks"),
    # talent: pay, headcount, hiring, layoffs of a company's staff
    ("The lab offered a pay package of about $100 million to one researcher.", "about $100 million",
     "talent"),
    ("The startup laid off 15% of its staff last week.", "15%", "talent"),
    ("The firm has 40 analysts now.", "40 analysts", "talent"),
    # geopolitics: countries, export controls, supply chain
    ("Export controls cap the chips sold to China at 4,800 TPP.", "4,800", "geopolitics"),
    # society: jobs, work hours, public-sector figures, legislation
    ("The Senate voted 99 to 1 to strip the moratorium on state AI laws.", "99", "society"),
    ("Unemployment among young graduates rose to 6%.", "6%", "society"),
    # a person's age belongs to no topic, whatever the money around it
    ("He's 28 and already runs a lab that raised $10 billion.", "28", "other"),
    ("An 18 year old dropout turned engineer at the lab.", "18 year", "other"),
    # inflected words are not the nouns they start with: engineering is not an engineer,
    # "powered by" is not power
    ("From an engineering standpoint the 12 page report is thin.", "12 page", "other"),
    ("The app, powered by the new engine, renders a preview in 3 seconds.", "3 seconds", "other"),
    ("Investors worry where the money comes from; GPT-4 cost $500 million to train.", "$500 million",
     "pricing"),
    ("The lab raised $500 million to train bigger models.", "$500 million", "finance"),
    ("Web data is 99.9% random info, not the problems we solve.", "99.9%", "scaling"),
    ("Transformers are the first architecture that scales for 7 OOMs.", "7 OOMs", "scaling"),
    ("So far they have handed out 25% of their vaccines.", "25%", "society"),
]


def _topic_of(sentence: str, surface: str) -> str:
    mentions = [m for m in extract_text(sentence, "case.txt") if surface in m.surface or m.surface in surface]
    assert mentions, f"no mention {surface!r} in {sentence!r}"
    return mentions[0].topic


@pytest.mark.parametrize(("sentence", "surface", "topic"), CASES, ids=[c[1] for c in CASES])
def test_topic(sentence: str, surface: str, topic: str) -> None:
    assert _topic_of(sentence, surface) == topic, sentence


def test_a_section_title_speaks_for_its_first_lines_more_than_for_its_last():
    filler = "We talked for a while about the weather and the drive over.\n" * 200
    text = ("## Jobs and the future of labor\n"
            "He said 40% of what an analyst does today could go.\n"
            + filler
            + "He said 40% of what an analyst does today could go.\n")
    first, last = (m.topic for m in extract_text(text, "chapters.md"))
    assert (first, last) == ("society", "talent")  # far below, the analyst decides


def test_a_line_of_a_cut_transcript_hears_the_lines_just_above_it():
    talk = ("**[15:00]** Meta has been poaching researchers from OpenAI with huge pay packages.\n\n"
            "**[15:03]** And you said a hundred million dollars.\n")
    assert [m.topic for m in extract_text(talk, "cut.md")] == ["talent"]
    notes = ("- Meta has been poaching researchers from OpenAI with huge pay packages.\n"
             "- OpenAI said a hundred million dollars.\n")  # a new list item is a new fact
    assert [m.topic for m in extract_text(notes, "notes.md")] == ["finance"]


def test_notes_in_lower_case_still_name_their_companies():
    notes = ("- china could build a 10 gigawatt data center in 6 months\n"
             "- dario believes it happens in 5-10 years\n"
             "- the meta-analysis covered 12 apple orchards\n")
    entities = [m.entity for m in extract_text(notes, "notes.md")]
    assert entities == ["China", "China", "Anthropic", ""]  # "meta" and "apple" are words too


def test_a_table_cell_is_about_what_its_column_is_about():
    text = ("| Model | Price per 1M input | Context | Power (MW) |\n"
            "|---|---|---|---|\n"
            "| GPT-5 | $1.25 | 400k | 300 |\n")
    topics = {m.surface: m.topic for m in extract_text(text)}
    assert topics == {"$1.25": "pricing", "400k": "models", "300": "energy"}


def test_electricity_prices_are_energy_and_wafer_prices_hardware():
    topics = {m.surface: m.topic for m in extract_text(
        "In ERCOT we contracted at about 5.5 cents per kilowatt-hour on a ten-year PPA. "
        "A 2 nanometer wafer is priced around $30,000. Renting an H100 costs $2 an hour.")}
    assert topics["about 5.5 cents per kilowatt-hour"] == "energy"
    assert topics["around $30,000"] == "hardware"
    assert topics["$2 an hour"] == "pricing"


def test_money_for_one_person_is_pay():
    topics = {m.surface: m.topic for m in extract_text(
        "I've heard a number for someone over a billion. Meta offered him $1 billion. "
        "The company raised $2 billion.")}
    assert topics == {"over a billion": "talent", "$1 billion": "talent", "$2 billion": "finance"}
