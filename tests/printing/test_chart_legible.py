"""The statistics chart stays legible at a real school's size: class names never overlap, none is
cut off, and a school bigger than a page gets several even pages in class order."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from bot.domain.classes import ClassName
from bot.domain.stats import ClassStats, SchoolStats
from bot.printing.chart import CLASSES_PER_PAGE, figure, pages


def school_of(n: int) -> SchoolStats:
    stats = SchoolStats(date(2026, 11, 30), date(2026, 12, 7))
    names = [f"{g}{letter}" for g, letter in itertools.product(range(1, 12), "АБВГДЕ")][:n]
    for i, name in enumerate(names):
        stats.classes.append(ClassStats(ClassName.parse(name), 25, i % 25, 50, 2 * i % 50,
                                        messages=37 * i))  # fmt: skip
    return stats


@pytest.mark.parametrize("n", [30, 45, 66])
def test_class_names_on_the_chart_never_overlap(n):
    stats = school_of(n)
    cut = pages(stats)
    assert all(len(page) <= CLASSES_PER_PAGE for page in cut)
    assert [c.class_name for page in cut for c in page] == sorted(
        c.class_name for c in stats.classes
    )
    for i, page in enumerate(cut):
        fig = figure(stats, page, i + 1, len(cut))
        renderer = FigureCanvasAgg(fig).get_renderer()
        fig.draw(renderer)
        joined_ax = fig.axes[0]
        labels = [t for t in joined_ax.get_yticklabels() if t.get_text()]
        assert [t.get_text() for t in labels] == [str(c.class_name) for c in page]
        boxes = [t.get_window_extent(renderer) for t in labels]
        for a, b in itertools.pairwise(boxes):
            assert not a.overlaps(b), (a, b)
        figure_box = fig.bbox
        for box in boxes:  # inside the picture, none cut off
            assert (
                box.x0 >= 0 and box.y0 >= 0 and box.x1 <= figure_box.x1 and box.y1 <= figure_box.y1
            )
