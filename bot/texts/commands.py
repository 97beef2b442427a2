"""Russian texts for commands: help, «кто я», parse errors, refusals, the journal, roster import."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from bot.domain.classes import ClassNameProblem
from bot.domain.commands import (
    BY_KEY,
    HELP_GROUP_ORDER,
    MAX_LOG_COUNT,
    ArgKind,
    Command,
    HelpGroup,
)
from bot.domain.grammar import ParseError, ParseErrorKind
from bot.domain.people import Role, Roles
from bot.domain.permissions import Denied, Scope
from bot.domain.person_ref import PersonRefProblem
from bot.domain.roster import (
    MAX_ROWS,
    Column,
    LineError,
    ReadNotes,
    RosterDiff,
    RosterErrors,
    RosterProblem,
)
from bot.domain.trail import TrailEntry
from bot.texts import roster as roster_texts
from bot.texts.grammar import PEOPLE_GEN, counted

ROLE_NAMES: dict[Role, str] = {
    Role.ADMIN: "администратор",
    Role.DIRECTOR: "директор",
    Role.DEPUTY: "заместитель директора",
    Role.CURATOR: "куратор класса",
    Role.TEACHER: "учитель",
    Role.PUPIL: "ученик",
    Role.PARENT: "родитель",
}
ROLE_NAMES_PLURAL: dict[Role, str] = {
    Role.ADMIN: "администраторы",
    Role.DIRECTOR: "директор",
    Role.DEPUTY: "заместители директора",
    Role.CURATOR: "кураторы классов",
    Role.TEACHER: "учителя",
    Role.PUPIL: "ученики",
    Role.PARENT: "родители",
}
SCOPE_NOTES: dict[Scope, str] = {
    Scope.ANY: "",
    Scope.OWN_CLASS: " (только для своего класса)",
    Scope.OWN_SUBJECT: " (только по своим предметам)",
    Scope.SELF: " (только о себе)",
}
HELP_GROUP_TITLES: dict[HelpGroup, str] = {
    HelpGroup.GENERAL: "Общее",
    HelpGroup.SCHOOL: "Школа",
    HelpGroup.CLASSES: "Классы",
    HelpGroup.PEOPLE: "Люди",
    HelpGroup.CHATS: "Чаты и приглашения",
    HelpGroup.LOG: "Журнал",
    HelpGroup.MODERATION: "Порядок в чатах",
    HelpGroup.AUDITS: "Аудиты, движение людей, статистика",
    HelpGroup.POSTS: "Объявления",
    HelpGroup.FAQ: "Частые вопросы",
    HelpGroup.APPEALS: "Доверительная линия (только в личных сообщениях)",
}

# key → (what it does, a correct example)
COMMAND_TEXTS: dict[str, tuple[str, str]] = {
    "help": ("список команд, доступных вам", "помощь"),
    "whoami": ("ваши роли, как их знает бот", "кто я"),
    "add_admin": ("сделать человека администратором бота", "добавить админа [id123|Анна Петрова]"),
    "remove_admin": ("снять права администратора", "удалить админа vk.com/id123"),
    "set_director": ("указать директора школы", "назначить директора [id123|Ольга Смирнова]"),
    "add_deputy": ("добавить заместителя директора", "назначить заместителя vk.com/id123"),
    "remove_deputy": ("убрать заместителя директора", "удалить заместителя vk.com/id123"),
    "import_roster": ("как загрузить списки классов из файла CSV", "импорт"),
    "export_roster": ("получить списки классов файлом CSV", "экспорт"),
    "list_classes": ("все классы школы", "классы"),
    "class_people": ("ученики, родители, куратор и учителя класса", "класс 5А"),
    "add_class": ("добавить класс", "добавить класс 5А"),
    "rename_class": ("переименовать класс", "переименовать класс 5А 6А"),
    "remove_class": ("удалить класс", "удалить класс 11Б"),
    "set_curator": (
        "назначить куратора класса (прежний куратор снимается)",
        "назначить куратора 5А [id123|Мария Иванова]",
    ),
    "add_teacher": (
        "добавить учителя: предмет и классы",
        "добавить учителя [id123|Иван Петров] русский язык 5А 6Б",
    ),
    "remove_teacher": ("снять все предметы учителя", "удалить учителя vk.com/id123"),
    "log": ("последние действия администраторов (по умолчанию 20)", "журнал 10"),
    "create_chat": (
        "создать чат класса, предметный или служебный (учительская, администрация, педсовет)",
        "создать чат 5А родители",
    ),
    "bind_chat": ("привязать существующий чат (написать в этом чате)", "привязать 5А родители"),
    "invite": (
        "личные приглашения: всем, родителям, ученикам или одному человеку",
        "пригласить 5А родители",
    ),
    "list_invites": ("приглашения класса и их состояние", "приглашения 5А"),
    "revoke_invite": ("отменить одно приглашение по номеру", "отозвать приглашение 17"),
    "revoke_invites": (
        "отменить все неиспользованные приглашения в чат",
        "отозвать приглашения 5А родители",
    ),
    "reset_link": (
        "сбросить ссылку на чат, если она попала не туда",
        "сбросить ссылку 5А родители",
    ),
    "admit": (
        "впустить человека в чат без приглашения",
        "впустить [id123|Анна Петрова] 5А родители",
    ),
    "class_status": ("кто вступил в чаты класса, кто нет, открытые приглашения", "статус 5А"),
    "invite_sheet": (
        "личные приглашения одним PDF для печати: родителям (по умолчанию), ученикам или всем; "
        "выданные раньше остаются в силе",
        "листовки 5А ученики",
    ),
    "setup_all_chats": (
        "чаты учеников и родителей сразу для всех классов (сначала покажу план); кураторы "
        "получат ссылки",
        "чаты всем классам",
    ),
    "class_link": (
        "одна ссылка на чат для всего класса: кто откроет, скажет, чей он родитель, а вы "
        "впустите одной кнопкой",
        "ссылка для класса 5А родители",
    ),
    "revoke_class_link": ("отменить общую ссылку класса", "отозвать общую ссылку 5А родители"),
    "report": (
        "ответьте так на сообщение, нарушающее правила: его увидят куратор и администраторы",
        "жалоба грубит",
    ),
    "incidents": (
        "нарушения в чатах: по классу, чату, человеку, правилу и сроку (мат, данные, ссылки, "
        "флуд, жалобы, мошенничество, самозванцы; сегодня, неделя, месяц)",
        "нарушения 5А родители неделя 10",
    ),
    "report_only": (
        "пробный режим модерации по видам чатов: только отчёт администраторам раз в день, без "
        "удалений и предупреждений (вкл / выкл; без слов — показать, где включён)",
        "пробный режим родители вкл",
    ),
    "report_only_digest": (
        "отчёт пробного режима за последние сутки: что бот сделал бы в чатах «только отчёт»",
        "отчёт пробного режима",
    ),
    "audit": (
        "проверить приглашения, участников чатов, права бота, предупреждения (или всё сразу)",
        "аудит участники",
    ),
    "stats": ("статистика для директора: по школе или по одному классу", "статистика 5А"),
    "move_pupil": (
        "перевести ученика в другой класс: чаты и приглашения поменяются сами",
        "перевести Иванов Пётр 5А 6Б",
    ),
    "person_left": (
        "ученик или сотрудник выбыл: удалить из всех чатов, аннулировать приглашения",
        "выбыл Иванов Пётр",
    ),
    "new_year": ("перевести все классы на год вперёд (сначала покажу план)", "новый учебный год"),
    "publish": (
        "объявление в канал, канал сотрудников или чат класса; можно со временем и файлами",
        "опубликовать канал завтра 9:00 Уважаемые родители! Завтра субботник.",
    ),
    "broadcast": (
        "одно объявление во все чаты родителей школы, параллели или классов",
        "рассылка родителям 5-е Уважаемые родители! Экскурсия в пятницу.",
    ),
    "announce_event": (
        "объявить событие и напомнить о нём заранее",
        "событие канал 25.12 18:00 Родительское собрание; напомнить за 1 день и за 1 час",
    ),
    "list_posts": ("отложенные публикации и напоминания", "запланировано"),
    "reschedule_post": ("перенести отложенную публикацию", "перенести 12 завтра 10:00"),
    "cancel_post": ("отменить отложенную публикацию или событие", "отменить публикацию 12"),
    "ack_announce": (
        "объявление в чат родителей класса с кнопкой «Ознакомлен(а)»; напомню не отметившимся",
        "объявление с подтверждением 5А: В пятницу уроки сокращены до 12:00.",
    ),
    "ack_consent": (
        "запросить согласие родителей кнопками «Согласен» / «Не согласен»",
        "согласие 5А: Экскурсия в музей 15 марта, выезд в 9:00.",
    ),
    "ack_poll": (
        "небольшой опрос кнопками: вопрос и от 2 до 6 вариантов через «;»",
        "опрос 5А: Когда удобно собрание?; 12 марта 18:00; 14 марта 18:00",
    ),
    "ack_results": (
        "кто ответил на объявление с кнопками и кто ещё нет; «файл» — таблица CSV",
        "итоги 3 файл",
    ),
    "faq_add": (
        "ответ на частый вопрос: бот сам ответит им в чатах класса (без класса — для всей школы); "
        "варианты вопроса — через «;», ответ «закреп» отсылает к закреплённому сообщению",
        "ответ 5А: что задали; домашнее задание = Домашние задания — в электронном дневнике",
    ),
    "faq_list": ("ответы на частые вопросы класса с номерами", "ответы 5А"),
    "faq_remove": ("удалить ответ на частый вопрос по номеру", "удалить ответ 3"),
    "appeal_psychologist": (
        "написать школьному психологу: никто в классе и куратор этого не увидят",
        "психологу: Мне тяжело на переменах, хочу поговорить",
    ),
    "appeal_administration": (
        "написать администрации школы (директору и заместителям), минуя куратора",
        "администрации: Прошу разобраться с ситуацией в классе",
    ),
    "appeal_answer": (
        "ответить на обращение, которое переслал вам бот (для психолога и администрации)",
        "ответить обращению 7: Здравствуйте! Давайте встретимся завтра после уроков.",
    ),
    "away_set": (
        "режим отсутствия: в эти дни бот ответит тем, кто обратится к вам в чатах",
        "отсутствую с 01.12 по 05.12: Я на курсах, по срочным вопросам — к завучу.",
    ),
    "away_show": ("показать ваш режим отсутствия", "отсутствие"),
    "away_cancel": ("отменить режим отсутствия", "отсутствие отменить"),
    "official": (
        "ответьте так в чате на своё сообщение: бот подтвердит, что оно официальное",
        "официально",
    ),
}
ARG_NAMES: dict[str, str] = {
    "person": "человек",
    "class_name": "класс",
    "new_name": "новое название класса",
    "subject": "предмет",
    "classes": "классы",
    "count": "число записей",
    "what": "какой чат",
    "whom": "кого пригласить",
    "number": "номер приглашения",
    "reason": "причина",
    "filters": "класс, чат, человек, правило, срок, число",
    "mode": "вид чатов и вкл или выкл",
    "audits": "какой аудит",
    "move": "ученик, прежний и новый класс",
    "leaver": "кто выбыл",
    "post": "куда, когда и текст",
    "when": "новое время",
    "announcement": "текст объявления",
    "ack_number": "номер объявления",
    "form": "«файл» — чтобы получить таблицу",
    "faq": "вопрос = ответ",
    "answer_number": "номер ответа",
    "appeal": "текст обращения",
    "appeal_number": "номер обращения",
    "reply": "текст ответа",
    "away": "даты и текст ответа",
}
ARG_ACCUSATIVE: dict[str, str] = {
    **ARG_NAMES,
    "person": "человека",
    "classes": "хотя бы один класс",
}
# The same argument under another command: «перенести <номер публикации>», not «…приглашения».
ARG_NAMES_FOR: dict[tuple[str, str], str] = {
    ("reschedule_post", "number"): "номер публикации",
    ("cancel_post", "number"): "номер публикации",
}


def arg_name(cmd: Command, name: str, *, accusative: bool = False) -> str:
    own = ARG_NAMES_FOR.get((cmd.key, name))
    if own:
        return own
    return (ARG_ACCUSATIVE if accusative else ARG_NAMES).get(name, "")


CLASS_PROBLEMS: dict[ClassNameProblem, str] = {
    ClassNameProblem.EMPTY: "название класса не указано",
    ClassNameProblem.NO_GRADE: "в начале должна быть цифра — номер класса от 1 до 11",
    ClassNameProblem.GRADE_OUT_OF_RANGE: "номер класса должен быть от 1 до 11",
    ClassNameProblem.NO_LETTER: "после номера нужна буква класса",
    ClassNameProblem.TOO_MANY_LETTERS: "после номера должна быть одна буква",
    ClassNameProblem.BAD_LETTER: "такой буквы класса не бывает",
    ClassNameProblem.AMBIGUOUS_LETTER: "латинская буква, непонятно, какая русская имелась в виду",
}
PERSON_PROBLEMS: dict[PersonRefProblem, str] = {
    PersonRefProblem.EMPTY: "человек не указан",
    PersonRefProblem.NOT_A_PERSON: "это не упоминание, не ссылка на страницу ВКонтакте и не id",
    PersonRefProblem.COMMUNITY: "это сообщество, а нужен человек",
    PersonRefProblem.BAD_ID: "такого id ВКонтакте не бывает",
}
PERSON_HOWTO = (
    "Человека можно указать упоминанием (наберите @ и выберите из списка), "
    "ссылкой на страницу (vk.com/id123) или числом id."
)


def describe(key: str) -> str:
    return COMMAND_TEXTS[key][0]


def example(key: str) -> str:
    return COMMAND_TEXTS[key][1]


def usage(cmd: Command) -> str:
    """«добавить учителя <человек> <предмет> <класс> [<класс> …]»"""
    parts = [cmd.name]
    for arg in cmd.args:
        if arg.kind is ArgKind.CLASSES:
            parts.append("<класс> [<класс> …]")
        elif arg.optional:
            parts.append(f"[{arg_name(cmd, arg.name)}]")
        else:
            parts.append(f"<{arg_name(cmd, arg.name)}>")
    return " ".join(parts)


def render_help(commands: Iterable[Command]) -> str:
    """Only the commands given (permissions.commands_for(roles)), grouped, each with an example."""
    cmds = list(commands)
    lines = ["Вот что я умею. Команды можно писать в личные сообщения сообществу или в чат."]
    for group in HELP_GROUP_ORDER:
        in_group = [c for c in cmds if c.group is group]
        if not in_group:
            continue
        lines.append(f"\n{HELP_GROUP_TITLES[group]}:")
        lines += [f"• {example(c.key)} — {describe(c.key)}" for c in in_group]
    return "\n".join(lines)


def _class_list(classes: Iterable[object]) -> str:
    return ", ".join(str(c) for c in sorted(classes))  # type: ignore[type-var]


def render_whoami(
    roles: Roles, *, full_name: str | None = None, pupil_names: Mapping[int, str] | None = None
) -> str:
    """`pupil_names`: person id → name, for a parent's children."""
    head = f"{full_name}, в" if full_name else "В"
    if not roles:
        return (
            f"{head}ас пока нет в списках школы. Если вы учитель, ученик или родитель, "
            "пожалуйста, напишите администратору школы."
        )
    lines = [f"{head}аши роли:"]
    for role in (Role.ADMIN, Role.DIRECTOR, Role.DEPUTY):
        if roles.has(role):
            lines.append(f"• {ROLE_NAMES[role]}")
    if roles.curated_classes:
        lines.append(f"• куратор: {_class_list(roles.curated_classes)}")
    for subject in sorted(roles.subjects):
        classes = [g.class_name for g in roles.grants if g.subject == subject]
        lines.append(f"• учитель: {subject} — {_class_list(classes)}")
    if roles.pupil_classes:
        lines.append(f"• ученик: {_class_list(roles.pupil_classes)}")
    if roles.children:
        names = pupil_names or {}
        kids = sorted(names.get(i, f"ученик №{i}") for i in roles.children)
        lines.append(f"• родитель: {', '.join(kids)}")
    return "\n".join(lines)


