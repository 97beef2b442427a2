"""Pure parts of issue 7: audit words, the new year's plan, statistics rows, the chart."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date

from PIL import Image

from bot.domain.audits import AUDIT_ORDER, AuditKind, missing_people, parse_audit_kinds, who_left
from bot.domain.chats import ChatKind, SchoolChat, TitleTemplates
from bot.domain.classes import ClassName
from bot.domain.school_year import plan_new_year, year_label
from bot.domain.stats import ClassStats, SchoolStats, csv_rows, percent
from bot.printing.chart import HEIGHT_PX, WIDTH_PX, render_stats_chart

C = ClassName.parse


def test_audit_words():
    assert parse_audit_kinds(None) == AUDIT_ORDER
    assert parse_audit_kinds("все") == AUDIT_ORDER
    assert parse_audit_kinds("Участники") == (AuditKind.MEMBERS,)
    assert parse_audit_kinds("права приглашения") == (AuditKind.INVITES, AuditKind.RIGHTS)
    assert parse_audit_kinds("всякое") is None


def test_missing_and_left():
    expected = {1: ("Иванов Пётр", 1001), 2: ("Кузнецова Алиса", None), 3: ("Смирнов", 1003)}
    assert missing_people(expected, {1001}) == ["Кузнецова Алиса", "Смирнов"]
    assert who_left({1, 2, 3}, {2}) == [1, 3]


def test_the_year_moves_from_the_top_grade_down_and_never_collides():
    chats = [
        SchoolChat(2_000_000_001, ChatKind.PARENTS, C("5А"), title="5А · родители"),
        SchoolChat(2_000_000_002, ChatKind.PUPILS, C("6А"), title="Наш 6А"),
        SchoolChat(2_000_000_003, ChatKind.PUPILS, C("11А"), title="11А · ученики"),
    ]
    plan = plan_new_year(
        [C("5А"), C("6А"), C("11А"), C("10А")], chats, templates=TitleTemplates(),
        school="Школа", today=date(2026, 6, 1),
    )  # fmt: skip
    assert [(str(a), str(b)) for a, b in plan.moves] == [("10А", "11А"), ("6А", "7А"), ("5А", "6А")]
    assert plan.graduating == [C("11А")]
    standing = {C("5А"), C("6А"), C("10А")}  # after 11А has left
    for old, new in plan.moves:  # each target name is free when its turn comes
        assert new not in standing
        standing = (standing - {old}) | {new}
    assert [(r.chat.title, r.new_title) for r in plan.retitles] == [
        ("5А · родители", "6А · родители"),
        ("Наш 6А", "Наш 7А"),
    ]
    assert [c.title for c in plan.archived] == ["11А · ученики"]
    assert plan.label == "2025/26" == year_label(date(2026, 8, 31))
    assert year_label(date(2026, 9, 1)) == "2026/27"


def test_csv_rows_and_percent():
    stats = SchoolStats(date(2026, 5, 1), date(2026, 5, 8))
    stats.classes.append(ClassStats(C("5А"), pupils=4, pupils_joined=1, messages=3,
                                    incidents=Counter({"profanity": 2})))  # fmt: skip
    stats.chats.append(("5А · ученики", 3))
    rows = csv_rows(stats)
    assert rows[1][:4] == ["5А", "4", "1", "25"] and rows[1][8] == "2"
    assert rows[-1][0] == "school" and rows[-1][7] == "3"
    assert percent(0, 0) == 0 and percent(2, 3) == 67


def test_the_chart_is_a_png_of_the_expected_size():
    stats = SchoolStats(date(2026, 5, 1), date(2026, 5, 8))
    stats.classes += [ClassStats(C("5А"), 4, 1, 3, 3, messages=10), ClassStats(C("6Б"))]
    image = Image.open(io.BytesIO(render_stats_chart(stats)))
    assert image.format == "PNG" and image.size == (WIDTH_PX, HEIGHT_PX)  # the least height
    empty = Image.open(io.BytesIO(render_stats_chart(SchoolStats(date.today(), date.today()))))
    assert empty.size == (WIDTH_PX, HEIGHT_PX)
