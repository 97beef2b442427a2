import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.chats import ChatKind
from bot.domain.classes import ClassName, ClassNameProblem
from bot.domain.commands import BY_KEY, REGISTRY
from bot.domain.grammar import (
    NotACommand,
    Parsed,
    ParseError,
    ParseErrorKind,
    is_start_payload,
    parse_command,
)
from bot.domain.person_ref import ById, ByScreenName

K = ParseErrorKind
C5A, C6B = ClassName(5, "А"), ClassName(6, "Б")

# key → (argument text, expected args)
ARGS = {
    "help": ("", {}),
    "whoami": ("", {}),
    "add_admin": ("[id7|Анна]", {"person": ById(7)}),
    "remove_admin": ("vk.com/id7", {"person": ById(7)}),
    "set_director": ("https://vk.com/olga", {"person": ByScreenName("olga")}),
    "add_deputy": ("7", {"person": ById(7)}),
    "remove_deputy": ("@id7", {"person": ById(7)}),
    "import_roster": ("", {}),
    "export_roster": ("", {}),
    "list_classes": ("", {}),
    "class_people": ("5а", {"class_name": C5A}),
    "add_class": ("5 А", {"class_name": C5A}),
    "rename_class": ("5А 6-б", {"class_name": C5A, "new_name": C6B}),
    "remove_class": ("5a", {"class_name": C5A}),
    "set_curator": ("5А [id7|Мария Иванова]", {"class_name": C5A, "person": ById(7)}),
    "add_teacher": (
        "[id7|Иван Петров] Русский Язык 5А, 6Б",
        {"person": ById(7), "subject": "русский язык", "classes": (C5A, C6B)},
    ),
    "remove_teacher": ("id7", {"person": ById(7)}),
    "log": ("10", {"count": 10}),
    "create_chat": ("5А родители", {"class_name": C5A, "what": "родители"}),
    "bind_chat": ("учительская", {"class_name": None, "what": "учительская"}),
    "invite": ("5А", {"class_name": C5A, "whom": None}),
    "list_invites": ("5А", {"class_name": C5A}),
    "revoke_invite": ("№17", {"number": 17}),
    "revoke_invites": ("5А родители", {"class_name": C5A, "what": "родители"}),
    "reset_link": ("5 а ученики", {"class_name": C5A, "what": "ученики"}),
    "admit": ("[id7|Анна] 5А родители", {"person": ById(7), "class_name": C5A, "what": "родители"}),
    "class_status": ("5А", {"class_name": C5A}),
    "invite_sheet": ("5А ученики", {"class_name": C5A, "whom": "ученики"}),
    "class_link": ("5А родители", {"class_name": C5A, "what": "родители"}),
    "revoke_class_link": ("5А", {"class_name": C5A, "what": None}),
    "report": ("грубит", {"reason": "грубит"}),
    "incidents": (
        "5А родители мат 10",
        {"class_name": C5A, "chat_kind": ChatKind.PARENTS, "rule": "profanity", "count": 10},
    ),
    "report_only": ("родители вкл", {"mode": "родители вкл"}),
    "report_only_digest": ("", {}),
    "audit": ("участники", {"audits": "участники"}),
    "stats": ("5А", {"class_name": C5A}),
    "move_pupil": ("Иванов Пётр 5А 6Б", {"move": "Иванов Пётр 5А 6Б"}),
    "person_left": ("Иванов Пётр", {"leaver": "Иванов Пётр"}),
    "new_year": ("", {}),
    "setup_all_chats": ("", {}),
    "publish": (
        "5А родители Собрание\nв 18:00",
        {"class_name": C5A, "post": "родители Собрание\nв 18:00"},
    ),
    "broadcast": ("родителям 5-е Текст", {"post": "родителям 5-е Текст"}),
    "announce_event": (
        "канал 25.12 18:00 Ёлка",
        {"class_name": None, "post": "канал 25.12 18:00 Ёлка"},
    ),
    "list_posts": ("", {}),
    "reschedule_post": ("12 завтра 10:00", {"number": 12, "when": "завтра 10:00"}),
    "cancel_post": ("№12", {"number": 12}),
    "ack_announce": (
        "5А: Субботник\nв 10:00",
        {"class_name": C5A, "announcement": "Субботник\nв 10:00"},
    ),
    "ack_consent": ("5 А Экскурсия", {"class_name": C5A, "announcement": "Экскурсия"}),
    "ack_poll": ("5А: Когда?; Пн; Вт", {"class_name": C5A, "announcement": "Когда?; Пн; Вт"}),
    "ack_results": ("№3 файл", {"ack_number": 3, "form": "файл"}),
    "faq_add": (
        "5А: что задали = В дневнике",
        {"class_name": C5A, "faq": "что задали = В дневнике"},
    ),
    "faq_list": ("5А", {"class_name": C5A}),
    "faq_remove": ("№3", {"answer_number": 3}),
    "appeal_psychologist": ("Мне тяжело", {"appeal": "Мне тяжело"}),
    "appeal_administration": ("Прошу разобраться", {"appeal": "Прошу разобраться"}),
    "appeal_answer": ("7: Давайте встретимся", {"appeal_number": 7, "reply": "Давайте встретимся"}),
    "away_set": ("с 01.12 по 05.12: На курсах", {"away": "с 01.12 по 05.12: На курсах"}),
    "away_show": ("", {}),
    "away_cancel": ("", {}),
    "official": ("", {}),
}
PREFIXES = ["", "/", "!", "/ ", "[club1|@school] ", "[club1|Школа], ", "@school1 ", "@club1: "]


