"""Russian texts of the director's statistics: the message and the chart's labels."""

from __future__ import annotations

from bot.domain.stats import ClassStats, SchoolStats, percent

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


def render_stats(stats: SchoolStats, *, school: str, only: ClassStats | None = None) -> str:
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
    if stats.classes:
        lines.append("\nПо классам:")
        for c in stats.classes:
            lines += _class_lines(c)
    return "\n".join(lines)