def _with_example(text: str, cmd: Command) -> str:
    return f"{text}\nКак писать: {usage(cmd)}\nПример: {example(cmd.key)}"


def render_parse_error(err: ParseError) -> str:
    """What was wrong, and a correct example."""
    cmd = err.command
    if err.kind is ParseErrorKind.UNKNOWN_COMMAND or cmd is None:
        said = f" «{err.value}»" if err.value else ""
        text = f"Извините, я не знаю команды{said}."
        if err.suggestions:
            maybe = "; ".join(f"{example(c.key)}" for c in err.suggestions)
            text += f"\nВозможно, вы имели в виду: {maybe}"
        return text + "\nСписок команд: помощь"
    name = arg_name(cmd, err.arg.name, accusative=True) if err.arg else ""
    match err.kind:
        case ParseErrorKind.MISSING_ARGUMENT:
            text = f"Пожалуйста, укажите {name}."
        case ParseErrorKind.EXTRA_ARGUMENT:
            text = f"Лишнее в конце команды: «{err.value}»."
        case ParseErrorKind.BAD_CLASS_NAME:
            why = CLASS_PROBLEMS.get(err.class_problem, "") if err.class_problem else ""
            text = f"Не понимаю класс «{err.value}»: {why}."
            if err.class_candidates:
                text += " Напишите букву по-русски: " + " или ".join(
                    f"{err.value[:-1].strip()}{c}" for c in err.class_candidates
                )
                text += "."
        case ParseErrorKind.BAD_PERSON_REF:
            why = PERSON_PROBLEMS.get(err.person_problem, "") if err.person_problem else ""
            text = f"Не понимаю, кто это: «{err.value}» — {why}.\n{PERSON_HOWTO}"
        case ParseErrorKind.BAD_FILTER:
            text = (
                f"Не понимаю «{err.value}». Можно указать класс (5А), чат (ученики, родители), "
                "человека, правило (мат, оскорбления, данные, аккаунт, ссылки, флуд, жалобы, "
                "мошенничество, самозванцы), "
                "срок (сегодня, неделя, месяц) и число записей."
            )
        case ParseErrorKind.BAD_SUBJECT:
            text = f"Название предмета должно состоять из слов, а не «{err.value}»."
        case _ if err.arg is not None and err.arg.kind is ArgKind.NUMBER:  # BAD_NUMBER
            text = f"Здесь нужен номер — целое число, например 12, а не «{err.value}»."
        case _:  # BAD_NUMBER: a count of records
            text = f"Здесь нужно целое число от 1 до {MAX_LOG_COUNT}, а не «{err.value}»."
    return _with_example(text, cmd)


