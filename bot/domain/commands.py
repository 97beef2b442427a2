"""The command registry: one declarative list of every command the bot understands.

Russian phrases come first (the first one is the command's name in help), English aliases after.
Descriptions, examples and argument placeholders are Russian texts and live in
bot/texts/commands.py, keyed by `Command.key` and `Arg.name`; a test checks none is missing.
To add a command: add a `Command` here, a row in permissions.PERMISSIONS and its texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ArgKind(StrEnum):
    CLASS = "class"  # one class name → ClassName
    PERSON = "person"  # a mention, link or id → ById | ByScreenName
    SUBJECT = "subject"  # one or more words up to the first class → str (normalised)
    CLASSES = "classes"  # one or more class names → tuple[ClassName, ...]
    COUNT = "count"  # a positive whole number → int
    NUMBER = "number"  # an identifier the bot showed, e.g. an invitation's №17 → int
    TEXT = "text"  # the rest of the message as written → str
    # The rest as incident filter words in any order: class, chat kind, person, rule, period,
    # count → top-level args class_name, chat_kind, person, rule, days, count (all optional).
    FILTERS = "filters"


@dataclass(frozen=True, slots=True)
class Arg:
    name: str
    kind: ArgKind
    optional: bool = False


class HelpGroup(StrEnum):
    GENERAL = "general"
    SCHOOL = "school"
    CLASSES = "classes"
    PEOPLE = "people"
    CHATS = "chats"
    LOG = "log"
    MODERATION = "moderation"
    AUDITS = "audits"
    POSTS = "posts"
    FAQ = "faq"
    APPEALS = "appeals"


@dataclass(frozen=True, slots=True)
class Command:
    key: str
    phrases: tuple[str, ...]  # Russian first; lower-case, «е» not «ё», single spaces
    aliases: tuple[str, ...]  # English
    args: tuple[Arg, ...]
    group: HelpGroup

    def __repr__(self) -> str:
        return f"Command({self.key!r})"

    @property
    def name(self) -> str:
        return self.phrases[0]

    @property
    def all_phrases(self) -> tuple[str, ...]:
        return self.phrases + self.aliases


_A = ArgKind
_PERSON = (Arg("person", _A.PERSON),)

REGISTRY: tuple[Command, ...] = (
    # Общее
    Command("help", ("помощь", "справка", "начать", "команды"),
            ("help", "start", "commands"), (), HelpGroup.GENERAL),
    Command("whoami", ("кто я",), ("whoami", "who am i"), (), HelpGroup.GENERAL),
    # Школа: администраторы и администрация
    Command("add_admin", ("добавить админа", "добавить администратора", "назначить админа"),
            ("add admin",), _PERSON, HelpGroup.SCHOOL),
    Command("remove_admin", ("удалить админа", "удалить администратора", "снять админа"),
            ("remove admin",), _PERSON, HelpGroup.SCHOOL),
    Command("set_director", ("назначить директора",), ("set director",), _PERSON,
            HelpGroup.SCHOOL),
    Command("add_deputy", ("назначить заместителя", "добавить заместителя", "назначить завуча"),
            ("add deputy",), _PERSON, HelpGroup.SCHOOL),
    Command("remove_deputy", ("удалить заместителя", "снять заместителя", "удалить завуча"),
            ("remove deputy",), _PERSON, HelpGroup.SCHOOL),
    Command("import_roster", ("импорт", "загрузить списки", "импорт списков"),
            ("import",), (), HelpGroup.SCHOOL),
    Command("export_roster", ("экспорт", "выгрузить списки", "экспорт списков"),
            ("export",), (), HelpGroup.SCHOOL),
    # Классы
    Command("list_classes", ("классы", "список классов"), ("classes", "list classes"), (),
            HelpGroup.CLASSES),
    Command("class_people", ("класс", "состав класса"), ("class",),
            (Arg("class_name", _A.CLASS),), HelpGroup.CLASSES),
    Command("add_class", ("добавить класс",), ("add class",),
            (Arg("class_name", _A.CLASS),), HelpGroup.CLASSES),
    Command("rename_class", ("переименовать класс",), ("rename class",),
            (Arg("class_name", _A.CLASS), Arg("new_name", _A.CLASS)), HelpGroup.CLASSES),
    Command("remove_class", ("удалить класс",), ("remove class", "delete class"),
            (Arg("class_name", _A.CLASS),), HelpGroup.CLASSES),
    # Люди
    Command("set_curator", ("назначить куратора", "назначить классного руководителя"),
            ("set curator",),
            (Arg("class_name", _A.CLASS), Arg("person", _A.PERSON)), HelpGroup.PEOPLE),
    Command("add_teacher", ("добавить учителя",), ("add teacher",),
            (Arg("person", _A.PERSON), Arg("subject", _A.SUBJECT), Arg("classes", _A.CLASSES)),
            HelpGroup.PEOPLE),
    Command("remove_teacher", ("удалить учителя",), ("remove teacher",), _PERSON,
            HelpGroup.PEOPLE),
    # Чаты и приглашения
    Command("create_chat", ("создать чат",), ("create chat",),
            (Arg("class_name", _A.CLASS, optional=True), Arg("what", _A.TEXT)), HelpGroup.CHATS),
    Command("bind_chat", ("привязать чат", "привязать"), ("bind chat", "bind"),
            (Arg("class_name", _A.CLASS, optional=True), Arg("what", _A.TEXT)), HelpGroup.CHATS),
    Command("invite", ("пригласить",), ("invite",),
            (Arg("class_name", _A.CLASS), Arg("whom", _A.TEXT, optional=True)), HelpGroup.CHATS),
    Command("list_invites", ("приглашения", "список приглашений"), ("invites",),
            (Arg("class_name", _A.CLASS),), HelpGroup.CHATS),
    Command("revoke_invite", ("отозвать приглашение", "отменить приглашение"),
            ("revoke invite",), (Arg("number", _A.NUMBER),), HelpGroup.CHATS),
    Command("revoke_invites", ("отозвать приглашения", "отменить приглашения"),
            ("revoke invites",), (Arg("class_name", _A.CLASS), Arg("what", _A.TEXT)),
            HelpGroup.CHATS),
    Command("reset_link", ("сбросить ссылку", "новая ссылка"), ("reset link",),
            (Arg("class_name", _A.CLASS, optional=True), Arg("what", _A.TEXT)), HelpGroup.CHATS),
    Command("admit", ("впустить",), ("admit",),
            (Arg("person", _A.PERSON), Arg("class_name", _A.CLASS), Arg("what", _A.TEXT)),
            HelpGroup.CHATS),
    Command("class_status", ("статус", "статус класса"), ("status",),
            (Arg("class_name", _A.CLASS),), HelpGroup.CHATS),
    Command("invite_sheet", ("листовки", "распечатать приглашения"), ("sheet",),
            (Arg("class_name", _A.CLASS), Arg("whom", _A.TEXT, optional=True)), HelpGroup.CHATS),
    Command("setup_all_chats",
            ("чаты всем классам", "создать чаты всем классам", "создать чаты для всех классов",
             "чаты для всех классов"),
            ("create all chats", "setup all chats"), (), HelpGroup.CHATS),
    Command("class_link", ("ссылка для класса", "общая ссылка", "ссылка класса"),
            ("class link",),
            (Arg("class_name", _A.CLASS), Arg("what", _A.TEXT, optional=True)), HelpGroup.CHATS),
    Command("revoke_class_link", ("отозвать общую ссылку", "отменить общую ссылку",
                                  "отозвать ссылку класса"),
            ("revoke class link",),
            (Arg("class_name", _A.CLASS), Arg("what", _A.TEXT, optional=True)), HelpGroup.CHATS),
    # Журнал
    Command("log", ("журнал",), ("log", "trail"), (Arg("count", _A.COUNT, optional=True),),
            HelpGroup.LOG),
    # Модерация
    Command("report", ("жалоба", "пожаловаться"), ("report",),
            (Arg("reason", _A.TEXT, optional=True),), HelpGroup.MODERATION),
    Command("incidents", ("нарушения", "список нарушений"), ("incidents",),
            (Arg("filters", _A.FILTERS, optional=True),), HelpGroup.MODERATION),
    Command("report_only", ("пробный режим", "только отчет"), ("report only", "dry run"),
            (Arg("mode", _A.TEXT, optional=True),), HelpGroup.MODERATION),
    Command("report_only_digest", ("отчет пробного режима",), ("dry run report",), (),
            HelpGroup.MODERATION),
    # Аудиты, движение людей, статистика
    Command("audit", ("аудит",), ("audit",), (Arg("audits", _A.TEXT, optional=True),),
            HelpGroup.AUDITS),
    Command("stats", ("статистика",), ("stats", "statistics"),
            (Arg("class_name", _A.CLASS, optional=True),), HelpGroup.AUDITS),
    Command("move_pupil", ("перевести", "перевести ученика"), ("move pupil",),
            (Arg("move", _A.TEXT),), HelpGroup.AUDITS),
    Command("person_left", ("выбыл", "выбыла", "выбыли"), ("left",),
            (Arg("leaver", _A.TEXT),), HelpGroup.AUDITS),
    Command("new_year", ("новый учебный год",), ("new school year",), (), HelpGroup.AUDITS),
    # Объявления: каналы, рассылки, события
    Command("publish", ("опубликовать",), ("publish", "post"),
            (Arg("class_name", _A.CLASS, optional=True), Arg("post", _A.TEXT)), HelpGroup.POSTS),
    Command("broadcast", ("рассылка", "разослать"), ("broadcast",),
            (Arg("post", _A.TEXT),), HelpGroup.POSTS),
    Command("announce_event", ("событие", "объявить событие"), ("event",),
            (Arg("class_name", _A.CLASS, optional=True), Arg("post", _A.TEXT)), HelpGroup.POSTS),
    Command("list_posts", ("запланировано", "запланированные публикации"), ("scheduled",), (),
            HelpGroup.POSTS),
    Command("reschedule_post", ("перенести", "перенести публикацию"), ("reschedule",),
            (Arg("number", _A.NUMBER), Arg("when", _A.TEXT)), HelpGroup.POSTS),
    Command("cancel_post", ("отменить публикацию", "отменить рассылку", "отменить событие"),
            ("cancel post",), (Arg("number", _A.NUMBER),), HelpGroup.POSTS),
    # Объявления с ответом кнопкой: подтверждение, согласие, опрос (issue 10)
    Command("ack_announce", ("объявление с подтверждением", "объявление с отметкой"),
            ("ack",), (Arg("class_name", _A.CLASS), Arg("announcement", _A.TEXT)),
            HelpGroup.POSTS),
    Command("ack_consent", ("согласие", "запросить согласие"), ("consent",),
            (Arg("class_name", _A.CLASS), Arg("announcement", _A.TEXT)), HelpGroup.POSTS),
    Command("ack_poll", ("опрос",), ("poll",),
            (Arg("class_name", _A.CLASS), Arg("announcement", _A.TEXT)), HelpGroup.POSTS),
    Command("ack_results", ("итоги", "итоги объявления"), ("results",),
            (Arg("ack_number", _A.NUMBER), Arg("form", _A.TEXT, optional=True)),
            HelpGroup.POSTS),
    # Частые вопросы
    Command("faq_add", ("ответ", "добавить ответ"), ("faq add",),
            (Arg("class_name", _A.CLASS, optional=True), Arg("faq", _A.TEXT)), HelpGroup.FAQ),
    Command("faq_list", ("ответы", "частые вопросы"), ("faq",),
            (Arg("class_name", _A.CLASS, optional=True),), HelpGroup.FAQ),
    Command("faq_remove", ("удалить ответ",), ("faq remove",), (Arg("answer_number", _A.NUMBER),),
            HelpGroup.FAQ),
    # Доверительная линия
    Command("appeal_psychologist", ("психологу", "написать психологу"), ("psychologist",),
            (Arg("appeal", _A.TEXT),), HelpGroup.APPEALS),
    Command("appeal_administration", ("администрации", "написать администрации"),
            ("administration",), (Arg("appeal", _A.TEXT),), HelpGroup.APPEALS),
    Command("appeal_answer", ("ответить обращению", "ответить на обращение"), ("answer appeal",),
            (Arg("appeal_number", _A.NUMBER), Arg("reply", _A.TEXT)), HelpGroup.APPEALS),
    # Тихие часы: режим отсутствия учителя
    Command("away_set", ("отсутствую",), ("away",), (Arg("away", _A.TEXT),), HelpGroup.GENERAL),
    Command("away_show", ("отсутствие", "мое отсутствие"), ("away status",), (),
            HelpGroup.GENERAL),
    Command("away_cancel", ("отсутствие отменить", "отменить отсутствие", "отсутствие снять"),
            ("away off",), (), HelpGroup.GENERAL),
    # Порядок в чатах: официальная отметка (ответом на своё сообщение в чате)
    Command("official", ("официально",), ("official",), (), HelpGroup.MODERATION),
)  # fmt: skip

BY_KEY: dict[str, Command] = {c.key: c for c in REGISTRY}
HELP_GROUP_ORDER: tuple[HelpGroup, ...] = tuple(HelpGroup)

DEFAULT_LOG_COUNT = 20
MAX_LOG_COUNT = 200
MAX_NUMBER = 10**9


def command(key: str) -> Command:
    return BY_KEY[key]
