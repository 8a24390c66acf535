"""Plotly figures for the dashboard: claims on a common axis, their distribution, and an overview.

Tick labels are written by `data.format_number` ("300k", "1.5", "$10B") rather than plotly's SI
format, which would print "10G" for ten billion dollars. Document text reaches a figure only in
hover labels, HTML-escaped, because plotly reads a subset of HTML there.
"""

from __future__ import annotations

import html
import math
import re
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.data import ChartData, format_number, format_quantity, unit_style

PALETTE = ("#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#B279A2", "#FF9DA6",
           "#9D755D", "#BAB0AC", "#EECA3B", "#2E86AB", "#6C8EBF")
FONT = {"family": "Inter, Source Sans Pro, sans-serif", "size": 13}


def png_config(name: str) -> dict:
    """Plotly config with the PNG download button always shown and a file name saying what it is."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "chart"
    return {
        "displaylogo": False,
        "displayModeBar": True,
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "toImageButtonOptions": {"format": "png", "filename": f"claimboard-{slug}", "scale": 2},
    }


def _hover_text(text: str, width: int = 70, limit: int = 320) -> str:
    """Document text made safe and readable for a hover label: escaped, shortened, wrapped."""
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return "<br>".join(html.escape(part) for part in textwrap.wrap(text, width)) or "—"


def nice_ticks(low: float, high: float, log: bool) -> list[float]:
    """About five round tick positions between `low` and `high` (powers of ten on a log axis)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return []
    if log:
        low, high = max(low, 1e-300), max(high, 1e-300)
        first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
        step = max(1, math.ceil((last - first) / 8))
        ticks = [10.0**e for e in range(first, last + 1, step)]
        if last - first <= 2:
            ticks = sorted({t * m for t in ticks for m in (1, 2, 5)})
        return [t for t in ticks if low / 10 <= t <= high * 10]
    if high == low:
        high, low = high + (abs(high) or 1), low - (abs(low) or 1)
    raw = (high - low) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    return list(np.round(np.arange(start, high + step * 1.01, step), 12))


def _axis_ticks(values: np.ndarray, log: bool, prefix: str = "") -> dict:
    finite = values[np.isfinite(values)]
    if log:
        finite = finite[finite > 0]
    if not len(finite):
        return {}
    ticks = nice_ticks(float(finite.min()), float(finite.max()), log)
    return {"tickmode": "array", "tickvals": ticks, "ticktext": [prefix + format_number(t) for t in ticks]}


def axis_title(chart: ChartData) -> str:
    """'currency rate (USD/month)', 'count of GPUs (thousands)'."""
    axis = chart.axis
    if axis.scale:
        word = {"k": "thousands", "M": "millions", "B": "billions", "T": "trillions"}[axis.scale]
        unit = "" if axis.unit in ("dimensionless", "") else f"{axis.unit}, "
        return f"{chart.dimension} ({unit}{word})"
    if axis.unit in ("dimensionless", ""):
        return chart.dimension
    return f"{chart.dimension} ({axis.unit if axis.label == 'plain' else axis.label})"