def _who_may(denied: Denied) -> str:
    parts = list(
        dict.fromkeys(ROLE_NAMES_PLURAL[r.role] + SCOPE_NOTES[r.scope] for r in denied.who_may)
    )
    return ", ".join(parts)


def render_refusal(denied: Denied) -> str:
    """A polite refusal that says who may run the command."""
    if not denied.who_may:
        return "Извините, эта команда сейчас недоступна."
    if denied.out_of_scope:
        return (
            "Извините, эту команду вы можете выполнять только для своего класса или предмета.\n"
            f"Её могут выполнять: {_who_may(denied)}."
        )
    return f"Извините, у вас нет прав на эту команду. Её могут выполнять: {_who_may(denied)}."


def render_trail(
    entries: Sequence[TrailEntry], names: Mapping[int, str], *, tz_label: str = ""
) -> str:
    """`журнал`: newest first. `names`: person id → name. Times are shown as given."""
    if not entries:
        return "Журнал пока пуст."
    lines = [f"Последние действия ({len(entries)}):"]
    for e in entries:
        what = describe(e.action) if e.action in BY_KEY else e.action
        details = ", ".join(f"{k}: {v}" for k, v in e.details.items() if v is not None)
        who = names.get(e.actor_person_id, f"№{e.actor_person_id}")
        when = _when(e.at) + (f" {tz_label}" if tz_label else "")
        lines.append(f"• {when} — {who}: {what}" + (f" ({details})" if details else ""))
    return "\n".join(lines)


