"""Documents as lines with the speaker, timestamp and source address a reader would cite.

Transcripts and notes arrive as plain text or Markdown in a few encodings. A claim is only
traceable if its line number matches what an editor shows and if we know who said it and
when, so this module decodes strictly, splits on ``\\n`` only, and carries the nearest
preceding speaker header and timestamp marker down to every line. All work is one pass
(plus one bounded pre-pass) over the lines, so very long inputs stay linear.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


class DocumentError(ValueError):
    """A file that cannot be read as a text document; the message names the file and problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class Line:
    """One line as an editor shows it (1-based number) with who spoke and when."""

    number: int
    text: str
    speaker: str = ""
    timestamp: str = ""  # "HH:MM:SS" or ""
    metadata: bool = False  # a forum post's header ("[–] user 287 points 6 hours ago"): no claims


@dataclass
class Document:
    """A decoded document split into lines, with its title and source address."""

    name: str
    path: str
    text: str
    title: str
    source_url: str
    lines: list[Line] = field(default_factory=list)


TITLE_MAX = 200
HEADER_LINES = 60  # metadata such as "**Video URL:**" lives near the top
HEADING_MAX = 150  # longer lines are never section headings

_TIME = r"\d{1,3}:\d{2}(?::\d{2})?"
_RANGE_SEP = r"\s*(?:-|–|—|→|-->|to)\s*"


def _mark(group: str) -> str:
    """'[00:19]', '(01:15)', '**[35:00]**', '(00:00:00)', '[00:19 - 00:25]', '(starts ~4:10)' and a
    source with its time, '(Latent Space, [00:31:40])', with the time in `group`."""
    return (rf"(?:\*\*)?(?:[\[(]\s*(?:(?i:starts?|begins?|from|at)\s+(?:at\s+)?)?~?\s*(?P<{group}>{_TIME})"
            rf"(?:{_RANGE_SEP}{_TIME})?\s*[\])]|\([^()\[\]]{{1,60}}?,?\s*\[(?P<{group}_cited>{_TIME})\]\))(?:\*\*)?")


_MARK_RE = re.compile(_mark("time"))
# a time alone on its line, or a subtitle cue "00:00:01,000 --> 00:00:04,000" (SRT, WebVTT)
_BARE_TIME_LINE_RE = re.compile(
    rf"^\s*(?:\*\*)?(?P<time>{_TIME})(?:[,.]\d{{1,3}})?(?:{_RANGE_SEP}{_TIME}(?:[,.]\d{{1,3}})?)?(?:\*\*)?\s*$")

# a caption line "1:02:03 so they pay like two dollars an hour" (YouTube's transcript export),
# not a clock time ("10:30 am")
_OPENING_TIME_RE = re.compile(rf"^\s*(?:\*\*)?(?P<time>{_TIME})(?:\*\*)?\s+(?![ap]\.?\s?m\b)(?=[^\s:])",
                              re.IGNORECASE)
_NAME = r"[^\W\d_][\w.'’\- ]{0,58}?"
# A label opening a line: optional timestamp (bracketed or bare), optional bold, a name,
# optional timestamp after the name, a colon; "rest" is the speech on the same line.
_LABEL_RE = re.compile(
    rf"^\s*(?:>\s*)?(?:(?:{_mark('before')}|(?:\*\*)?(?P<bare>{_TIME})(?:\*\*)?)\s+)?"
    rf"(?:\*\*)?(?P<name>{_NAME})(?:\s*\((?P<affiliation>[^()\[\]\d][^()\[\]]{{0,39}})\))?(?:\*\*)?"
    rf"(?:\s*{_mark('after')})?\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?(?P<rest>.*)$"
)
# "Dylan Patel  0:18" or "Dylan Patel (00:18)" alone on a line, as some transcribers export.
_NAME_THEN_TIME_RE = re.compile(
    rf"^\s*(?:\*\*)?(?P<name>{_NAME})(?:\*\*)?\s+(?:{_mark('after')}|(?P<bare>{_TIME}))\s*$"
)
# a message of a chat export (Slack, Discord): "[9:02 AM] raj.p: quotes are back", "↳ [9:14 AM] mei: ok"
_CHAT_MESSAGE_RE = re.compile(r"^\s*(?:↳\s*)?\[(?P<hour>\d{1,2}):(?P<minute>\d{2})\s?(?P<half>[AaPp])\.?[Mm]\.?\]\s+"
                              r"(?P<name>[\w.-]{2,30}):\s")
