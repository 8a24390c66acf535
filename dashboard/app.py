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
FILTER_LABELS = {
    "topic": "Topic", "entity": "Entity", "doc": "Document", "speaker": "Speaker",
    "dimension": "Dimension", "qualifier": "Qualifier",
}
FILE_NAME = "claimboard-claims"


def escape_markdown(text: str) -> str:
    """Text shown through a markdown-rendering element appears literally ('$' is not maths)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", text)


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_facts(path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    """The facts table, read once per file version and shared read-only (no copy per rerun)."""
    return data.read_facts(path)


def build_default_table() -> None:
    """Extract the bundled seeds into data/facts.parquet, showing which document is being read."""
    bar = st.progress(0.0, text="No facts table yet: extracting claims from the bundled documents…")

    def step(done: int, total: int, name: str) -> None:
        text = f"Extracting claims from {name} ({done + 1} of {total})" if name else "Saving the facts table…"
        bar.progress(done / total if total else 1.0, text=text)

    with st.spinner("Building the facts table from seeds/ (only needed once)…"):
        built = data.build_facts(data.SEEDS_DIR, data.DEFAULT_FACTS, step)
    bar.empty()
    for error in built.errors:
        st.warning(escape_markdown(error))
    if not built.written:
        st.session_state["unsaved_facts"] = data.prepare(built.frame)


def load_facts() -> pd.DataFrame:
    """The table named by CLAIMBOARD_FACTS or data/facts.parquet, built from seeds/ if missing."""
    path = data.facts_path()
    if "unsaved_facts" in st.session_state:
        return st.session_state["unsaved_facts"]
    if not path.exists():
        if path != data.DEFAULT_FACTS:
            st.error(escape_markdown(f"{path}: no such file (named by the {data.FACTS_ENV} "
                                     "environment variable)"))
            st.stop()
        build_default_table()
        if "unsaved_facts" in st.session_state:
            return st.session_state["unsaved_facts"]
    stat = path.stat()
    try:
        return cached_facts(str(path), stat.st_mtime_ns, stat.st_size)
    except data.FactsError as exc:
        st.error(escape_markdown(str(exc)))
        st.stop()


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
            "claim": st.column_config.TextColumn("Claim", width=120),
            "subject": st.column_config.TextColumn("Subject", width="medium"),
            "entity": st.column_config.TextColumn("Entity"),
            "topic": st.column_config.TextColumn("Topic"),
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


VIEWS = ("Claims", "Chart", "Compare", "Overview", "Add documents")


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
    dimensions = data.dimensions_by_count(filtered)
    sync_url(dimensions[0] if dimensions else "")


main()