def _when(at: datetime) -> str:
    return at.strftime("%d.%m.%Y %H:%M")


ROSTER_IMPORT_HOWTO = (
    "Чтобы загрузить списки классов, пришлите мне в личные сообщения таблицу: файл Excel (XLSX; "
    "читается первый лист, другой — назовите в сообщении с файлом: «лист Ученики») или CSV "
    "в любой кодировке.\n"
    "Первая строка — заголовки в любом порядке: класс;роль;фамилия;имя;отчество;vk;ребёнок "
    "(или «ФИО» вместо фамилии, имени и отчества, «Ссылка ВК» вместо vk)\n"
    "Одна строка — один человек, роль — «ученик» или «родитель». У родителя в колонке «ребёнок» — "
    "фамилия и имя ребёнка, как в строке ученика; несколько детей — через «|».\n"
    "Пример:\n"
    "5А;ученик;Иванов;Пётр;Сергеевич;vk.com/id1001;\n"
    ";родитель;Иванова;Елена;Викторовна;;Иванов Пётр\n"
    "Если в файле найдётся ошибка, я ничего не изменю и перечислю все ошибки с номерами строк."
)
COLUMN_NAMES: dict[Column, str] = {
    Column.CLASS: "класс",
    Column.ROLE: "роль",
    Column.LAST_NAME: "фамилия",
    Column.FIRST_NAME: "имя",
    Column.MIDDLE_NAME: "отчество",
    Column.FULL_NAME: "фио",
    Column.VK: "vk",
    Column.CHILD: "ребёнок",
}
_P = RosterProblem