# a speaker named with a role, alone on its line: "Dana Whitcomb, Chief Financial Officer:"
_NAME_WITH_TITLE_RE = re.compile(r"^\s*(?:\*\*)?(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}),\s+[^:]{3,80}:"
                                 r"\s*(?:\*\*)?\s*$")
# the header of a forum comment, whose score and age are no claims: "[–] gpu_landlord 287 points
# 6 hours ago", "Posted by u/tensorpilled 7 hours ago | 412 points | 238 comments",
# "pg 3 hours ago | parent | next [–]"
_POST_HEADER_RE = re.compile(
    r"^\s*(?:\[[–+-]\]\s*)?(?:Posted\s+by\s+)?(?:u/)?(?P<name>[\w-]{2,30}|\[deleted\])\s+"
    r"(?:(?:\d[\d,.]*k?\s+points?|score\s+hidden)\s*[·|•]?\s*)?"
    r"\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b(?:\s*[|·•].*)?\s*$",
    re.IGNORECASE)
# the header of a copied social post: "@handle · Mar 3", "@handle - 2h"
_HANDLE_LINE_RE = re.compile(r"^\s*(?:↳\s*)?(?:\*\*)?(?P<name>@\w{1,30})(?:\*\*)?(?:\s+[·•|–-]\s+[^@]{0,40})?\s*$")
# a caption's turn: ">>" opens another speaker's, "[Host]" a named one's; "[Music]" is a sound
_CAPTION_TURN_RE = re.compile(r"^\s*(?:>>(?!>)\s*|\[(?P<name>[A-Z][A-Za-z.'’ -]{0,30})\]\s+(?=\S))")
_SOUND_TAGS = frozenset({"music", "applause", "laughter", "laughs", "laughing", "crosstalk", "inaudible",
                         "silence", "noise", "cheering", "foreign", "sound", "pause", "unintelligible"})
_NUMBERED_SPEAKER_RE = re.compile(r"(?i)speaker[\s_]*\d{1,2}")

_NAME_WORD_RE = re.compile(r"^(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]\.)$")
_LOOSE_WORD_RE = re.compile(r"^(?:[A-Z][A-Za-z]*(?:[-'’.][A-Za-z]+)*\.?|\d{1,2}|SPEAKER_\d{1,2})$")
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "bin", "al", "del"})
# Labels that introduce notes or metadata, never a person speaking.
_NOT_SPEAKERS = frozenset({
    "abstract", "agenda", "answer", "appendix", "background", "bonus", "caveat", "chapter",
    "claim", "claims", "conclusion", "context", "correction", "credits", "date",
    "description", "disclaimer", "edit", "episode", "example", "fact", "figure", "intro",
    "introduction", "cons", "cost", "goal", "goals", "how", "idea", "key", "link", "links",
    "note", "notes", "overview", "part", "price", "pricing", "problem", "pros", "ps",
    "question", "quote", "refer", "reference", "references", "related", "result", "results",
    "revenue", "risk", "risks", "section", "see", "solution", "source", "sources", "status",
    "step", "summary", "table", "tag", "tags", "takeaway", "takeaways", "thesis", "time",
    "timestamp", "tip", "title", "tldr", "topic", "topics", "total", "transcript",
    "translation", "translations", "update", "updates", "url", "video", "warning", "what",
    "when", "where", "who", "why",
})
_PARTICIPANT_KEYS = frozenset({
    "guest", "guests", "host", "hosts", "speaker", "speakers", "interviewer", "interviewee",
    "participants", "panelists", "featuring", "with", "moderator",
})
_META_RE = re.compile(r"^\s*(?:[-*•]\s*)?(?:\*\*)?([A-Za-z][A-Za-z ]{0,30}?)\s*(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.*)$")
_URL_RE = re.compile(r"https?://[^\s<>()\[\]\"'`]+")
_URL_KEY_RE = re.compile(r"(?i)\b(?:url|link|video|source|watch|episode|page|youtube)\b")
_HEADING_MD_RE = re.compile(r"^\s{0,3}#{1,6}\s")
_RULE_RE = re.compile(r"^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$")
_SMALL_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on",
    "or", "over", "the", "to", "vs", "with",
})
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_TERMINAL = tuple(".!?,;:\"”’)…。！？，；：」』")


