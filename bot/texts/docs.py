"""Russian words of the generated reference in docs/commands.md (`python -m bot.docs`)."""

from __future__ import annotations

from bot.domain.people import Role
from bot.domain.permissions import Scope

BEGIN = (
    "<!-- commands:begin — эта таблица создаётся командой `make docs` (python -m bot.docs) из "
    "bot/domain/commands.py, bot/domain/permissions.py и bot/texts/commands.py; правьте там -->"
)
END = "<!-- commands:end -->"
HEADER = "| Команда | Что делает | Кто может | Пример |\n|---|---|---|---|"
EVERYONE = "все"
LEADERS = "администрация"
LEADERS_NOTE = (
    "«Администрация» — администраторы, директор и заместители директора. В скобках после "
    "команды — другие её написания (английские тоже подходят)."
)
ROLES: dict[Role, str] = {
    Role.ADMIN: "администраторы",
    Role.DIRECTOR: "директор",
    Role.DEPUTY: "заместители директора",
    Role.CURATOR: "кураторы",
    Role.TEACHER: "учителя",
    Role.PUPIL: "ученики",
    Role.PARENT: "родители",
}
SCOPES: dict[Scope, str] = {
    Scope.OWN_CLASS: "для своего класса",
    Scope.OWN_SUBJECT: "по своим предметам",
    Scope.SELF: "о себе",
}
OUT_OF_DATE = (
    "docs/commands.md отстал от таблицы команд бота: выполните `make docs` (python -m bot.docs) "
    "и добавьте изменения в коммит."
)
NO_MARKERS = (
    "в docs/commands.md нет отметок начала и конца таблицы команд ({begin} … {end}); "
    "верните их туда, где должна стоять таблица"
)
WRITTEN = "docs/commands.md обновлён: команд в таблице — {count}."
UP_TO_DATE = "docs/commands.md в порядке: таблица совпадает с командами бота ({count})."