def _roster_error(e: LineError) -> str:
    col = COLUMN_NAMES.get(e.column, "") if e.column else ""
    v = e.value
    match e.kind:
        case _P.FILE_TOO_LARGE:
            return f"файл слишком большой (больше {roster_texts.limit_text()}): разделите его на несколько."
        case _P.NOT_TEXT:
            return ("не удалось прочитать файл: это не таблица Excel и не текст CSV. Сохраните "
                    "таблицу как «Книга Excel» или «CSV (разделители — точка с запятой)».")  # fmt: skip
        case _P.EMPTY_FILE:
            return "в файле нет строк с людьми (нужна строка заголовков и строки учеников и родителей)."
        case _P.BAD_CSV:
            return "не удалось прочитать строку: проверьте кавычки."
        case _P.TOO_MANY_ROWS:
            return f"слишком много строк (больше {MAX_ROWS}): разделите файл на несколько."
        case _P.UNKNOWN_COLUMN:
            return (f"неизвестная колонка «{v}». Допустимо: класс, роль, фамилия, имя, отчество, "
                    "vk, ребёнок (или фио вместо фамилии, имени и отчества).")  # fmt: skip
        case _P.BAD_SHEET | _P.NO_SUCH_SHEET:
            return roster_texts.sheet_problem(e)
        case _P.DUPLICATE_COLUMN:
            return f"колонка «{col}» встречается дважды."
        case _P.MISSING_COLUMN:
            return f"нет колонки «{col}»."
        case _P.TOO_MANY_CELLS:
            return "в строке больше ячеек, чем заголовков: проверьте разделители."
        case _P.MISSING_VALUE:
            return f"не заполнена колонка «{col}»."
        case _P.UNKNOWN_ROLE:
            return (f"неизвестная роль «{v}». Допустимо: ученик, родитель, классный руководитель, "
                    "учитель, сотрудник.")  # fmt: skip
        case _P.BAD_CLASS:
            why = CLASS_PROBLEMS.get(e.class_problem, "") if e.class_problem else ""
            return f"неверный класс «{v}»: {why}. Пример: 5А."
        case _P.BAD_NAME:
            return f"в колонке «{col}» должно быть имя буквами, а не «{v}»."
        case _P.BAD_VK:
            return (
                f"не понимаю страницу ВКонтакте «{v}». Пример: vk.com/id123 (или оставьте пустым)."
            )
        case _P.CHILD_FOR_PUPIL:
            return "у ученика колонка «ребёнок» должна быть пустой."
        case _P.CHILD_NOT_FOUND:
            return f"ребёнок «{v}» не найден среди учеников в этом файле."
        case _P.CHILD_AMBIGUOUS:
            return f"учеников с именем «{v}» несколько: укажите класс ребёнка в колонке «класс»."
        case _P.DUPLICATE_PUPIL:
            return f"ученик «{v}» уже есть в строке {e.other_line}."
        case _P.DUPLICATE_VK:
            return f"страница {v} уже указана в строке {e.other_line} у другого человека."
        case _P.CURATOR_NEEDS_VK:
            return ("у классного руководителя нужна страница ВКонтакте: по ней бот его узнает. "
                    "Пример: vk.com/id123.")  # fmt: skip
        case _P.TWO_CURATORS:
            return (f"у класса {v} уже есть классный руководитель в строке {e.other_line}: "
                    "у класса он один.")  # fmt: skip
    return "ошибка."  # pragma: no cover