def normalise_timestamp(marker: str) -> str:
    """'5:07' -> '00:05:07', '60:02' -> '01:00:02', '1:02:03' -> '01:02:03'."""
    parts = [int(p) for p in marker.split(":")]
    if len(parts) == 2:
        minutes, seconds = parts
        hours, minutes = divmod(minutes, 60)
    else:
        hours, minutes, seconds = parts
    if minutes >= 60 or seconds >= 60:
        return ""
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}"


def timestamp_seconds(timestamp: str) -> int:
    """Seconds from the start for 'HH:MM:SS' or 'MM:SS'; ValueError for anything else."""
    if not re.fullmatch(_TIME, timestamp or ""):
        raise ValueError(f"not a timestamp (expected HH:MM:SS): {timestamp!r}")
    normal = normalise_timestamp(timestamp)
    if not normal:
        raise ValueError(f"not a timestamp (minutes and seconds must be below 60): {timestamp!r}")
    hours, minutes, seconds = (int(p) for p in normal.split(":"))
    return hours * 3600 + minutes * 60 + seconds


def source_url_at(url: str, timestamp: str) -> str:
    """The address that opens the recording at `timestamp` (adds t=NNNs); '' stays ''."""
    if not url or not timestamp:
        return url
    seconds = timestamp_seconds(timestamp)
    parts = urlsplit(_without_time(url))
    query = f"{parts.query}&t={seconds}s" if parts.query else f"t={seconds}s"
    return urlunsplit(parts._replace(query=query))


def _without_time(url: str) -> str:
    """Drop the t= start offset (query or '#t=' fragment) so a stored address is the whole recording."""
    parts = urlsplit(url)
    query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("t="))
    fragment = "" if parts.fragment.startswith("t=") else parts.fragment
    return urlunsplit(parts._replace(query=query, fragment=fragment))