def parse(text, **kw):
    return parse_command(text, community_id=1, community_screen_name="school1", **kw)


def test_every_command_has_a_sample():
    assert set(ARGS) == set(BY_KEY)


def _forms():
    for cmd in REGISTRY:
        for phrase in cmd.all_phrases:
            for prefix in PREFIXES:
                yield cmd.key, phrase, prefix


@pytest.mark.parametrize(("key", "phrase", "prefix"), list(_forms()))
def test_every_phrase_with_every_prefix(key, phrase, prefix):
    argtext, expected = ARGS[key]
    for text in (phrase, phrase.upper(), phrase.replace("е", "ё")):
        result = parse(f"{prefix}{text} {argtext}".rstrip())
        assert isinstance(result, Parsed), (text, result)
        assert result.key == key
        assert dict(result.args) == expected | (
            {"count": None} if key == "log" and not argtext else {}
        )


@pytest.mark.parametrize("in_chat", [False, True])
def test_whole_commands_work_in_chat_and_dm(in_chat):
    assert parse("Классы", in_chat=in_chat).key == "list_classes"
    assert parse("кто я?", in_chat=in_chat).key == "whoami"
    assert parse("Помощь!", in_chat=in_chat).key == "help"


def test_spaces_are_collapsed():
    r = parse("  добавить    класс    5А  ")
    assert r.key == "add_class" and r.args["class_name"] == C5A


def test_log_without_count():
    assert parse("журнал").args == {"count": None}


def test_mention_alone_means_help():
    assert parse("[club1|Школа]", in_chat=True).key == "help"


def test_longest_phrase_wins():
    assert parse("классы").key == "list_classes"
    assert parse("класс 5А").key == "class_people"
    assert parse("список классов").key == "list_classes"


def test_teacher_with_mention_name_in_parentheses():
    r = parse("добавить учителя @id7 (Иван Петров) математика 5А")
    assert r.args == {"person": ById(7), "subject": "математика", "classes": (C5A,)}


def test_teacher_classes_with_and_and_duplicates():
    r = parse("добавить учителя id7 изо 5 А и 6Б 5а")
    assert r.args["classes"] == (C5A, C6B)


# --- what is not a command -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "   ", "Привет всем!", "Класс!", "Класс 5А завтра едет в музей", "Помощь нужна?",
     "журнал заполнен?", "[id5|Петя], кто я?", "[club2|Другая школа] помощь", "@vasya помощь"],
)  # fmt: skip
def test_talk_in_a_chat_is_not_a_command(text):
    assert parse(text, in_chat=True) == NotACommand()


def test_empty_dm_is_not_a_command():
    assert parse("", in_chat=False) == NotACommand()  # a message with only a file


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize("in_chat", [False, True])
def test_unknown_command_with_suggestion(in_chat):
    r = parse("/добавить клас 5А", in_chat=in_chat)
    assert isinstance(r, ParseError) and r.kind is K.UNKNOWN_COMMAND
    assert r.suggestions[0].key == "add_class"


def test_unknown_in_dm_without_prefix():
    r = parse("привет")
    assert isinstance(r, ParseError) and r.kind is K.UNKNOWN_COMMAND


