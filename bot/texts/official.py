"""Russian texts of official marks: staff confirm that a message of theirs is the school's."""

from __future__ import annotations

from bot.domain.people import Role, Roles

MARK = "✅ Официальное сообщение школы — {name}, {position}"
HOW_TO = (
    "Чтобы отметить сообщение как официальное, ответьте в чате на своё сообщение одним словом "
    "«официально» — бот подтвердит его ответом от имени сообщества школы."
)
NOT_A_REPLY = "{who}, ответьте словом «официально» на то своё сообщение, которое нужно отметить."
NOT_OWN = "{who}, официальным можно отметить только своё сообщение."
REFUSED = (
    "{who}, отмечать сообщения как официальные могут только сотрудники школы. Настоящую отметку "
    "ставит сам бот — ответом от имени сообщества школы, а не участник чата."
)


def position(roles: Roles) -> str:
    """The staff member's position as parents know it: «классный руководитель 5А»."""
    if roles.has(Role.DIRECTOR):
        return "директор"
    if roles.has(Role.DEPUTY):
        return "заместитель директора"
    if roles.curated_classes:
        classes = ", ".join(str(c) for c in sorted(roles.curated_classes))
        return f"классный руководитель {classes}"
    if roles.subjects:
        return "учитель (" + ", ".join(sorted(roles.subjects)) + ")"
    return "администрация школы"