def decode(data: bytes, path: str) -> str:
    """Text from UTF-8 (with or without BOM) or UTF-16 with BOM; DocumentError otherwise."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(
                path, f"not valid UTF-16 text ({exc.reason} at offset {exc.start})"
            ) from None
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            raise DocumentError(path, f"binary file, not text (NUL byte at offset {nul})")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            offset = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
            raise DocumentError(
                path, f"not UTF-8 or UTF-16 text (byte 0x{data[offset]:02x} at offset {offset})"
            ) from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise DocumentError(path, "binary file, not text (NUL character in decoded text)")
    if not text.strip():
        raise DocumentError(path, "empty file" if not text else "empty file (only whitespace)")
    return text


def read_document(path: str | Path, name: str | None = None) -> Document:
    """Read and parse one file; DocumentError names the file for every problem."""
    shown = str(path)
    file = Path(path)
    if file.is_dir():
        raise DocumentError(shown, "is a folder, not a file")
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise DocumentError(shown, "no such file") from None
    except OSError as exc:
        raise DocumentError(shown, f"cannot read ({exc.strerror or exc})") from None
    return parse_document(decode(data, shown), name or file.name, shown)


def parse_document(text: str, name: str, path: str = "") -> Document:
    """Split text into numbered lines and attach speaker and timestamp to each."""
    raw = text.split("\n")
    stripped = [line.removesuffix("\r") for line in raw]
    if len(stripped) > 1 and stripped[-1] == "":
        stripped.pop()  # a final newline ends the last line; it does not start a new one
    participants = _participants(stripped[:HEADER_LINES])
    recurring = {label for label, n in Counter(_label_names(stripped)).items() if n >= 2}
    known = participants | recurring
    lines: list[Line] = []
    speaker = timestamp = ""
    quoted = False  # the speaker was named by a block quote, and speaks only inside it
    chapters = _chapter_lines(stripped)
    for number, line in enumerate(stripped, start=1):
        if number in chapters:  # "1:24:10 Talent: headcounts and pay": a chapter list names no speaker
            own, last = _marks(line)
            lines.append(Line(number, line, "", own or timestamp))
            timestamp = last or timestamp
            continue
        post = _POST_HEADER_RE.match(line[:300])
        if post:  # a copied thread's comment header names who writes below it
            speaker, quoted = post.group("name"), False
            lines.append(Line(number, line, speaker, timestamp, metadata=True))
            continue
        label = _speaker_label(line, known, dialogue=bool(recurring))
        own, last = _marks(line)
        if label is not None:
            speaker, label_time = label
            timestamp = label_time or own or timestamp
            quoted = line.lstrip().startswith(">")
        elif _is_heading(stripped, number - 1) or (quoted and not line.lstrip().startswith(">")):
            speaker, quoted = "", False
        line_time = own or timestamp
        lines.append(Line(number, line, speaker, line_time))
        timestamp = last or timestamp
    return Document(
        name=name,
        path=path,
        text=text,
        title=_title(stripped),
        source_url=_source_url(stripped),
        lines=lines,
    )


_CHAPTER_RE = re.compile(r"^\s*(?:[-*•]\s*)?[(\[]?\d{1,2}:\d{2}(?::\d{2})?[)\]]?\s*[-–—]?\s+(?P<title>\S.{0,79})$")
CHAPTER_RUN_LEAST = 3


def _chapter_lines(lines: list[str]) -> set[int]:
    """Line numbers of chapter lists ("00:00 Intro", "03:12 GPT-5 launch: sizes"): three or more
    lines in a row that are a time and a short title, no sentence."""
    found: set[int] = set()
    run: list[int] = []
    for number, line in enumerate([*lines, ""], start=1):
        m = _CHAPTER_RE.match(line)
        if m and not m.group("title").rstrip().endswith((".", "?", "!", ",")):
            run.append(number)
            continue
        if len(run) >= CHAPTER_RUN_LEAST:
            found.update(run)
        run = []
    return found


def _marks(line: str) -> tuple[str, str]:
    """The first and the last timestamp marker of a line, normalised ("" when none)."""
    if ":" not in line:
        return "", ""
    bare = _BARE_TIME_LINE_RE.match(line)
    if bare:
        time = normalise_timestamp(bare.group("time"))
        return time, time
    times = [t for t in (normalise_timestamp(m.group("time") or m.group("time_cited"))
                         for m in _MARK_RE.finditer(line)) if t]
    opening = _OPENING_TIME_RE.match(line)
    if opening and normalise_timestamp(opening.group("time")):
        times.insert(0, normalise_timestamp(opening.group("time")))
    return (times[0], times[-1]) if times else ("", "")


def _speaker_label(line: str, known: set[str], dialogue: bool) -> tuple[str, str] | None:
    """(speaker, timestamp) when the line opens a turn, else None.

    With a timestamp any person-like label counts. Without one, a label alone on its line
    counts if it reads as a name. A label followed by speech counts for names the header lists
    as participants or that open lines more than once, and, once the document shows it is a
    dialogue that way, for any person-like name; otherwise headings such as
    "Model Comparisons: ..." or "Note: ..." would become people.
    """
    head = line[:200]
    chat = _CHAT_MESSAGE_RE.match(head)
    if chat:  # "[9:02 AM] raj.p: morning": a chat export's author, and the clock time it was sent
        hour, minute = int(chat.group("hour")) % 12, int(chat.group("minute"))
        hour += 12 if chat.group("half").lower() == "p" else 0
        return chat.group("name"), f"{hour:02d}:{minute:02d}:00"
    titled = _NAME_WITH_TITLE_RE.match(head)
    if titled and _is_name(titled.group("name"), strict=True):
        return titled.group("name"), ""  # "Dana Whitcomb, Executive Vice President and CFO:"
    handle = _HANDLE_LINE_RE.match(head)
    if handle:
        return handle.group("name"), ""  # "@kai_tokenomics · Mar 3": a copied post's author
    turn = _CAPTION_TURN_RE.match(head)
    if turn and (turn.group("name") or "").lower() not in _SOUND_TAGS:
        return turn.group("name") or "", ""  # captions: "[Host] Welcome", or ">>" for someone else
    match = _NAME_THEN_TIME_RE.match(head)
    if match is None:
        match = _LABEL_RE.match(head)
        if match is None:
            return None
    name = match.group("name").strip()
    found = match.groupdict()
    time = found.get("before") or found.get("before_cited") or found.get("after") or found.get("after_cited") \
        or found.get("bare")
    rest = match.groupdict().get("rest") or ""
    if found.get("after_cited") and head.lstrip().startswith(">") and 1 <= len(name.split()) <= 4:
        ok = True  # '> **swyx** (Latent Space, [00:31:40]): "..."': a quote cited with its source
    elif time and rest.strip() and name not in known:
        # "**[09:30]** HBM: SK Hynix ships...": in notes whose header names the participants,
        # another label before the text is a topic, not a person
        ok = not known and (_is_name(name, strict=True) or bool(_NUMBERED_SPEAKER_RE.fullmatch(name)))
    elif time:
        ok = _is_name(name, strict=False)
    elif not rest.strip() and len(line) <= 200:
        ok = _is_name(name, strict=False) and (name in known or _is_name(name, strict=True))
    else:
        person = _is_name(name, strict=True) or bool(_NUMBERED_SPEAKER_RE.fullmatch(name))
        person = person or name in _INTERVIEW_LABELS
        ok = person and (name in known or dialogue) and not _is_title(rest)
    if not ok:
        return None
    return name, normalise_timestamp(time) if time else ""


def _is_title(text: str) -> bool:
    """A heading's words ("Huawei Ascend: Shipments, Performance and Packaging"), not speech:
    short, without a sentence's end, most longer words capitalised."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return 0 < len(text.split()) <= TITLE_MOST_WORDS and not text.rstrip().endswith(_SENTENCE_ENDS) \
        and sum(w[0].isupper() for w in words) >= TITLE_CAPITALISED * len(words)


