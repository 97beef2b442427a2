"""Russian texts of the audits: the reports to administrators and curators."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.audits import AuditKind, AuditResult
from bot.domain.chats import ChatKind, Right
from bot.texts.grammar import PEOPLE_GEN, counted, no_chat_of

AUDIT_TITLES: dict[AuditKind, str] = {
    AuditKind.INVITES: "Приглашения",
    AuditKind.MEMBERS: "Участники чатов",
    AuditKind.RIGHTS: "Права бота и чаты классов",
    AuditKind.WARNINGS: "Предупреждения",
}
RIGHT_NAMES: dict[Right, str] = {
    Right.MEMBER: "бота нет в чате",
    Right.ADMIN: "бот не администратор",
    Right.READ_ALL: "бот не видит всех сообщений",
    Right.INVITE_LINK: "нет доступа к ссылке-приглашению",
    Right.KICK: "нельзя исключать участников",
    Right.PIN: "нельзя закреплять сообщения",
    Right.DELETE: "нельзя удалять сообщения",
}
NOTHING_FOUND = "замечаний нет"
BAD_KINDS = (
    "Не понял, какой аудит запустить. Можно: «аудит приглашения», «аудит участники», "
    "«аудит права», «аудит предупреждения» или «аудит все»."
)
ALREADY_RUNNING = "Этот аудит уже идёт. Отчёт придёт, когда он закончится."
REPORT_SENT = "Готово: отчёт об аудите отправлен администраторам в личные сообщения."


def invites_summary(annulled: int, fresh_links: int) -> str:
    return (
        f"аннулировано просроченных приглашений: {annulled}; чатов с новой ссылкой: {fresh_links}"
    )


def annulled_line(title: str, names: Sequence[str]) -> str:
    return f"«{title}»: аннулированы приглашения — {', '.join(names)}"


def fresh_link_line(title: str) -> str:
    return f"«{title}»: ссылка-приглашение заменена, прежняя больше не действует"


def link_failed_line(title: str) -> str:
    return f"«{title}»: не удалось заменить ссылку — дайте боту права администратора"


def members_summary(chats: int, strangers: int, left: int) -> str:
    return f"проверено чатов: {chats}; посторонних: {strangers}; вышли: {left}"


def stranger_line(title: str, name: str, removed: bool) -> str:
    what = "удалён из чата" if removed else "оставлен в чате, решите сами"
    return f"«{title}»: посторонний {name} — {what}"


def missing_line(title: str, names: Sequence[str]) -> str:
    shown = ", ".join(names[:10]) + (f" и ещё {len(names) - 10}" if len(names) > 10 else "")
    return f"«{title}»: ещё не вступили ({len(names)}) — {shown}"


def left_line(title: str, names: Sequence[str]) -> str:
    return f"«{title}»: вышли из чата — {', '.join(names)}"


def unreadable_line(title: str) -> str:
    return f"«{title}»: бот не может прочитать список участников — нужны права администратора"


def rights_summary(chats: int, problems: int) -> str:
    return f"проверено чатов: {chats}; замечаний: {problems}"


def rights_line(title: str, missing: Sequence[Right]) -> str:
    return f"«{title}»: " + "; ".join(RIGHT_NAMES[r] for r in missing)


def no_curator_line(class_name: str) -> str:
    return f"{class_name}: у класса нет куратора («назначить куратора {class_name} @имя»)"


def no_chat_line(class_name: str, what: str) -> str:
    """«5А: нет чата учеников («создать чат 5А ученики»)»; `what` is the command's word."""
    kind = _CHAT_WORD_KINDS.get(what)
    missing = no_chat_of(kind) if kind else f"нет чата «{what}»"
    return f"{class_name}: {missing} («создать чат {class_name} {what}»)"


CHAT_WHAT_PUPILS = "ученики"
CHAT_WHAT_PARENTS = "родители"
_CHAT_WORD_KINDS = {CHAT_WHAT_PUPILS: ChatKind.PUPILS, CHAT_WHAT_PARENTS: ChatKind.PARENTS}


def warnings_summary(people: int, warnings: int) -> str:
    return f"снято истёкших предупреждений: {warnings} (у {counted(people, PEOPLE_GEN)})"


def render_admin_report(results: Sequence[AuditResult]) -> str:
    lines = ["Аудит завершён."]
    for result in results:
        lines.append(f"\n{AUDIT_TITLES[result.kind]}: {result.summary or NOTHING_FOUND}")
        lines.extend(f"• {f.text}" for f in result.findings)
    return "\n".join(lines)


def render_curator_report(class_name: str, results: Sequence[AuditResult]) -> str:
    lines = [f"Аудит чатов класса {class_name}:"]
    for result in results:
        found = [f.text for f in result.findings if f.class_name is not None
                 and str(f.class_name) == class_name]  # fmt: skip
        if found:
            lines.append(f"\n{AUDIT_TITLES[result.kind]}:")
            lines.extend(f"• {text}" for text in found)
    return "\n".join(lines)


def job_failed(what: str, error: str) -> str:
    return (
        f"Не удалось выполнить по расписанию: {what}. Ошибка: {error}. "
        "Следующий запуск пройдёт по расписанию; запустить сейчас можно командой."
    )


JOB_NAMES: dict[str, str] = {
    "audit:invites": "аудит приглашений",
    "audit:members": "аудит участников чатов",
    "audit:rights": "аудит прав бота",
    "audit:warnings": "снятие истёкших предупреждений",
    "report:weekly": "еженедельный отчёт директору",
    "chats:rights": "проверка прав бота в чатах, привязанных до назначения администратором",
    "chats:setup": "создание чатов всем классам",
    "report:dry-run": "отчёт пробного режима модерации",
}
