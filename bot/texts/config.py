"""Texts about the configuration file (read by the person who starts the bot)."""

HINT_SECTION_VK = "раздел [vk] — подключение к сообществу ВКонтакте"
HINT_SECTION_SCHOOL = "раздел [school] — сведения о школе"
HINT_SECTION_STORAGE = "раздел [storage] — где хранить базу данных"
HINT_SECTION_MODERATION = "раздел [moderation] — как бот следит за правилами общения в чатах"
HINT_GROUP_ID = (
    "ID сообщества школы ВКонтакте — целое положительное число, "
    "например group_id = 123456789 (Управление сообществом → Работа с API)"
)
HINT_TOKEN = (
    "ключ доступа сообщества; лучше задать его переменной окружения SCHOOLBOT_VK_TOKEN, "
    "чтобы он не лежал в файле"
)
HINT_API_URL = 'адрес API ВКонтакте, например api_url = "https://api.vk.ru/method/"'
HINT_API_VERSION = 'версия API ВКонтакте, например api_version = "5.199"'
HINT_RPS = "сколько запросов в секунду можно делать к API: целое число от 1 до 20, например 20"
HINT_INTAKE = (
    "как бот получает события ВКонтакте: \"longpoll\" (Bots Long Poll, по умолчанию) или"
    " \"callback\" (Callback API: ВКонтакте сам присылает события на адрес бота, см. раздел"
    " [vk.callback] и docs/scaling.md)"
)
HINT_SECTION_CALLBACK = (
    "раздел [vk.callback] — приём событий по Callback API: адрес, порт, путь, строка подтверждения"
)
HINT_CALLBACK_HOST = "на каком адресе слушать запросы ВКонтакте, например \"127.0.0.1\" за nginx"
HINT_CALLBACK_PORT = "порт для запросов ВКонтакте: от 1 до 65535, например 8080"
HINT_CALLBACK_PATH = "путь адреса, который указан в настройках сообщества, например \"/vk/callback\""
HINT_CALLBACK_CONFIRMATION = (
    "строка, которую ВКонтакте показывает в «Управление → Работа с API → Callback API»; если"
    " не указана, бот спросит её у ВКонтакте сам (groups.getCallbackConfirmationCode)"
)
HINT_CALLBACK_SECRET = (
    "секретный ключ из настроек Callback API; лучше задать переменной окружения"
    " SCHOOLBOT_VK_CALLBACK_SECRET, а не в файле"
)
HINT_SECTION_HEALTH = "раздел [health] — адрес /health и метрики /metrics для наблюдения за ботом"
HINT_HEALTH_HOST = "на каком адресе отвечать на /health и /metrics, например \"127.0.0.1\""
HINT_HEALTH_PORT = "порт для /health и /metrics: 0 — выключено, иначе от 1 до 65535, например 9108"
HINT_LP_WAIT = "сколько секунд ждать событий Long Poll за один запрос: от 1 до 90, например 25"
HINT_SCREEN_NAME = (
    'короткое имя сообщества из его адреса vk.com/<имя>, например screen_name = "school1"; '
    "нужно для листовок с приглашениями из командной строки"
)
HINT_SCHOOL_NAME = 'название школы, например name = "МБОУ СОШ № 1"'
HINT_TIMEZONE = 'часовой пояс школы, например timezone = "Europe/Moscow"'
HINT_ADMINS = "VK ID первых администраторов бота, например admins = [1234567]"
HINT_SECTION_CHATS = "раздел [chats] — чаты классов и приглашения"
HINT_SECTION_TITLES = "раздел [chats.titles] — шаблоны названий чатов"
HINT_TITLE = (
    "шаблон названия чата в кавычках; можно {class}, {subject} (в предметных) и {school}, "
    'например "{class} · родители"'
)
HINT_INVITE_DAYS = "сколько дней действует личное приглашение: от 1 до 90, например 14"
HINT_GATE_POLICY = (
    'что делать с вошедшим без приглашения: "remove" — удалить из чата и сообщить куратору, '
    '"keep_and_report" — оставить и сообщить куратору'
)
HINT_DIGEST_SECONDS = (
    "сколько секунд ждать следующего вошедшего без приглашения, чтобы сообщить обо всех "
    "одним сообщением: от 0.1 до 60, например 2"
)
HINT_DIGEST_LONGEST = (
    "дольше скольких секунд после первого вошедшего не ждать: от 1 до 600, например 30"
)
HINT_RIGHTS_CHECK_MINUTES = (
    "как часто (в минутах) проверять, дали ли боту права администратора в привязанном чате: "
    "от 1 до 1440, например 10"
)
HINT_DB_PATH = 'путь к файлу базы данных, например path = "data/schoolbot.sqlite3"'
HINT_MOD_ENABLED = "следить ли за правилами в чатах: true или false"
HINT_MOD_WARNING_DAYS = "сколько дней помнить предупреждение: от 1 до 365, например 30"
HINT_MOD_RESTRICT_AFTER = (
    "после скольких действующих предупреждений человеку запрещают писать на время, например 2"
)
HINT_MOD_RESTRICT_MINUTES = "на сколько минут запрещать писать, например 60"
HINT_MOD_REMOVE_AFTER = (
    "после скольких действующих предупреждений человека исключают из чата (больше, чем "
    "restrict_after), например 4"
)
HINT_MOD_FLOOD = "флуд: больше flood_messages сообщений за flood_seconds секунд, например 8 и 10"
HINT_MOD_RAID = "наплыв: больше raid_joins вступлений за raid_seconds секунд, например 10 и 60"
HINT_MOD_ALERT_TO = 'куда слать сообщения о нарушениях: "dm" (в личные) или "log_chat"'
HINT_MOD_LOG_CHAT = (
    "peer_id чата модерации (2000000000 + номер чата), например log_chat_peer_id = 2000000005"
)
HINT_MOD_DOMAINS = 'сайты, на которые можно ссылаться, например allowed_domains = ["school45.ru"]'
HINT_MOD_EXEMPT = 'правила, которые не действуют для сотрудников, например ["external_link"]'
HINT_MOD_REPORTS = "сколько жалоб в час может отправить один человек, например 5"
HINT_MOD_SCAM_COUNTS = (
    "считать ли удалённое сообщение о сборе денег предупреждением автору: true или false"
)
HINT_MOD_IMPERSONATION = (
    "сообщать ли администраторам о тех, кто назвался сотрудником школы, не будучи им: true/false"
)
HINT_MOD_QR = "искать ли QR-коды на картинках тех, кто не сотрудник школы: true или false"
HINT_MOD_KINDS = "настройки по видам чатов, например [moderation.kinds.parents]"
HINT_MOD_OFF = 'правила, которые в чатах этого вида не проверяются, например off = ["flood"]'
HINT_MOD_WARN_ONLY = "правила, за которые в чатах этого вида только предупреждают"
BAD_MOD_THRESHOLDS = "remove_after должно быть больше restrict_after"
BAD_MOD_LOG_CHAT = 'при alert_to = "log_chat" нужно указать log_chat_peer_id'

