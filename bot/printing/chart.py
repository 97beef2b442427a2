"""The statistics chart: numbers in, PNG bytes out (matplotlib, no screen needed).

Legible at a real school's size: classes run down the page (horizontal bars), so their names
never overlap however many there are; the picture grows a row per class, and a school with more
than `CLASSES_PER_PAGE` classes gets several pictures rather than a crowded one.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from bot.domain.stats import ClassStats, SchoolStats, percent
from bot.texts import stats as texts

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH_PX, HEIGHT_PX, DPI = 1000, 400, 100  # HEIGHT_PX: the least; it grows a row a class
ROW_PX = 30  # per class: two thin bars and a readable name
CHROME_PX = 140  # titles, axes and legend
CLASSES_PER_PAGE = 36


def pages(stats: SchoolStats) -> list[list[ClassStats]]:
    """The classes in order (1А … 11Б), cut into pages of at most CLASSES_PER_PAGE."""
    ordered = sorted(stats.classes, key=lambda c: c.class_name)
    if not ordered:
        return [[]]
    count = -(-len(ordered) // CLASSES_PER_PAGE)
    size = -(-len(ordered) // count)  # even pages: 40 classes are 20 + 20, not 36 + 4
    return [ordered[i : i + size] for i in range(0, len(ordered), size)]


def height_px(rows: int) -> int:
    return max(HEIGHT_PX, CHROME_PX + ROW_PX * rows)


def render_stats_charts(stats: SchoolStats) -> list[bytes]:
    cut = pages(stats)
    return [_render(stats, classes, i + 1, len(cut)) for i, classes in enumerate(cut)]


def render_stats_chart(stats: SchoolStats) -> bytes:
    """The first (for most schools the only) picture."""
    return render_stats_charts(stats)[0]


def _render(stats: SchoolStats, classes: list[ClassStats], page: int, of: int) -> bytes:
    buffer = io.BytesIO()
    figure(stats, classes, page, of).savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def figure(stats: SchoolStats, classes: list[ClassStats], page: int = 1, of: int = 1) -> Figure:
    """One page as a matplotlib Figure (the tests measure its labels)."""
    import matplotlib

    matplotlib.use("Agg")  # no display: render straight to a file
    from matplotlib.figure import Figure

    height = height_px(len(classes))
    fig = Figure(figsize=(WIDTH_PX / DPI, height / DPI), dpi=DPI, layout="constrained")
    joined_ax, messages_ax = fig.subplots(1, 2, sharey=True, width_ratios=(3, 2))
    names = [str(c.class_name) for c in classes] or ["—"]
    rows = list(range(len(names)))
    pupils = [percent(c.pupils_joined, c.pupils) for c in classes] or [0]
    parents = [percent(c.parents_joined, c.parents) for c in classes] or [0]
    bar = 0.4
    joined_ax.barh([y - bar / 2 for y in rows], pupils, bar, label=texts.CHART_PUPILS)
    joined_ax.barh([y + bar / 2 for y in rows], parents, bar, label=texts.CHART_PARENTS)
    joined_ax.set_xlim(0, 100)
    joined_ax.set_title(texts.CHART_JOINED)
    joined_ax.set_yticks(rows, names)
    joined_ax.set_ylim(len(names) - 0.5, -0.5)  # 1А at the top, as in a list; no empty rows
    joined_ax.grid(axis="x", alpha=0.3)
    messages = [c.messages for c in classes] or [0]
    messages_ax.barh(rows, messages, 0.6, color="tab:green")
    messages_ax.set_title(texts.CHART_MESSAGES)
    messages_ax.grid(axis="x", alpha=0.3)
    messages_ax.tick_params(axis="y", labelleft=False)
    title = texts.CHART_TITLE.format(
        since=f"{stats.since:%d.%m.%Y}", until=f"{stats.until:%d.%m.%Y}"
    )
    if of > 1:
        title += texts.CHART_PAGE.format(page=page, of=of, first=names[0], last=names[-1])
    fig.suptitle(title)
    # Under the bars, never over them: a full chart has no free corner.
    fig.legend(loc="outside lower center", ncols=2, fontsize="small")
    return fig
