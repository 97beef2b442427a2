"""Answers to the school-structure commands: what was done, or why it could not be."""

from __future__ import annotations

from bot.domain.people import Person, Role, RoleGrant
from bot.services.school import Change, ClassSummary, SchoolError

ALREADY = "Так уже было — ничего не изменено."


def _name(person: Person | None) -> str:
    return person.full_name if person else "?"


def admin_added(change: Change) -> str:
    if not change.changed:
        return f"{_name(change.person)} уже администратор. {ALREADY}"
    return f"Готово: {_name(change.person)} теперь администратор бота."


def admin_removed(change: Change) -> str:
    if not change.changed:
        return f"{_name(change.person)} не был администратором. {ALREADY}"
    return f"Готово: {_name(change.person)} больше не администратор."


def director_set(change: Change) -> str:
    if not change.changed:
        return f"{_name(change.person)} уже директор. {ALREADY}"
    text = f"Готово: {_name(change.person)} — директор школы."
    if change.replaced:
        text += f" Прежний директор ({change.replaced.full_name}) снят с этой роли."
    return text


def deputy_added(change: Change) -> str:
    if not change.changed:
        return f"{_name(change.person)} уже заместитель директора. {ALREADY}"
    return f"Готово: {_name(change.person)} — заместитель директора."


def deputy_removed(change: Change) -> str:
    if not change.changed:
        return f"{_name(change.person)} не был заместителем директора. {ALREADY}"
    return f"Готово: {_name(change.person)} больше не заместитель директора."


def class_added(name: str, change: Change) -> str:
    if not change.changed:
        return f"Класс {name} уже есть. {ALREADY}"
    return (
        f"Класс {name} добавлен. Назначьте куратора: назначить куратора {name} @имя "
        "— или загрузите списки класса файлом (команда «импорт» расскажет как)."
    )


def class_renamed(old: str, new: str, change: Change) -> str:
    if not change.changed:
        return f"Класс уже называется {new}. {ALREADY}"
    return f"Класс {old} переименован в {new}; ученики, родители и куратор остались при нём."


def class_removed(name: str) -> str:
    return f"Класс {name} удалён."


def curator_set(name: str, change: Change) -> str:
    if not change.changed:
        return f"{_name(change.person)} уже куратор {name}. {ALREADY}"
    text = f"Готово: {_name(change.person)} — куратор {name}."
    if change.replaced:
        text += f" Прежний куратор ({change.replaced.full_name}) снят с класса."
    return text


def teacher_added(subject: str, classes: str, change: Change) -> str:
    if not change.changed:
        return (
            f"{_name(change.person)} уже ведёт предмет «{subject}» в классах {classes}. {ALREADY}"
        )
    return f"Готово: {_name(change.person)} ведёт предмет «{subject}» в классах: {classes}."


def teacher_removed(change: Change) -> str:
    if not change.changed:
        return f"{_name(change.person)} не был записан учителем. {ALREADY}"
    return f"Готово: {_name(change.person)} больше не записан учителем ни в одном классе."


def class_list(summaries: list[ClassSummary]) -> str:
    if not summaries:
        return "Классов пока нет. Добавьте первый: добавить класс 5А"
    lines = [f"Классы ({len(summaries)}):"]
    for s in summaries:
        curator = s.curator.full_name if s.curator else "куратор не назначен"
        lines.append(f"• {s.name} — {curator}; учеников: {s.pupils}, родителей: {s.parents}")
    return "\n".join(lines)


_CLASS_GROUPS = (
    (Role.CURATOR, "Куратор класса"),
    (Role.TEACHER, "Учителя"),
    (Role.PUPIL, "Ученики"),
    (Role.PARENT, "Родители"),
)


def class_people(name: str, members: list[tuple[Person, RoleGrant]], pupils: dict[int, str]) -> str:
    """Everyone tied to the class, each person once per role: a parent of two pupils of the
    class is one parent (both children named), a teacher of two subjects one teacher."""
    if not members:
        return f"В классе {name} пока никого нет. Загрузите списки командой «импорт»."
    by_role: dict[Role, dict[int, tuple[Person, list[str]]]] = {}
    for person, grant in members:
        people = by_role.setdefault(grant.role, {})
        _, details = people.setdefault(person.id, (person, []))
        if grant.role is Role.PARENT:
            details.append(pupils.get(grant.pupil_id or 0, "?"))
        elif grant.role is Role.TEACHER and grant.subject:
            details.append(grant.subject)
    lines = [f"Класс {name}:"]
    for role, title in _CLASS_GROUPS:
        people = by_role.get(role)
        if not people:
            continue
        rendered = []
        for person, details in people.values():
            mark = "" if person.vk_id or role is Role.TEACHER else " (нет VK)"
            listed = ", ".join(sorted(dict.fromkeys(details)))
            if role is Role.PARENT:
                rendered.append(f"{person.full_name}{mark} — родитель: {listed}")
            elif role is Role.TEACHER:
                rendered.append(f"{person.full_name} — {listed}" if listed else person.full_name)
            else:
                rendered.append(f"{person.full_name}{mark}")
        lines.append(f"\n{title} ({len(people)}):")
        lines += [f"• {line}" for line in sorted(rendered)]
    return "\n".join(lines)


SENT_TO_DM = "Ответ содержит личные данные, поэтому я отправил его вам в личные сообщения."
WRITE_ME_FIRST = (
    "Ответ содержит личные данные, а написать вам лично я не могу: откройте диалог с "
    "сообществом и напишите мне что-нибудь, затем повторите команду."
)

_ERRORS = {
    "person_not_found": "Не нашёл такого человека ВКонтакте: {ref}. Проверьте ссылку или id.",
    "config_admin": (
        "{person} — администратор из файла настроек бота; снять его можно только там "
        "(раздел [school], ключ admins)."
    ),
    "last_admin": "Нельзя снять последнего администратора: сначала назначьте другого.",
    "class_exists": "Класс {class_name} уже есть. Выберите другое название.",
    "class_not_found": "Класса {class_name} нет. Есть классы: {known}. Добавить: добавить класс {class_name}",
    "class_not_empty": (
        "В классе {class_name} есть ученики ({pupils}). Сначала переведите их в другой класс "
        "(например, загрузив исправленные списки), затем удалите класс."
    ),
}


def school_error(error: SchoolError) -> str:
    details = {k: v for k, v in error.details.items()}
    if error.kind == "class_not_found" and not details.get("known"):
        return (
            f"Класса {details['class_name']} нет, классов пока не добавлено. "
            f"Добавить: добавить класс {details['class_name']}"
        )
    return _ERRORS[error.kind].format(**details)
