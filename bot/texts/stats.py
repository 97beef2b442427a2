"""Russian texts of the director's statistics: the message and the chart's labels."""

from __future__ import annotations

from bot.domain.stats import (
    CSV_HEADER,
    ClassStats,
    SchoolStats,
    needs_attention,
    open_incidents,
    percent,
)
from bot.texts.grammar import CLASSES, counted

# Up to this many classes the message lists every class and still fits one screen; a bigger
# school gets the classes that need someone's attention and the rest in the attached file.
FULL_LIST_CLASSES = 3
ATTENTION_LINES = 5
DETAILS_FILE = "statistika.csv"
DETAILS_CAPTION = "Статистика по каждому классу (таблица CSV, открывается в Excel)."
CSV_HEADER_RU: dict[str, str] = {
    "class": "класс",
    "pupils": "учеников",
    "pupils_joined": "учеников в чатах",
    "pupils_joined_pct": "учеников в чатах, %",
    "parents": "родителей",
    "parents_joined": "родителей в чатах",
    "parents_joined_pct": "родителей в чатах, %",
    "messages": "сообщений",
    "incidents": "нарушений",
    "alerts_handled": "нарушений решено",
    "invites_issued": "приглашений выдано",
    "invites_claimed": "приглашений использовано",
    "announcements": "объявлений с подтверждением",
    "acknowledged": "ознакомились",
    "to_acknowledge": "должны были ознакомиться",
    "questions_answered": "ответов бота на вопросы",
}
CSV_SCHOOL_ROW = "вся школа"

RULE_NAMES: dict[str, str] = {
    "profanity": "нецензурная лексика",
    "insult": "оскорбления",
    "personal_data": "персональные данные",
    "account_sharing": "передача аккаунта",
    "external_link": "внешние ссылки",
    "flood": "флуд",
    "raid": "наплыв в чат",
    "report": "жалобы",
    "scam": "мошенничество (сборы, реквизиты, ссылки)",
    "impersonation": "самозванцы",
}
CHART_TITLE = "Статистика за {since} — {until}"
CHART_JOINED = "Вступили в чаты класса, %"
CHART_PUPILS = "ученики"
CHART_PARENTS = "родители"
CHART_MESSAGES = "Сообщений в чатах класса"
CHART_CAPTION = "Статистика картинкой: доля вступивших и сообщения по классам."
CHART_PAGE = " (часть {page} из {of}: {first}–{last})"
NO_SUCH_CLASS = "Такого класса нет. Список классов — команда «классы»."
CSV_WRITTEN = "Статистика за {since} — {until} записана: {path}"


def rule_name(rule: str) -> str:
    return RULE_NAMES.get(rule, rule)


def _share(joined: int, total: int) -> str:
    return f"{joined} из {total} ({percent(joined, total)} %)"


def _incidents(counter) -> str:
    if not counter:
        return "нет"
    return ", ".join(f"{rule_name(r)} — {n}" for r, n in counter.most_common())


def _acknowledged(done: int, expected: int, announcements: int) -> str:
    if not announcements:
        return "объявлений с подтверждением не было"
    return (
        f"объявлений с подтверждением: {announcements}, ознакомились "
        f"{done} из {expected} ({percent(done, expected)} %)"
    )


def _incident_outcome(raised: int, resolved: int) -> str:
    if not raised:
        return "нарушений не было"
    return f"нарушений {raised}, решено {resolved}, ждут решения {raised - resolved}"


def _class_lines(c: ClassStats) -> list[str]:
    raised = sum(c.incidents.values())
    return [
        f"{c.class_name}: {_acknowledged(c.acknowledged, c.to_acknowledge, c.announcements)}; "
        f"{_incident_outcome(raised, c.alerts_handled)}; ответов бота на вопросы: "
        f"{c.questions_answered}; приглашений использовано {c.invites_claimed} из "
        f"{c.invites_issued}; в чатах: ученики {_share(c.pupils_joined, c.pupils)}, "
        f"родители {_share(c.parents_joined, c.parents)}; сообщений: {c.messages}",
    ]


