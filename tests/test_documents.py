"""Decoding, line numbering, speaker/timestamp tracking and source addresses of documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.documents import (
    DocumentError,
    normalise_timestamp,
    parse_document,
    read_document,
    source_url_at,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def speakers(text: str) -> list[tuple[int, str, str]]:
    """(line number, speaker, timestamp) for every non-empty line."""
    doc = parse_document(text, "snippet.txt")
    return [(ln.number, ln.speaker, ln.timestamp) for ln in doc.lines if ln.text.strip()]


# --- decoding ---------------------------------------------------------------------------

def test_utf8_with_and_without_bom(tmp_path: Path) -> None:
    text = "GPUs cost $6 an hour — 中文\n"
    (tmp_path / "plain.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    for name in ("plain.txt", "bom.txt"):
        doc = read_document(tmp_path / name)
        assert doc.lines[0].text == "GPUs cost $6 an hour — 中文"
        assert doc.title == "GPUs cost $6 an hour — 中文"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, encoding: str) -> None:
    text = "Title\r\n(00:18) Dylan Patel:\r\nWe have 100,000 GPUs.\r\n"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    (tmp_path / "u16.txt").write_bytes(bom + text.encode(encoding))
    doc = read_document(tmp_path / "u16.txt")
    assert [ln.text for ln in doc.lines] == ["Title", "(00:18) Dylan Patel:", "We have 100,000 GPUs."]
    assert doc.lines[2].speaker == "Dylan Patel"


def test_undecodable_bytes_name_file_byte_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("price: 5 €\n".encode() + b"caf\xe9 costs 3 euros\n")
    with pytest.raises(DocumentError) as err:
        read_document(path)
    assert str(err.value) == f"{path}: not UTF-8 or UTF-16 text (byte 0xe9 at offset 16)"


def test_undecodable_after_utf8_bom_counts_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"\xef\xbb\xbfab\xff")
    with pytest.raises(DocumentError, match=r"byte 0xff at offset 5\)$"):
        read_document(path)


def test_broken_utf16_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xdc")  # lone low surrogate
    with pytest.raises(DocumentError, match=r"u16\.txt: not valid UTF-16 text \(illegal encoding at offset 6\)"):
        read_document(path)
    path.write_bytes(b"\xfe\xff\x00A\x00")  # odd number of bytes
    with pytest.raises(DocumentError, match=r"u16\.txt: not valid UTF-16 text \(truncated data at offset 4\)"):
        read_document(path)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(DocumentError, match=r"image\.txt: binary file, not text \(NUL byte at offset 8\)"):
        read_document(path)


@pytest.mark.parametrize(("data", "problem"), [(b"", "empty file"), (b"\xef\xbb\xbf", "empty file"),
                                               (b"  \n\r\n\t\n", "empty file (only whitespace)")])
def test_empty_file(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(data)
    with pytest.raises(DocumentError) as err:
        read_document(path)
    assert str(err.value) == f"{path}: {problem}"
    assert err.value.path == str(path)
    assert err.value.problem == problem


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"nope\.txt: no such file$"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="is a folder"):
        read_document(tmp_path)


# --- lines ------------------------------------------------------------------------------

def test_line_numbers_match_an_editor() -> None:
    doc = parse_document("first\r\n\r\nthird\rstill third\nfourth\n", "d.txt")
    assert [(ln.number, ln.text) for ln in doc.lines] == [
        (1, "first"), (2, ""), (3, "third\rstill third"), (4, "fourth"),
    ]
    assert len(parse_document("a\nb", "d").lines) == 2
    assert len(parse_document("a\nb\n\n", "d").lines) == 3


def test_every_seed_line_count_matches_wc() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        data = path.read_bytes()
        doc = read_document(path)
        assert len(doc.lines) == data.count(b"\n") + (not data.endswith(b"\n"))
        assert doc.name == path.name
        assert doc.path == str(path)


# --- timestamps -------------------------------------------------------------------------

@pytest.mark.parametrize(("marker", "expected"), [
    ("0:05", "00:00:05"), ("05:07", "00:05:07"), ("60:02", "01:00:02"), ("1:02:15", "01:02:15"),
    ("00:06:23", "00:06:23"), ("12:75", ""),
])
def test_normalise_timestamp(marker: str, expected: str) -> None:
    assert normalise_timestamp(marker) == expected


def test_bold_bracket_markers_carry_to_following_lines() -> None:
    text = (
        "# Interview\n\n## Main Conversation\n\n"
        "**[00:00]** Super intelligence reaching it first.\n\n"
        "**[35:00]** We have 100,000 GPUs.\n\n"
        "That matters, then you need 1 GW.\n\n"
        "**[60:02]** Sam is wrong.\n"
    )
    assert speakers(text) == [
        (1, "", ""), (3, "", ""), (5, "", "00:00:00"), (7, "", "00:35:00"),
        (9, "", "00:35:00"), (11, "", "01:00:02"),
    ]


def test_inline_marker_mid_line_and_ranges() -> None:
    text = "Intro line\nWe talked [00:19] about it (01:15) twice.\nnext line\n[02:00 - 02:30] range\n"
    assert speakers(text) == [(1, "", ""), (2, "", "00:00:19"), (3, "", "00:01:15"), (4, "", "00:02:00")]


def test_things_that_look_like_times_are_not_markers() -> None:
    text = "Meeting at 10:30 tomorrow.\nA 3:1 ratio, and John 3:16 says.\n"
    assert speakers(text) == [(1, "", ""), (2, "", "")]


# --- speakers ---------------------------------------------------------------------------

BILINGUAL = """2025-06-30 Dylan Patel.GPT4.5's Flop