BAD_URL = "адрес должен начинаться с http:// или https://"
BAD_TIMEZONE = "неизвестный часовой пояс"
BAD_ADMIN_ID = "VK ID — целые положительные числа"
FILE_NOT_FOUND = (
    "файл не найден. Скопируйте config.example.toml в config.toml и заполните его, "
    "или укажите путь: schoolbot run --config ПУТЬ"
)


def bad_title(detail: str) -> str:
    return f"шаблон названия чата не подходит ({detail})"


def bad_toml(detail: str) -> str:
    return f"файл не разобран как TOML ({detail}). Проверьте кавычки, скобки и знаки «=»."


def missing_key(key: str, hint: str) -> str:
    return f"не хватает ключа {key}. Добавьте его: {hint}." if hint else f"не хватает {key}."


def unknown_key(key: str, closest: str | None = None) -> str:
    if closest:
        return (
            f"неизвестный ключ {key}. Может быть, вы имели в виду {closest}? "
            "(все ключи описаны в config.example.toml)"
        )
    return (
        f"неизвестный ключ {key}. Уберите его или проверьте написание "
        "(все ключи описаны в config.example.toml)."
    )


TOKEN_IN_FILE = (
    "ключ доступа записан в файле ([vk].token). Так его легко показать или выложить вместе с "
    "файлом: уберите строку token из файла и задайте ключ переменной окружения "
    "SCHOOLBOT_VK_TOKEN (на сервере — в файле окружения службы, см. docs/deploy.md)"
)
TOKEN_IN_FILE_WARNING = (
    "Внимание: ключ доступа записан в файле настроек {source}. Лучше убрать его оттуда и задать "
    "переменной окружения SCHOOLBOT_VK_TOKEN (см. docs/deploy.md); schoolbot check-config "
    "считает это ошибкой."
)


def bad_value(key: str, value: str, reason: str, hint: str) -> str:
    line = f"неверное значение {key} = {value}: {reason}."
    return f"{line} Нужно: {hint}." if hint else line


def render_config_error(source: str, problems: list[str]) -> str:
    lines = [f"Настройки в {source} не подходят, бот не запущен:"]
    lines += [f"  • {problem}" for problem in problems]
    return "\n".join(lines)


# pydantic error types → Russian reasons; {ctx keys} are filled from the error's context.
REASONS = {
    "int_parsing": "нужно целое число",
    "int_type": "нужно целое число",
    "int_from_float": "нужно целое число",
    "float_parsing": "нужно число",
    "float_type": "нужно число",
    "string_type": "нужен текст в кавычках",
    "list_type": "нужен список в квадратных скобках",
    "model_type": "нужен раздел (таблица TOML)",
    "dict_type": "нужен раздел (таблица TOML)",
    "greater_than": "должно быть больше {gt}",
    "greater_than_equal": "должно быть не меньше {ge}",
    "less_than": "должно быть меньше {lt}",
    "less_than_equal": "должно быть не больше {le}",
    "too_short": "не должно быть пустым",
    "string_too_short": "не должно быть пустым",
    "string_pattern_mismatch": "неверный формат",
    "bool_parsing": "нужно true или false",
    "bool_type": "нужно true или false",
    "path_type": "нужен путь к файлу в кавычках",
    "enum": "допустимо: {expected}",
}
UNKNOWN_REASON = "значение не подходит"