_INTERVIEW_LABELS = frozenset({"Q", "A"})  # a print interview's question and answer
TITLE_MOST_WORDS = 12
TITLE_CAPITALISED = 0.6
_SENTENCE_ENDS = (".", "?", "!", "\"", "”", "…")


def _label_names(lines: list[str]) -> list[str]:
    """Every name-like label that opens a line, to find the ones a conversation repeats."""
    names = []
    for line in lines:
        match = _LABEL_RE.match(line[:200])
        if match and _is_name(match.group("name").strip(), strict=False):
            names.append(match.group("name").strip())
    return names


def _is_name(name: str, strict: bool) -> bool:
    """A person-like name: 1-4 capitalised words (strict: 'Dylan Patel'; loose also 'SPEAKER 1')."""
    words = name.split()
    if not 1 <= len(words) <= 4 or words[0].lower().strip(".") in _NOT_SPEAKERS:
        return False
    first = words[0]
    if first.lower() in _PARTICLES or first.isdigit() or not _LOOSE_WORD_RE.match(first):
        return False
    pattern = _NAME_WORD_RE if strict else _LOOSE_WORD_RE
    return all(pattern.match(w) or w.lower() in _PARTICLES for w in words)


def _participants(header: list[str]) -> set[str]:
    """Names given by header metadata such as '**Guest:** Dylan Patel (Analyst)'."""
    names: set[str] = set()
    for line in header:
        match = _META_RE.match(line[:300])
        if not match or match.group(1).strip().lower() not in _PARTICIPANT_KEYS:
            continue
        value = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", match.group(2)).replace("**", "")
        for part in re.split(r",|;|&|/|\band\b|和|与", value):
            part = part.strip(" .")
            if _is_name(part, strict=True):
                names.add(part)
    return names


def _is_heading(lines: list[str], index: int) -> bool:
    """A section heading ends the current speaker's turn (Markdown '#', a rule, or a title line)."""
    line = lines[index]
    if _HEADING_MD_RE.match(line) or _RULE_RE.match(line):
        return True
    text = line.strip()
    if not text or len(text) > HEADING_MAX or text.endswith(_TERMINAL):
        return False
    before = lines[index - 1].strip() if index > 0 else ""
    after = lines[index + 1].strip() if index + 1 < len(lines) else ""
    if before or after:
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]*", text)
    if not words:
        return len(text) <= 40 and bool(_CJK_RE.search(text))
    if len(words) < 2 or not text[0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS or len(w) < 4 for w in words)


def _title(lines: list[str]) -> str:
    for line in lines:
        text = _HEADING_MD_RE.sub("", line).strip()
        if text.startswith("**") and text.endswith("**") and len(text) > 4:
            text = text[2:-2].strip()
        if text:
            return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1].rstrip() + "…"
    return ""


def _source_url(lines: list[str]) -> str:
    """The recording or page address from the header, preferring lines labelled URL/Video/Source."""
    header: list[str] = []
    for line in lines[:HEADER_LINES]:
        if _marks(line)[0]:
            break
        header.append(line)
    found = [(m.group(0).rstrip(".,;:!?*"), line) for line in header for m in _URL_RE.finditer(line)]
    if not found:
        return ""
    labelled = [url for url, line in found if _URL_KEY_RE.search(line.split("http", 1)[0])]
    return _without_time(labelled[0] if labelled else found[0][0])