Meta's AI Strategy and Organizational Challenges

Meta 的人工智能战略与组织挑战

(00:00:00)
The episode introduces Dylan Patel, an expert in AI.
本集介绍了人工智能专家 Dylan Patel。

(00:00) Matthew Berman:
Super intelligence reaching it first who you picking and why.
要率先达到超级智能,你会选谁?

(00:18) Dylan Patel:
It's kind of cooked.
它基本没戏了。

(02:15)
Those experiments were all done with like 100 GPUs.

Meta's Acquisition of ScaleAI and the Shift Towards Super Intelligence

(00:06:23)
Zuckerberg made $100 million offers.

(06:19) Matthew Berman:
 
Okay, well, let's continue.
"""


def test_bilingual_transcript_speakers_and_times() -> None:
    assert speakers(BILINGUAL) == [
        (1, "", ""),
        (3, "", ""),
        (5, "", ""),
        (7, "", "00:00:00"), (8, "", "00:00:00"), (9, "", "00:00:00"),
        (11, "Matthew Berman", "00:00:00"), (12, "Matthew Berman", "00:00:00"),
        (13, "Matthew Berman", "00:00:00"),
        (15, "Dylan Patel", "00:00:18"), (16, "Dylan Patel", "00:00:18"), (17, "Dylan Patel", "00:00:18"),
        # a bare timestamp continues the same speaker
        (19, "Dylan Patel", "00:02:15"), (20, "Dylan Patel", "00:02:15"),
        # a section heading ends the turn; the section summary has no speaker
        (22, "", "00:02:15"),
        (24, "", "00:06:23"), (25, "", "00:06:23"),
        (27, "Matthew Berman", "00:06:19"), (29, "Matthew Berman", "00:06:19"),
    ]


def test_label_with_speech_on_the_same_line() -> None:
    text = "[00:05] Dylan Patel: It's kind of cooked.\nmore speech\n(1:02:10) **Matthew Berman:** Thanks.\n"
    assert speakers(text) == [
        (1, "Dylan Patel", "00:00:05"), (2, "Dylan Patel", "00:00:05"), (3, "Matthew Berman", "01:02:10"),
    ]


def test_notes_labels_are_not_speakers() -> None:
    text = """Dylan Patel: GPT4.5's Flop, Grok 4, Meta's Poaching Spree
Model Comparisons: Maverick and Scout
- Maverick is noted as being decent.
Note: prices are list prices.
Topics:
Andrey Kurenkov和Jeremie Harris:Meta发布的Llama 4
Translations:
中文
Financial plumbing: banks move $5 trillion a day.
VaccinateCA: 40 people.
"""
    assert {s for _, s, _ in speakers(text)} == {""}


def test_names_repeated_as_labels_are_speakers_without_timestamps() -> None:
    text = """Episode 12

Andrey Kurenkov: Hello and welcome.
It has 400 billion parameters.
Jeremie Harris: And 17 billion active.
Andrey Kurenkov: Right.

## Lightning round

Behemoth has 2 trillion parameters.
"""
    assert speakers(text) == [
        (1, "", ""), (3, "Andrey Kurenkov", ""), (4, "Andrey Kurenkov", ""),
        (5, "Jeremie Harris", ""), (6, "Andrey Kurenkov", ""), (8, "", ""), (10, "", ""),
    ]


def test_header_metadata_names_participants() -> None:
    text = """# Dylan Patel Interview

**Guest:** Dylan Patel (AI and Chip Industry Expert)
**Host:** [Host Name]
**Video URL:** https://www.youtube.com/watch?v=cHgCbDWejIs&t=1863s

---

