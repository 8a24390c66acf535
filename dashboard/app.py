"""claimboard: the Streamlit page. Layout only; every computation lives in dashboard.data/charts.

Run from the repository root with `streamlit run dashboard/app.py`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run` puts only dashboard/ on the path
    sys.path.insert(0, str(ROOT))

import pandas as pd
import streamlit as st

from dashboard import charts, data

TABLE_ROWS = 500
COMPARE_CHOICES = 1000
QUOTE_CARDS = 12  # a claim's quotes shown in full; the table above lists every mention
FILTER_LABELS = {
    "topic": "Topic", "entity": "Entity", "doc": "Document", "speaker": "Speaker",
    "dimension": "Dimension", "qualifier": "Qualifier",
}
FILE_NAME = "claimboard-claims"


def claim_columns() -> dict:
    """Column settings shared by the mentions table and the ledger."""
    return {
        "claim": st.column_config.TextColumn("Claim", width=120),
        "subject": st.column_config.TextColumn("Subject", width="medium"),
        "entity": st.column_config.TextColumn("Entity"),
        "topic": st.column_config.TextColumn("Topic"),
    }


def escape_markdown(text: str) -> str:
    """Text shown through a markdown-rendering element appears literally ('$' is not maths)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", text)


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_facts(path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    """The facts table, read once per file version and shared read-only (no copy per rerun)."""
    return data.read_facts(path)


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_claims(path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    """The claims table beside the facts, read once per file version."""
    return data.read_claims(path)


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_ledger(key: tuple, _frame: pd.DataFrame, _claims: pd.DataFrame | None) -> data.Ledger:
    """The ledger of one table version plus one set of added documents (`key` names them)."""
    return data.ledger_for(_frame, _claims)


def build_default_table(outdated: bool) -> None:
    """Extract the bundled seeds into data/facts.parquet, showing which document is being read."""
    why = ("The facts table was built by an older version of the extractor" if outdated
           else "No facts table yet")
    bar = st.progress(0.0, text=f"{why}: extracting claims from the bundled documents…")

    def step(done: int, total: int, name: str) -> None:
        text = (f"Extracting claims from {name} ({done + 1} of {total})" if name
                else "Grouping mentions into claims and saving the tables…")
        bar.progress(done / total if total else 1.0, text=text)

    with st.spinner("Building the facts table from seeds/ (only needed once)…"):
        built = data.build_facts(data.SEEDS_DIR, data.DEFAULT_FACTS, step)
    bar.empty()
    for error in built.errors:
        st.warning(escape_markdown(error))
    if not built.written:
        st.session_state["unsaved_facts"] = data.prepare(built.frame)
        st.session_state["unsaved_claims"] = built.claims


def load_facts() -> pd.DataFrame:
    """The table named by CLAIMBOARD_FACTS, or data/facts.parquet built from seeds/ when it is
    missing or was made by another version of the extractor."""
    path = data.facts_path()
    if "unsaved_facts" in st.session_state:
        return st.session_state["unsaved_facts"]
    if path != data.DEFAULT_FACTS:
        if not path.exists():
            st.error(escape_markdown(f"{path}: no such file (named by the {data.FACTS_ENV} "
                                     "environment variable)"))
            st.stop()
    elif not data.table_is_current(path):
        build_default_table(outdated=path.exists())
        if "unsaved_facts" in st.session_state:
            return st.session_state["unsaved_facts"]
    stat = path.stat()
    try:
        return cached_facts(str(path), stat.st_mtime_ns, stat.st_size)
    except data.FactsError as exc:
        st.error(escape_markdown(str(exc)))
        st.stop()


def file_version(path: Path) -> tuple[int, int] | None:
    """(mtime, size) of a file, so caches notice a rewritten table; None when it does not exist."""
    if not path.is_file():
        return None
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


def stored_claims(path: Path) -> pd.DataFrame | None:
    """The claims table written beside the facts table, if there is a readable one."""
    if "unsaved_facts" in st.session_state:
        return st.session_state.get("unsaved_claims")
    file = data.claims_path(path)
    version = file_version(file)
    if version is None:
        return None
    try:
        return cached_claims(str(file), *version)
    except data.FactsError as exc:
        st.warning(escape_markdown(f"{exc}; grouping the mentions here instead"))
        return None


def load_ledger(frame: pd.DataFrame, added: pd.DataFrame) -> data.Ledger | None:
    """The claims ledger of what is shown: the stored claims table when it covers every mention,
    otherwise grouped here once per table version and set of added documents."""
    path = data.facts_path()
    claims = stored_claims(path)
    unsaved = data.content_key(frame) if "unsaved_facts" in st.session_state else ""
    key = (str(path), file_version(path), file_version(data.claims_path(path)), unsaved,
           data.content_key(added))
    try:
        with st.spinner("Grouping mentions into claims…"):
            return cached_ledger(key, frame, claims)
    except data.LedgerTooLarge as exc:
        st.info(str(exc))
        return None


def added_store() -> dict[str, data.Added]:
    """Uploaded files already extracted this session (file id -> result); survives tab switches."""
    return st.session_state.setdefault("added_files", {})


def add_documents_section(taken: list[str]) -> None:
    """Uploader for extra transcripts; their claims join the table for this session only."""
    st.subheader("Add your own transcripts")
    st.caption(f"Plain text or Markdown (.txt, .md), UTF-8 or UTF-16, up to {data.UPLOAD_LIMIT_MB} MB "
               "per file. Claims are extracted here and shown alongside the bundled documents "
               "until you close the page; nothing is saved.")
    files = st.file_uploader(
        "Transcripts to add", type=["txt", "md"], accept_multiple_files=True,
        key=f"upload_{st.session_state.get('upload_round', 0)}",
        max_upload_size=data.UPLOAD_LIMIT_MB,
    ) or []
    store = added_store()
    names = [name for added in store.values() for name in added.documents]
    for file in files:
        if file.file_id not in store:
            with st.spinner(f"Extracting claims from {file.name}…"):
                store[file.file_id] = data.extract_uploads([(file.name, file.getvalue())], taken + names)
            names.extend(store[file.file_id].documents)
    for added in store.values():
        for error in added.errors:
            st.error(escape_markdown(error))
    if names:
        claims = sum(len(added.frame) for added in store.values())
        st.success(f"Added {len(names)} document(s) with {claims:,} claims; they appear in every tab.")
        st.button("Remove added documents", on_click=remove_added, key="remove_added")


def remove_added() -> None:
    """Forget the added documents and empty the uploader (a new key gives a fresh widget)."""
    added_store().clear()
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1


def added_claims() -> pd.DataFrame:
    """Claims of every document added this session."""
    frames = [added.frame for added in added_store().values() if not added.frame.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def with_uploads(base: pd.DataFrame, added: pd.DataFrame) -> pd.DataFrame:
    """Base table plus uploaded claims, recombined only when the uploads change."""
    if added.empty:
        return base
    key = (id(base), tuple(sorted(st.session_state.get("added_files", {}))), len(added))
    memo = st.session_state.get("combined")
    if memo is None or memo[0] != key:
        memo = (key, data.with_added(base, added))
        st.session_state["combined"] = memo
    return memo[1]


def current_values(key: str, allowed: list[str]) -> list[str]:
    """A filter's selection before its widget is drawn (from this session or from the URL)."""
    values = st.session_state[key] if key in st.session_state else st.query_params.get_all(key)
    allowed_set = set(allowed)
    return [v for v in values if v in allowed_set]


def seed_from_url(key: str, allowed: list[str], many: bool = False) -> None:
    """On a session's first run, start a URL-bound widget from the link's value (if valid)."""
    if key in st.session_state or key not in st.query_params:
        return
    values = current_values(key, allowed)
    if many:
        st.session_state[key] = values
    elif values:
        st.session_state[key] = values[0]


def sync_url(default_chart: str) -> None:
    """Write the view (filters and chart choices) into the address bar, so a copied link reopens it."""
    state = st.session_state
    params: dict[str, str | list[str]] = {k: list(state[k]) for k in FILTER_LABELS if state.get(k)}
    if str(state.get("q", "")).strip():
        params["q"] = str(state["q"]).strip()
    for key, default in (("view", VIEWS[0]), ("chart", default_chart), ("color", "topic"),
                         ("scale", "auto")):
        # A widget of a closed tab did not run: keep what the link asked for.
        value = state.get(key) if key in state else st.query_params.get(key)
        if value and value != default:
            params[key] = str(value)
    conflicts = state["conflicts"] if "conflicts" in state else st.query_params.get("conflicts") == "1"
    if conflicts:
        params["conflicts"] = "1"
    claim = state.get("ledger_claim") if "ledger_claim" in state else st.query_params.get("claim")
    if claim and params.get("view") == "Ledger":
        params["claim"] = str(claim)
    now = {k: (v if len(v) > 1 or k in FILTER_LABELS else v[0])
           for k in st.query_params for v in [st.query_params.get_all(k)]}
    if now != params:
        st.query_params.from_dict(params)


def clear_filters() -> None:
    for key in FILTER_LABELS:
        st.session_state[key] = []
    st.session_state["q"] = ""


def filter_sidebar(frame: pd.DataFrame) -> data.Filters:
    """Filter widgets bound to the URL; each option and each filter shows how many claims match."""
    sidebar = st.sidebar
    sidebar.header("Filters")
    choices = {column: data.options(frame, column) for column in FILTER_LABELS}
    for column in FILTER_LABELS:
        seed_from_url(column, choices[column], many=True)
    if "q" not in st.session_state and "q" in st.query_params:
        st.session_state["q"] = st.query_params["q"]
    search_now = st.session_state.get("q", "")
    current = data.Filters(
        **{column: tuple(current_values(column, choices[column])) for column in FILTER_LABELS},
        search=search_now,
    )
    masks = data.filter_masks(frame, current)
    total = int(data.combine(masks, len(frame)).sum())
    sidebar.markdown(f"**{total:,}** of {len(frame):,} claims match")
    search = sidebar.text_input("Search subjects and quotes", key="q",
                                placeholder="e.g. H100, rent, Meta")
    if search.strip():
        sidebar.caption(f"{int(masks['search'].sum()):,} claims contain “{search.strip()}”")
    selected = {}
    for column, label in FILTER_LABELS.items():
        counts = data.facet_counts(frame, masks, column)
        selected[column] = sidebar.multiselect(
            label, choices[column], key=column,
            format_func=lambda v, c=counts: f"{v} ({c.get(v, 0):,})",
            placeholder=f"All ({len(choices[column]):,})",
        )
        if selected[column]:
            sidebar.caption(f"{int(masks[column].sum()):,} claims match this filter")
    sidebar.button("Clear filters", on_click=clear_filters, width="stretch")
    return data.Filters(**{c: tuple(v) for c, v in selected.items()}, search=search)


def claims_tab(filtered: pd.DataFrame) -> None:
    shown = min(len(filtered), TABLE_ROWS)
    note = "" if shown == len(filtered) else f"the first {shown:,} of "
    st.caption(f"Showing {note}{len(filtered):,} matching claims. Each source link opens the "
               "recording at the moment the claim was made when the document gives a video address.")
    st.dataframe(
        data.display_table(filtered, TABLE_ROWS),
        hide_index=True,
        width="stretch",
        column_config={
            **claim_columns(),
            "speaker": st.column_config.TextColumn("Speaker"),
            "time": st.column_config.TextColumn("Time", width="small"),
            "document": st.column_config.TextColumn("Document"),
            "quote": st.column_config.TextColumn("Quote", width="large"),
            "source": st.column_config.LinkColumn("Source", display_text="open ↗", width="small"),
            "id": None,
        },
    )
    st.caption("Download the matching claims with every column of the facts table:")
    columns = st.columns(3)
    downloads = (
        ("CSV", "csv", "text/csv", data.to_csv_bytes),
        ("JSON", "json", "application/json", data.to_json_bytes),
        ("Parquet", "parquet", "application/vnd.apache.parquet", data.to_parquet_bytes),
    )
    for column, (label, suffix, mime, writer) in zip(columns, downloads, strict=True):
        column.download_button(
            f"Download {label}", data=lambda w=writer: w(filtered), file_name=f"{FILE_NAME}.{suffix}",
            mime=mime, key=f"download_{suffix}", on_click="ignore", width="stretch",
        )


def ledger_tab(frame: pd.DataFrame, filtered: pd.DataFrame, added: pd.DataFrame) -> None:
    """One row per fact with its evidence; a chosen claim shows every mention and any conflict."""
    ledger = load_ledger(frame, added)
    if ledger is None:
        return
    st.caption("Each row is one claim: the same figure about the same thing, however many times and "
               "places it was said. Sources counts distinct episodes (a summary and a transcript of "
               "one interview are one source). A claim is listed when any of its mentions match the "
               "filters.")
    if "conflicts" not in st.session_state and "conflicts" in st.query_params:
        st.session_state["conflicts"] = st.query_params["conflicts"] == "1"
    only = st.checkbox("Only conflicts", key="conflicts", persist_state="session",
                       help="Claims whose mentions disagree (such as a decimal point lost in "
                            "transcription) or that contradict another claim about the same subject.")
    matched = data.matching_claims(ledger, filtered)
    conflicts = int(matched["conflict"].sum())
    claims = matched[matched["conflict"]] if only else matched
    shown = min(len(claims), TABLE_ROWS)
    note = "" if shown == len(claims) else f" Showing the first {shown:,}."
    st.caption(f"The {len(filtered):,} matching mentions make {len(matched):,} claims, "
               f"{conflicts:,} of them with a conflict.{note}")
    if claims.empty:
        st.info("No claim matches the filters.")
        return
    st.dataframe(
        data.ledger_table(claims, TABLE_ROWS),
        hide_index=True,
        width="stretch",
        key="ledger_table",
        column_config={
            **claim_columns(),
            "mentions": st.column_config.NumberColumn("Mentions", width="small"),
            "sources": st.column_config.NumberColumn("Sources", width="small"),
            "conflict": st.column_config.TextColumn("Conflict", width="small"),
            "documents": st.column_config.TextColumn("Documents", width="medium"),
            "id": st.column_config.TextColumn("Id", width="small"),
        },
    )
    st.download_button("Download these claims (CSV)", data=lambda: data.claims_csv_bytes(claims),
                       file_name="claimboard-ledger.csv", mime="text/csv", key="download_ledger",
                       on_click="ignore")
    head = claims.head(COMPARE_CHOICES)
    records = {str(r["claim_id"]): r for r in head.to_dict("records")}
    if "ledger_claim" not in st.session_state and st.query_params.get("claim") in records:
        st.session_state["ledger_claim"] = st.query_params["claim"]  # a shared link names a claim
    if st.session_state.get("ledger_claim") not in records:
        st.session_state.pop("ledger_claim", None)
    chosen = st.selectbox("Claim to inspect", list(records), key="ledger_claim",
                          format_func=lambda i: data.claim_option_label(records[i]))
    claim = records[chosen]
    for line in data.conflict_summary(claim):
        st.warning(escape_markdown(line))
    st.caption(escape_markdown(f"Why these mentions are one claim: {claim['why']}"))
    mentions = data.claim_mentions(frame, ledger, chosen)
    st.dataframe(
        mentions.drop(columns="quote"),
        hide_index=True,
        width="stretch",
        key="ledger_mentions",
        column_config={
            "document": st.column_config.TextColumn("Document"),
            "line": st.column_config.NumberColumn("Line", width="small", format="%d"),
            "speaker": st.column_config.TextColumn("Speaker"),
            "time": st.column_config.TextColumn("Time", width="small"),
            "lang": st.column_config.TextColumn("Lang", width="small"),
            "said": st.column_config.TextColumn("As said"),
            "claim": st.column_config.TextColumn("Reads as"),
            "source": st.column_config.LinkColumn("Source", display_text="open ↗", width="small"),
        },
    )
    quote_cards(mentions)


def quote_cards(mentions: pd.DataFrame) -> None:
    """The mentions' quotes in full, side by side, as plain text (never markdown)."""
    shown = mentions.head(QUOTE_CARDS).to_dict("records")
    more = f" (the first {QUOTE_CARDS} of {len(mentions)})" if len(mentions) > QUOTE_CARDS else ""
    st.caption(f"What each mention says{more}:")
    width = min(3, len(shown))
    for start in range(0, len(shown), width):
        for column, mention in zip(st.columns(width), shown[start:start + width], strict=False):
            where = " · ".join(str(part) for part in (
                f"{mention['document']}:{mention['line']}", mention["speaker"], mention["time"],
                mention["lang"]) if part)
            with column.container(border=True):
                st.caption(escape_markdown(where))
                st.text(mention["quote"])


def chart_tab(filtered: pd.DataFrame) -> None:
    dimensions = data.dimensions_by_count(filtered)
    if not dimensions:
        st.info("No claims with a number match the filters.")
        return
    counts = filtered["dimension"].value_counts()
    seed_from_url("chart", dimensions)
    seed_from_url("color", ["topic", "entity"])
    seed_from_url("scale", ["auto", "linear", "log"])
    left, middle, right, last = st.columns([3, 2, 2, 2])
    dimension = left.selectbox(
        "Dimension", dimensions, key="chart", persist_state="session",
        format_func=lambda d: f"{d} ({int(counts.get(d, 0)):,} claims)",
        help="Only claims of one dimension share an axis, so like is compared with like.",
    )
    subset = data.dimension_claims(filtered, dimension)
    if subset.empty:
        st.info(f"No claim of {dimension} carries a number.")
        return
    choices = data.axis_units(str(subset["base_unit"].iloc[0]))
    default = data.default_axis(choices, subset["base_value"])
    axis = middle.selectbox("Unit", choices, index=choices.index(default), key=f"axis:{dimension}",
                            format_func=lambda a: a.label, persist_state="session")
    color_by = right.radio("Colour by", ["topic", "entity"], horizontal=True, key="color",
                           persist_state="session")
    scale = last.radio("Scale", ["auto", "linear", "log"], horizontal=True, key="scale",
                       persist_state="session",
                       help="Auto uses a log scale when values span more than two orders of magnitude.")
    chart = data.chart_data(filtered, dimension, axis, color_by, scale)
    figure = charts.value_figure(chart, color_by)
    st.plotly_chart(figure, width="stretch", config=charts.png_config(dimension),
                    key="value_chart")
    how = "each claim" if chart.points is not None else "how many claims fall in each range"
    st.caption(f"{chart.total:,} claims of {dimension}, showing {how}"
               f"{' on a log scale' if chart.log else ''}. Bars are stated ranges; hover for the "
               "quote and source; the camera icon saves the chart as PNG.")


def compare_tab(filtered: pd.DataFrame) -> None:
    st.caption("Pick two or more claims of the same dimension; each is compared with the first. "
               f"The list holds the first {COMPARE_CHOICES:,} matching claims: filter by dimension "
               "or search to find others.")
    head = filtered.head(COMPARE_CHOICES)
    labels = {str(r["mention_id"]): data.compare_option_label(r) for r in head.to_dict("records")}
    chosen = st.multiselect("Claims to compare", list(labels), key="compare", persist_state="session",
                            format_func=lambda i: labels.get(i, i),
                            placeholder="Choose claims…")
    if len(chosen) < 2:
        st.info("Choose at least two claims to compare.")
        return
    rows = head.set_index(head["mention_id"].astype(str)).loc[chosen].reset_index(drop=True)
    try:
        result = data.compare_claims(rows)
    except data.CompareError as exc:
        st.error(str(exc))
        return
    for sentence in result.sentences:
        st.success(escape_markdown(sentence))
    st.dataframe(result.table, hide_index=True, width="stretch")


def overview_tab(filtered: pd.DataFrame) -> None:
    left, right = st.columns(2)
    topics = filtered["topic"].value_counts()
    left.plotly_chart(charts.overview_figure(topics, "Claims per topic"), width="stretch",
                      config=charts.png_config("claims per topic"), key="topics_chart")
    docs = filtered["doc"].value_counts().head(30)
    title = "Claims per document" + (" (30 with most claims)" if filtered["doc"].nunique() > 30 else "")
    right.plotly_chart(charts.overview_figure(docs, title), width="stretch",
                       config=charts.png_config("claims per document"), key="docs_chart")


VIEWS = ("Claims", "Ledger", "Chart", "Compare", "Overview", "Add documents")


def main() -> None:
    st.set_page_config(page_title="claimboard", page_icon="📊", layout="wide")
    st.title("claimboard")
    st.markdown("Every number said in AI and chip-industry podcasts (prices, GPU counts, shares, "
                "power) as a claim you can filter, chart, compare and trace back to its source.")
    summary = st.empty()
    base = load_facts()
    seed_from_url("view", list(VIEWS))
    # Only the open tab runs, so a big table costs one view's work per rerun.
    tabs = dict(zip(VIEWS, st.tabs(VIEWS, key="view", on_change="rerun"), strict=True))
    if tabs["Add documents"].open:
        with tabs["Add documents"]:
            add_documents_section(data.options(base, "doc"))
    added = added_claims()
    frame = with_uploads(base, added)
    filters = filter_sidebar(frame)
    filtered = data.apply_filters(frame, filters)
    docs = filtered["doc"].nunique()
    summary.caption(f"{len(filtered):,} claims from {docs:,} documents match the filters "
                    f"(of {len(frame):,} claims in {data.facts_path().name}"
                    f"{' and added documents' if not added.empty else ''}).")
    views = {"Claims": claims_tab, "Chart": chart_tab, "Compare": compare_tab, "Overview": overview_tab}
    for name, show in views.items():
        if tabs[name].open:
            with tabs[name]:
                show(filtered)
    if tabs["Ledger"].open:
        with tabs["Ledger"]:
            ledger_tab(frame, filtered, added)
    dimensions = data.dimensions_by_count(filtered)
    sync_url(dimensions[0] if dimensions else "")


main()