def render_roster_errors(errors: RosterErrors, *, limit: int = 40) -> str:
    """«Строка 4: неизвестная роль «учитль». Допустимо: ученик, родитель.» — every problem."""
    n = len(errors.errors)
    lines = [f"Файл не загружен: найдено ошибок — {n}. Исправьте их и пришлите файл снова."]
    lines += [f"Строка {e.line_no}: {_roster_error(e)}" for e in errors.errors[:limit]]
    if n > limit:
        lines.append(f"…и ещё {n - limit}.")
    return "\n".join(lines)


def render_roster_diff(diff: RosterDiff, notes: ReadNotes | None = None) -> str:
    """What an import added and changed (and, from `notes`, every merge it made)."""
    extra = roster_texts.notes_lines(notes) if notes is not None else []
    if diff.is_empty:
        same = f"Списки уже такие, как в файле: ничего не изменилось (людей в файле: {diff.unchanged})."
        return "\n".join([same, *extra])
    lines = ["Списки загружены."]
    if diff.classes_added:
        lines.append(f"Новые классы: {_class_list(diff.classes_added)}.")
    counts = (
        ("Добавлено учеников", len(diff.pupils_added)),
        ("Изменено учеников", len(diff.pupils_changed)),
        ("Добавлено родителей", len(diff.parents_added)),
        ("Изменено родителей", len(diff.parents_changed)),
        ("Без изменений", diff.unchanged),
    )
    lines += [f"{label}: {n}." for label, n in counts if n]
    for c in diff.pupils_changed:
        if "class" in c.fields:
            lines.append(f"• {c.after.full_name}: {c.before.class_name} → {c.after.class_name}")
    absent = len(diff.absent_pupils) + len(diff.absent_parents)
    if absent:
        lines.append(
            f"В файле нет {counted(absent, PEOPLE_GEN)} из тех, кто уже есть в списках; они не удалены."
        )
    return "\n".join(lines + extra)