def value_figure(chart: ChartData, color_by: str) -> go.Figure:
    """Claims on a common axis (one row each, or one row per group when many), ranges as error bars."""
    if chart.points is None:
        return distribution_figure(chart)
    points = chart.points
    figure = go.Figure()
    groups = list(dict.fromkeys(points["group"]))
    for index, group in enumerate(groups):
        part = points[points["group"] == group]
        figure.add_trace(go.Scatter(
            x=part["x"], y=part["row"], mode="markers", name=str(group), opacity=0.8,
            marker={"size": 11, "color": PALETTE[index % len(PALETTE)], "line": {"width": 1, "color": "white"}},
            error_x={"type": "data", "symmetric": False, "array": part["x_high"] - part["x"],
                         "arrayminus": part["x"] - part["x_low"], "thickness": 1.5, "width": 4},
            customdata=np.stack([
                [html.escape(c) for c in part["claim"]],
                [_axis_value(x, chart) for x in part["x"]],
                [html.escape(t) for t in part["subject"]],
                [_hover_text(q) for q in part["quote"]],
                [html.escape(s) for s in part["source"]],
            ], axis=-1),
            hovertemplate="<b>%{customdata[0]}</b> (%{customdata[1]}) %{customdata[2]}"
                          "<br>“%{customdata[3]}”<br><i>%{customdata[4]}</i>"
                          "<extra>%{fullData.name}</extra>",
        ))
    x_all = np.concatenate([points["x_low"], points["x_high"], points["x"]])
    figure.update_layout(
        height=max(320, 110 + 30 * points["row"].nunique()),
        margin={"l": 10, "r": 20, "t": 40, "b": 50},
        legend={"title": color_by, "orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        font=FONT,
        hoverlabel={"align": "left"},
        plot_bgcolor="white",
    )
    figure.update_xaxes(title=axis_title(chart), type="log" if chart.log else "linear",
                        gridcolor="#eee", zeroline=False,
                        **_axis_ticks(x_all, chart.log, unit_style(chart.axis.unit).prefix))
    figure.update_yaxes(autorange="reversed", automargin=True, gridcolor="#f5f5f5")
    return figure


def _axis_value(x: float, chart: ChartData) -> str:
    if chart.axis.scale:
        return format_number(x) + chart.axis.scale
    return format_quantity(x, chart.axis.unit)


def distribution_figure(chart: ChartData) -> go.Figure:
    """Claims counted per value range, stacked by group, for dimensions with too many claims to list."""
    bins = chart.bins if chart.bins is not None else pd.DataFrame(columns=["left", "right", "group", "count"])
    figure = go.Figure()
    edges = sorted(set(bins["left"]))
    names = {left: f"{format_number(left)}–{format_number(right)}"
             for left, right in zip(bins["left"], bins["right"], strict=True)}
    order = [names[e] for e in edges]
    for index, group in enumerate(dict.fromkeys(bins["group"])):
        part = bins[bins["group"] == group]
        figure.add_trace(go.Bar(
            x=[names[v] for v in part["left"]], y=part["count"], name=str(group) or "(none)",
            marker_color=PALETTE[index % len(PALETTE)],
            hovertemplate="%{x}: %{y:,} claims<extra>%{fullData.name}</extra>",
        ))
    figure.update_layout(
        barmode="stack", height=420, margin={"l": 10, "r": 20, "t": 40, "b": 60}, font=FONT,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0}, plot_bgcolor="white",
        bargap=0.05,
    )
    scale = "log-spaced ranges" if chart.log else "equal ranges"
    figure.update_xaxes(title=f"{axis_title(chart)}, {scale}", type="category",
                        categoryorder="array", categoryarray=order)
    figure.update_yaxes(title="claims", gridcolor="#eee", tickformat=",d")
    return figure


def overview_figure(counts: pd.Series, title: str) -> go.Figure:
    """Claims per topic or per document as horizontal bars, largest first."""
    counts = counts[counts > 0].sort_values(ascending=False)
    figure = go.Figure(go.Bar(
        x=counts.to_numpy(), y=[str(i) for i in counts.index], orientation="h",
        marker_color=PALETTE[0], text=[f"{n:,}" for n in counts.to_numpy()], textposition="outside",
        textangle=0, cliponaxis=False,
        hovertemplate="%{y}: %{x:,} claims<extra></extra>",
    ))
    figure.update_layout(
        title={"text": title, "font": {"size": 15}}, font=FONT, plot_bgcolor="white",
        height=max(260, 90 + 26 * len(counts)), margin={"l": 10, "r": 20, "t": 50, "b": 40},
    )
    figure.update_xaxes(title="claims", gridcolor="#eee", tickformat=",d")
    figure.update_yaxes(autorange="reversed", automargin=True)
    return figure