def test_lone_prefix():
    r = parse("/")
    assert isinstance(r, ParseError) and r.kind is K.UNKNOWN_COMMAND and not r.suggestions


@pytest.mark.parametrize(
    ("text", "kind", "arg"),
    [
        ("добавить класс", K.MISSING_ARGUMENT, "class_name"),
        ("назначить куратора 5А", K.MISSING_ARGUMENT, "person"),
        ("переименовать класс 5А", K.MISSING_ARGUMENT, "new_name"),
        ("добавить учителя id7", K.MISSING_ARGUMENT, "subject"),
        ("добавить учителя id7 математика", K.MISSING_ARGUMENT, "classes"),
        ("добавить учителя id7 5А", K.MISSING_ARGUMENT, "subject"),
        ("добавить учителя id7 [id8|x] 5А", K.BAD_SUBJECT, "subject"),
        ("добавить админа Иван", K.BAD_PERSON_REF, "person"),
        ("добавить админа [club1|Школа]", K.BAD_PERSON_REF, "person"),
        ("журнал много", K.BAD_NUMBER, "count"),
        ("журнал 0", K.BAD_NUMBER, "count"),
        ("журнал 100000", K.BAD_NUMBER, "count"),
        ("добавить класс 12Я", K.BAD_CLASS_NAME, "class_name"),
        ("добавить учителя id7 химия 5А 12Я", K.BAD_CLASS_NAME, "classes"),
    ],
)
def test_argument_errors(text, kind, arg):
    r = parse(text)
    assert isinstance(r, ParseError), r
    assert r.kind is kind and r.arg is not None and r.arg.name == arg
    assert r.command is not None


def test_bad_class_carries_reason():
    r = parse("класс 12Я")
    assert r.class_problem is ClassNameProblem.GRADE_OUT_OF_RANGE and r.value == "12Я"
    r = parse("класс 5b")
    assert r.class_problem is ClassNameProblem.AMBIGUOUS_LETTER and r.class_candidates


@pytest.mark.parametrize(
    ("text", "extra"),
    [("помощь мне", "мне"), ("добавить класс 5А 6Б", "6Б"), ("кто я такой", "такой"),
     ("удалить админа id5 id6", "id6")],
)  # fmt: skip
def test_extra_argument(text, extra):
    r = parse(text)
    assert isinstance(r, ParseError) and r.kind is K.EXTRA_ARGUMENT and r.value == extra


def test_errors_in_a_chat_need_addressing():
    assert parse("добавить класс 12Я", in_chat=True) == NotACommand()
    assert isinstance(parse("!добавить класс 12Я", in_chat=True), ParseError)
    assert isinstance(parse("[club1|Школа] добавить класс 12Я", in_chat=True), ParseError)


@pytest.mark.parametrize(
    ("payload", "ok"),
    [('{"command":"start"}', True), ({"command": "start"}, True), ('{"command":"x"}', False),
     ("not json", False), (None, False), ("[1]", False), ("[" * 10000, False)],
)  # fmt: skip
def test_start_payload(payload, ok):
    assert is_start_payload(payload) is ok


# --- never raises -----------------------------------------------------------------------------

_words = st.sampled_from([p for c in REGISTRY for p in c.all_phrases])


@given(st.text(), st.booleans())
def test_arbitrary_text_never_raises(text, in_chat):
    r = parse(text, in_chat=in_chat)
    assert isinstance(r, Parsed | NotACommand | ParseError)


@given(st.sampled_from(PREFIXES), _words, st.text(), st.booleans())
def test_arbitrary_text_after_a_command_never_raises(prefix, phrase, tail, in_chat):
    r = parse(f"{prefix}{phrase} {tail}", in_chat=in_chat)
    assert isinstance(r, Parsed | NotACommand | ParseError)


_argish = st.lists(
    st.sampled_from(["5А", "5", "а", "-б", "12Я", "id5", "[id5|Иван Петров]", "(Иван", "x)", ",",
                     "и", "математика", "vk.com/x", "0", "@", "[", "]", "|", "ё", "²"]),
    max_size=8,
)  # fmt: skip


@given(_words, _argish)
def test_argument_soup_never_raises(phrase, words):
    r = parse(f"/{phrase} {' '.join(words)}")
    assert isinstance(r, Parsed | ParseError)