Dylan Patel: It costs $6 an hour.
"""
    lines = parse_document(text, "d.md").lines
    assert [ln.speaker for ln in lines[:5]] == ["", "", "", "", ""]
    assert lines[8].speaker == "Dylan Patel"


def test_speaker_label_alone_on_a_line_and_otter_style() -> None:
    text = "Dylan Patel:\nWe bought 72 GPUs.\n\nSPEAKER 2  0:41\nHow much?\n"
    assert speakers(text) == [
        (1, "Dylan Patel", ""), (2, "Dylan Patel", ""), (4, "SPEAKER 2", "00:00:41"), (5, "SPEAKER 2", "00:00:41"),
    ]


def test_seed_004_speakers() -> None:
    doc = read_document(SEEDS / "004_6715a186afd1f4c1.txt")
    by_number = {ln.number: ln for ln in doc.lines}
    assert by_number[21].text == "It's kind of cooked."
    assert (by_number[21].speaker, by_number[21].timestamp) == ("Dylan Patel", "00:00:18")
    assert (by_number[110].speaker, by_number[110].timestamp) == ("", "00:06:23")
    assert {ln.speaker for ln in doc.lines} == {"", "Dylan Patel", "Matthew Berman"}
    assert by_number[1060].speaker == "Dylan Patel" and by_number[1060].timestamp == "01:02:15"
    assert by_number[1070].speaker == ""  # the site footer after the transcript


def test_seeds_without_labels_have_no_speakers() -> None:
    for name in ("000_92f0e6ffc23971e8.txt", "001_9aa677d05b5fb973.txt",
                 "002_bbe9685bcaad8dc0.txt", "003_b35aa75e222784c9.txt"):
        assert {ln.speaker for ln in read_document(SEEDS / name).lines} == {""}, name


# --- title and source address -----------------------------------------------------------

def test_titles_of_the_seeds() -> None:
    titles = {p.name: read_document(p).title for p in SEEDS.glob("*.txt")}
    assert titles["001_9aa677d05b5fb973.txt"] == "AI and Chip Industry Discussion - Dylan Patel Interview"
    assert titles["003_b35aa75e222784c9.txt"] == "Vincent Cheng"
    assert titles["000_92f0e6ffc23971e8.txt"].startswith("Dylan Patel: GPT4.5's Flop")


def test_title_is_capped_for_huge_lines() -> None:
    title = parse_document("\n\n## " + "word " * 10_000, "d").title
    assert title.startswith("word word") and title.endswith("…") and len(title) <= 200


def test_source_url_from_header_without_t() -> None:
    doc = read_document(SEEDS / "001_9aa677d05b5fb973.txt")
    assert doc.source_url == "https://www.youtube.com/watch?v=cHgCbDWejIs"
    assert parse_document("x\nhttps://youtu.be/abc?t=90\n", "d").source_url == "https://youtu.be/abc"
    assert parse_document("x\nSource: https://vimeo.com/1#t=30s.\n", "d").source_url == "https://vimeo.com/1"
    assert parse_document("no address here\n", "d").source_url == ""


def test_source_url_prefers_labelled_line_and_ignores_speech() -> None:
    text = ("Notes https://example.com/blog\n**Video URL:** https://www.youtube.com/watch?v=X1&t=5s\n"
            "[00:00] see https://later.example.com\n")
    assert parse_document(text, "d").source_url == "https://www.youtube.com/watch?v=X1"
    assert parse_document("[00:00] see https://later.example.com\n", "d").source_url == ""


def test_source_url_at() -> None:
    url = "https://www.youtube.com/watch?v=cHgCbDWejIs"
    assert source_url_at(url, "00:35:59") == url + "&t=2159s"
    assert source_url_at("https://youtu.be/cHgCbDWejIs", "01:00:02") == "https://youtu.be/cHgCbDWejIs?t=3602s"
    assert source_url_at(url + "&t=10s", "00:00:20") == url + "&t=20s"
    assert source_url_at("", "00:35:59") == ""
    assert source_url_at(url, "") == url
    with pytest.raises(ValueError, match="not a timestamp"):
        source_url_at(url, "soon")


def test_subtitle_cues_give_the_timestamp_and_their_numbers_are_not_claims() -> None:
    from extract.pipeline import extract_text

    srt = ("1\n00:00:01,000 --> 00:00:04,000\nwe spent like ten billion dollars on gpt 4\n\n"
           "2\n00:01:04.500 --> 00:01:07.000\nit runs on 72 gpus at about 1.4 dollars an hour\n")
    found = [(m.line, m.surface, m.timestamp) for m in extract_text(srt, doc="talk.srt.txt")]
    assert found == [(3, "like ten billion dollars", "00:00:01"), (7, "72 gpus", "00:01:04"),
                     (7, "about 1.4 dollars an hour", "00:01:04")]


def test_diarised_speaker_labels_are_speakers() -> None:
    doc = parse_document("SPEAKER_00 [00:02:00]: it costs $2 an hour\nSPEAKER_01 [00:02:05]: more like $3\n",
                         "diarised.txt")
    assert [(line.speaker, line.timestamp) for line in doc.lines] == [
        ("SPEAKER_00", "00:02:00"), ("SPEAKER_01", "00:02:05")]


def test_caption_lines_opening_with_a_time_carry_it() -> None:
    captions = ("AI Chips Ep 48 - auto-generated captions\n0:00 so um today we have\n"
                "0:04 like 100k gpus in one\n1:02:03 they pay like two dollars an hour\n"
                "10:30 am is when we met\n")
    assert speakers(captions)[1:] == [(2, "", "00:00:00"), (3, "", "00:00:04"), (4, "", "01:02:03"),
                                      (5, "", "01:02:03")]  # a clock time is no caption time


def test_a_quote_cited_with_its_source_and_a_section_start_carry_speaker_and_time() -> None:
    text = ("## Pricing (starts ~4:10)\n"
            "- prices fell 30%\n"
            '> **swyx** (Latent Space, [00:31:40]): "Call it 50, 55 percent at the labs."\n'
            "- margins matter\n")
    lines = parse_document(text, "notes.md").lines
    assert [(line.speaker, line.timestamp) for line in lines] == [
        ("", "00:04:10"), ("", "00:04:10"), ("swyx", "00:31:40"), ("", "00:31:40")]


def test_panel_labels_posts_and_caption_turns_name_their_speakers() -> None:
    panel = ("[00:00:12]\n**Dana Whitfield (SemiWeekly):** We have 50 minutes.\n"
             "**Marcus Oyelaran (Microsoft):** North of $80 billion.\n"
             "**Dana Whitfield (SemiWeekly):** And next year?\n**Marcus Oyelaran (Microsoft):** More.\n")
    assert [(line.speaker, line.timestamp) for line in parse_document(panel, "panel.md").lines] == [
        ("", "00:00:12"), ("Dana Whitfield", "00:00:12"), ("Marcus Oyelaran", "00:00:12"),
        ("Dana Whitfield", "00:00:12"), ("Marcus Oyelaran", "00:00:12")]
    thread = "@kai_tokenomics · Mar 3\n1/9 $3 / $15 per Mtok\n    ↳ @fab_tw · Mar 4\n    780 TFLOPS\n"
    assert [line.speaker for line in parse_document(thread, "thread.txt").lines] == [
        "@kai_tokenomics", "@kai_tokenomics", "@fab_tw", "@fab_tw"]
    captions = ("1\n00:00:01,000 --> 00:00:04,000\n[Host] Welcome back, it's $2 an hour.\n\n"
                "2\n00:00:04,500 --> 00:00:06,000\n>> Thanks. More like $3.\n[Music] and on\n")
    lines = parse_document(captions, "c.srt.txt").lines
    assert [(line.number, line.speaker, line.timestamp) for line in lines if line.number in (3, 7, 8)] == [
        (3, "Host", "00:00:01"), (7, "", "00:00:04"), (8, "", "00:00:04")]


def test_a_chapter_list_a_titled_heading_and_a_named_officer() -> None:
    notes = ("Frontier Model Roundup: Context Wars and the $100 Million Researcher\n"
             "00:00 Intro and housekeeping\n03:12 GPT-5 launch: sizes and pricing\n1:24:10 Talent: headcounts and pay\n"
             "Talent\n- Meta's lab is about 50 people.\n"
             "Benchmarks: Saturation and Contamination\n- Scores sit at 88%.\n"
             "Benchmarks: Saturation and Contamination\n"
             "Dana Whitcomb, Executive Vice President and Chief Financial Officer:\n"
             "Revenue was a record $14.82 billion.\n")
    lines = parse_document(notes, "notes.txt").lines
    assert [(line.speaker, line.timestamp) for line in lines] == [
        ("", ""), ("", "00:00:00"), ("", "00:03:12"), ("", "01:24:10"), ("", "01:24:10"), ("", "01:24:10"),
        ("", "01:24:10"), ("", "01:24:10"), ("", "01:24:10"), ("Dana Whitcomb", "01:24:10"),
        ("Dana Whitcomb", "01:24:10")]


def test_chat_exports_and_print_interviews_name_their_speakers() -> None:
    chat = ("[9:02 AM] raj.p: quotes are back, 8xH100 @ $2.35/hr\n"
            "    ↳ [1:14 PM] mei.w: that is the 24-month rate\n")
    assert [(line.speaker, line.timestamp) for line in parse_document(chat, "chat.txt").lines] == [
        ("raj.p", "09:02:00"), ("mei.w", "13:14:00")]
    qa = "Q: What does it cost?\n\nA: About $2 an hour.\n\nQ: And next year?\n\nA: Less.\n"
    assert [line.speaker for line in parse_document(qa, "qa.txt").lines if line.text] == ["Q", "A", "Q", "A"]
