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


def _class_lines(c: ClassStats) -> list[str]:
    return [
        f"{c.class_name}: ученики {_share(c.pupils_joined, c.pupils)}, "
        f"родители {_share(c.parents_joined, c.parents)}; сообщений: {c.messages}; "
        f"нарушений: {sum(c.incidents.values())}; приглашений выдано {c.invites_issued}, "
        f"использовано {c.invites_claimed}",
    ]


def render_stats(stats: SchoolStats, *, school: str, only: ClassStats | None = None) -> str:
    period = f"{stats.since:%d.%m.%Y} — {stats.until:%d.%m.%Y}"
    if only is not None:
        lines = [f"Статистика класса {only.class_name} за {period}:"]
        lines += _class_lines(only)
        lines.append(f"Нарушения по правилам: {_incidents(only.incidents)}")
        handled = f"{only.alerts_handled} из {sum(only.incidents.values())}"
        lines.append(f"Решения по сообщениям о нарушениях: {handled}")
        return "\n".join(lines)
    (pj, p), (aj, a) = stats.pupils, stats.parents
    lines = [
        f"Статистика «{school}» за {period}",
        f"Вступили в чаты: ученики {_share(pj, p)}, родители {_share(aj, a)}",
        f"Сообщений в чатах: {stats.messages}",
        f"Нарушения по правилам: {_incidents(stats.incidents)}",
        f"Приглашений выдано: {stats.invites_issued}, использовано: {stats.invites_claimed}",
        f"Решения по сообщениям о нарушениях: {stats.alerts_handled} из "
        f"{sum(stats.incidents.values())}",
    ]
    if stats.classes:
        lines.append("\nПо классам:")
        for c in stats.classes:
            lines += _class_lines(c)
    busiest = [(t, n) for t, n in stats.chats if n][:5]
    if busiest:
        lines.append("\nСамые активные чаты: " + ", ".join(f"«{t}» — {n}" for t, n in busiest))
    return "\n".join(lines)
