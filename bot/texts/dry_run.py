"""Texts of moderation's dry run («только отчёт»)."""

from __future__ import annotations

from bot.domain.chats import ChatKind
from bot.domain.dry_run import Summary
from bot.moderation.content import Breach
from bot.texts.chats import CHAT_KIND_NAMES, CHAT_KIND_WORDS
from bot.texts.content import CONTENT_NAMES
from bot.texts.grammar import plural
from bot.texts.moderation import RULE_NAMES

MAX_CHATS = 10

EXAMPLE_ON = "пробный режим родители вкл"
EXAMPLE_OFF = "пробный режим родители выкл"
USAGE = (
    "Напишите так: «пробный режим» — посмотреть, «пробный режим <чаты> вкл» — только отчёт,"
    " без удалений, «пробный режим <чаты> выкл» — модерация как обычно.\n"
    f"Например: «{EXAMPLE_ON}». Чаты: ученики, родители, предмет, учительская, администрация,"
    " педсовет, канал, канал сотрудников."
)
NOT_UNDERSTOOD = "Не понял, о каких чатах речь: «{words}».\n" + USAGE
NO_SWITCH = "Не понял, включить или выключить: напишите в конце «вкл» или «выкл».\n" + USAGE


def rule_name(rule: str) -> str:
    if rule.startswith("content:"):
        return CONTENT_NAMES.get(rule.removeprefix("content:"), rule)
    return RULE_NAMES.get(rule, rule)


def content_example(breach: Breach) -> str:
    """What a content finding shows instead of the text (the text itself may be long)."""
    if breach.amount and breach.limit:
        return f"{breach.amount} при пределе {breach.limit}"
    return "запрещено в этих чатах"


def _kinds(kinds: list[ChatKind]) -> str:
    return ", ".join(CHAT_KIND_NAMES[k] for k in kinds)


def render_modes(report_only: list[ChatKind]) -> str:
    if not report_only:
        return (
            "Пробный режим нигде не включён: модерация во всех чатах удаляет и предупреждает.\n"
            f"Включить для новых чатов, пока школа настраивается: «{EXAMPLE_ON}»."
        )
    return (
        f"Только отчёт (ничего не удаляется, никому не пишу, отчёт раз в день): {_kinds(report_only)}."
        f"\nВыключить: «{EXAMPLE_OFF}». Отчёт за сутки сейчас: «отчёт пробного режима»."
    )


def render_switched(kind: ChatKind, on: bool) -> str:
    name = CHAT_KIND_NAMES[kind]
    if on:
        return (
            f"Пробный режим включён: {name} — только отчёт. Я ничего не удаляю и никому не пишу"
            " там, а раз в день присылаю администраторам, что сделал бы. Выключить:"
            f" «пробный режим {CHAT_KIND_WORDS[kind].split()[0]} выкл»."
        )
    return f"Пробный режим выключен: {name} — модерация снова удаляет и предупреждает."


def render_digest(summary: Summary, *, hours: int = 24) -> str:
    if summary.total == 0:
        return (
            f"Пробный режим модерации: за {hours} ч в чатах с режимом «только отчёт» нарушений"
            " не было."
        )
    n = summary.total
    lines = [
        f"Пробный режим модерации: за {hours} ч я бы вмешался {n}"
        f" {plural(n, 'раз', 'раза', 'раз')} (ничего не сделано):",
    ]
    actions = []
    if summary.deleted:
        d = summary.deleted
        actions.append(f"удалил {d} {plural(d, 'сообщение', 'сообщения', 'сообщений')}")
    w = summary.warned
    actions.append(f"предупредил {w} {plural(w, 'раз', 'раза', 'раз')}")
    if summary.restricted:
        r = summary.restricted
        actions.append(f"ограничил {r} {plural(r, 'раз', 'раза', 'раз')}")
    if summary.removed:
        m = summary.removed
        actions.append(f"исключил из чата {m} {plural(m, 'раз', 'раза', 'раз')}")
    lines.append("• " + ", ".join(actions) + ".")
    rules = ", ".join(f"{rule_name(rule)} — {c}" for rule, c in summary.by_rule)
    lines.append(f"• По правилам: {rules}.")
    chats = summary.by_chat[:MAX_CHATS]
    shown = ", ".join(f"«{title}» — {c}" for title, c in chats)
    rest = len(summary.by_chat) - len(chats)
    more = f" и ещё {rest} {plural(rest, 'чат', 'чата', 'чатов')}" if rest else ""
    lines.append(f"• По чатам: {shown}{more}.")
    lines.append("Последние (личные данные и брань скрыты):")
    for f in summary.examples:
        lines.append(f"— «{f.chat_title}»: {rule_name(f.rule)}: {f.masked_text}")
    lines.append(
        "Если всё это верно — включите модерацию: «пробный режим <чаты> выкл»."
        " Если что-то здесь лишнее, правило можно выключить для этих чатов в настройках"
        " (раздел [moderation.kinds.<вид чата>], ключ off)."
    )
    return "\n".join(lines)