def _attention(c: ClassStats) -> str:
    why = []
    if n := open_incidents(c):
        why.append(f"ждут решения нарушений: {n}")
    if c.pupils and percent(c.pupils_joined, c.pupils) < 50:
        why.append(f"в чате учеников {_share(c.pupils_joined, c.pupils)}")
    if c.parents and percent(c.parents_joined, c.parents) < 50:
        why.append(f"в чате родителей {_share(c.parents_joined, c.parents)}")
    if c.to_acknowledge and percent(c.acknowledged, c.to_acknowledge) < 50:
        why.append(f"с объявлениями ознакомились {_share(c.acknowledged, c.to_acknowledge)}")
    return f"• {c.class_name}: " + "; ".join(why)


def _by_class_summary(stats: SchoolStats, details_file: str | None) -> list[str]:
    worst = needs_attention(stats)
    total = len(stats.classes)
    if worst:
        lines = [f"\nГде нужна помощь — {counted(len(worst), CLASSES)} из {total}:"]
        lines += [_attention(c) for c in worst[:ATTENTION_LINES]]
        if len(worst) > ATTENTION_LINES:
            lines.append(f"…и ещё {counted(len(worst) - ATTENTION_LINES, CLASSES)}.")
    else:
        lines = [f"\nПо классам замечаний нет (классов: {total})."]
    one = worst[0].class_name if worst else stats.classes[0].class_name
    if details_file:
        lines.append(f"Подробно по каждому классу — в файле {details_file}; "
                     f"по одному классу — команда «статистика {one}».")  # fmt: skip
    else:
        lines.append(f"Подробно по одному классу — команда «статистика {one}».")
    return lines


def csv_rows_ru(stats: SchoolStats) -> list[list[str]]:
    """The attached table: the CSV of `schoolbot stats export` with Russian headings."""
    from bot.domain.stats import csv_rows

    rows = csv_rows(stats)
    rows[0] = [CSV_HEADER_RU[name] for name in CSV_HEADER]
    rows[-1][0] = CSV_SCHOOL_ROW
    return rows


def render_stats(
    stats: SchoolStats,
    *,
    school: str,
    only: ClassStats | None = None,
    details_file: str | None = None,
) -> str:
    """Outcomes first (were announcements read, were problems solved, were questions answered,
    did people join), activity last, and no ranking of chats or teachers by message counts:
    a busy chat is not a better one."""
    period = f"{stats.since:%d.%m.%Y} — {stats.until:%d.%m.%Y}"
    if only is not None:
        lines = [f"Итоги класса {only.class_name} за {period}:"]
        lines += _class_lines(only)
        lines.append(f"Нарушения по правилам: {_incidents(only.incidents)}")
        return "\n".join(lines)
    (pj, p), (aj, a) = stats.pupils, stats.parents
    done, expected = stats.acknowledged
    raised = sum(stats.incidents.values())
    lines = [
        f"Итоги «{school}» за {period}",
        "Объявления: " + _acknowledged(done, expected, stats.announcements),
        "Нарушения: "
        + _incident_outcome(raised, stats.alerts_handled)
        + (f" ({_incidents(stats.incidents)})" if raised else ""),
        f"Вопросы в чатах, на которые бот ответил сам: {stats.questions_answered}",
        f"Приглашения в чаты: использовано {stats.invites_claimed} из {stats.invites_issued}",
        f"Вступили в чаты: ученики {_share(pj, p)}, родители {_share(aj, a)}",
        f"Сообщений в чатах: {stats.messages} (для справки; по числу сообщений никого не сравниваем)",
    ]
    if len(stats.classes) > FULL_LIST_CLASSES:
        lines += _by_class_summary(stats, details_file)
    elif stats.classes:
        lines.append("\nПо классам:")
        for c in stats.classes:
            lines += _class_lines(c)
    return "\n".join(lines)