def bad_rules(unknown: list[str], known: tuple[str, ...]) -> str:
    return f"неизвестные правила: {', '.join(unknown)}; есть такие: {', '.join(known)}"


# --- [audits] and [school_year] (issue 7) -------------------------------------------------------
HINT_SECTION_AUDITS = "раздел [audits] — расписания аудитов и еженедельного отчёта директору"
HINT_CRON = (
    "расписание в формате cron «минуты часы день месяц день_недели» по часовому поясу школы, "
    'например "0 7 * * *" — каждый день в 7:00; пустая строка "" — не запускать по расписанию'
)
HINT_SECTION_SCHOOL_YEAR = "раздел [school_year] — переход на новый учебный год"
HINT_GRADUATE_CHATS = (
    'что делать с чатами выпускного класса: "leave" — бот выходит из чата, '
    '"read_only" — бот остаётся, а писать в чате больше нельзя'
)


def bad_cron(error: str) -> str:
    return f'это не расписание cron ({error}); нужно пять полей, например "0 7 * * *"'


# --- [posts]: channels, announcements and scheduled posts -------------------------------------
HINT_SECTION_POSTS = "раздел [posts] — каналы школы, объявления и отложенные публикации"
HINT_POSTS_SPEAKERS = (
    'кто может писать в каналах школы, кроме бота: роли, например speakers = ["admin", "director", '
    '"deputy"] (admin, director, deputy, curator, teacher)'
)
HINT_POSTS_GRACE = (
    "сколько минут после назначенного времени бот ещё отправляет публикацию, пропущенную, пока он "
    "не работал (0–1440), например 30"
)


def bad_speakers(unknown: list[str], known: tuple[str, ...]) -> str:
    return f"неизвестные роли: {', '.join(unknown)}; есть такие: {', '.join(known)}"


HINT_REQUEST_TIMEOUT = (
    "сколько секунд ждать ответа ВКонтакте на один запрос, прежде чем повторить его "
    "(число от 1 до 120, например 20)"
)

HINT_SECTION_ACKS = "раздел [acks] — объявления с кнопками: подтверждение, согласие, опрос"
HINT_ACKS_REMIND = (
    "через сколько часов после объявления с кнопками бот напоминает не ответившим и присылает "
    "автору итоги (1–720), например 24"
)
HINT_SECTION_CONFIDENTIAL = (
    "раздел [confidential] — доверительная линия: обращения учеников и родителей к психологу и "
    "администрации"
)
HINT_CONFIDENTIAL_PSYCHOLOGIST = (
    "VK ID школьного психолога (число); не указан — обращения «психологу» получает администрация"
)
HINT_CONFIDENTIAL_TITLE = "как назвать психолога в сообщениях бота, например «педагог-психолог»"
HINT_CONFIDENTIAL_PER_DAY = "сколько обращений в сутки может отправить один человек (1–50)"

# --- [quiet]: quiet hours in the parents' and pupils' chats ------------------------------------
HINT_SECTION_QUIET = "раздел [quiet] — тихие часы в чатах родителей и учеников"
HINT_QUIET_ENABLED = "включены ли тихие часы: true или false"
HINT_QUIET_START = 'когда начинаются тихие часы, ЧЧ:ММ по часовому поясу школы, например "20:00"'
HINT_QUIET_END = 'когда заканчиваются тихие часы (утром), ЧЧ:ММ, например "08:00"'
HINT_QUIET_WEEKENDS = "тихие ли суббота и воскресенье целиком: true или false"
HINT_QUIET_HOLIDAYS = (
    "праздники и каникулы — тихие дни целиком: даты и промежутки, например holidays = "
    '["2027-01-07", "2026-12-30..2027-01-08", "08.03.2027"]'
)
HINT_QUIET_CHATS = (
    'в каких видах чатов действуют тихие часы, например chats = ["parents", "pupils"] '
    "(pupils, parents, subject, teachers_room, director_deputies, director_teachers, "
    "channel_general, channel_staff)"
)
HINT_QUIET_KINDS = (
    "свои часы для одного вида чатов, например [quiet.kinds.pupils] со start, end, weekends"
)
BAD_QUIET_TIME = 'нужно время ЧЧ:ММ от 00:00 до 23:59 в кавычках, например "20:00"'


def bad_holiday(item: object) -> str:
    return (
        f"не понимаю дату {item!r}: нужна дата ГГГГ-ММ-ДД или ДД.ММ.ГГГГ, или промежуток "
        'через «..», например "2026-12-30..2027-01-08" (не длиннее года)'
    )


def quiet_kind_not_in_chats(kinds: list[str]) -> str:
    return (
        f"для видов чатов {', '.join(kinds)} заданы свои тихие часы, но их нет в [quiet].chats; "
        "добавьте их туда или уберите [quiet.kinds.…]"
    )
