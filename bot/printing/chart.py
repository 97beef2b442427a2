"""The statistics chart: numbers in, PNG bytes out (matplotlib, no screen needed)."""

from __future__ import annotations

import io

from bot.domain.stats import SchoolStats, percent
from bot.texts import stats as texts

WIDTH_PX, HEIGHT_PX, DPI = 1000, 600, 100


def render_stats_chart(stats: SchoolStats) -> bytes:
    import matplotlib

    matplotlib.use("Agg")  # no display: render straight to a file
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    joined_ax, messages_ax = figure.subplots(1, 2)
    names = [str(c.class_name) for c in stats.classes] or ["—"]
    positions = list(range(len(names)))
    pupils = [percent(c.pupils_joined, c.pupils) for c in stats.classes] or [0]
    parents = [percent(c.parents_joined, c.parents) for c in stats.classes] or [0]
    width = 0.4
    joined_ax.bar([x - width / 2 for x in positions], pupils, width, label=texts.CHART_PUPILS)
    joined_ax.bar([x + width / 2 for x in positions], parents, width, label=texts.CHART_PARENTS)
    joined_ax.set_ylim(0, 100)
    joined_ax.set_title(texts.CHART_JOINED)
    joined_ax.set_xticks(positions, names)
    joined_ax.legend()
    messages_ax.bar(positions, [c.messages for c in stats.classes] or [0], color="tab:green")
    messages_ax.set_title(texts.CHART_MESSAGES)
    messages_ax.set_xticks(positions, names)
    figure.suptitle(
        texts.CHART_TITLE.format(since=f"{stats.since:%d.%m.%Y}", until=f"{stats.until:%d.%m.%Y}")
    )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
