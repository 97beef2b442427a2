"""Texts of the command line."""

DESCRIPTION = "Бот школы для VK Мессенджера: чаты классов, приглашения, модерация по Положению."
HELP_RUN = "запустить бота (без ключа доступа — на встроенной песочнице VK)"
HELP_DEMO = "показать работу бота на песочнице VK: сцены переписки с ботом"
HELP_CHECK = "проверить файл настроек и выйти"
HELP_CONFIG = "путь к файлу настроек (по умолчанию config.toml)"
HELP_SANDBOX_PORT = "порт песочницы VK, когда ключ не задан (0 — любой свободный)"
HELP_LOG_LEVEL = "подробность журнала: DEBUG, INFO, WARNING"
TOKEN_SET = "ключ доступа задан"
TOKEN_MISSING = "ключ доступа не задан — бот запустится на песочнице"
CONFIG_OK = (
    "Настройки в {source} в порядке: школа «{school}», сообщество {group_id}, база {db}; {token}."
)
HELP_ROSTER = "списки школы: загрузить из CSV или выгрузить в CSV"
HELP_ROSTER_IMPORT = "загрузить списки классов, учеников и родителей из файла CSV"
HELP_ROSTER_EXPORT = "выгрузить списки в CSV (в том же формате, что и для загрузки)"
HELP_ROSTER_FILE = (
    "файл Excel (XLSX) или CSV в любой кодировке (формат — в docs/commands.md, "
    "пример — examples/roster.csv)"
)
HELP_ROSTER_SHEET = "какой лист книги Excel читать (по умолчанию — первый)"
HELP_OUTPUT = "куда сохранить файл (по умолчанию — вывести на экран)"
HELP_MODERATE = "проверить сообщения по правилам: JSON Lines на входе и на выходе (для оценки)"
HELP_INVITES = "личные приглашения в чаты классов"
HELP_SHEET = (
    "листовки с приглашениями для родителей или учеников класса (PDF для печати); выданные "
    "раньше приглашения остаются в силе"
)
HELP_SHEET_CLASS = "класс, например 5А"
HELP_SHEET_OUTPUT = "куда сохранить PDF (по умолчанию priglasheniya-<класс>.pdf)"
HELP_SHEET_FOR = "для кого листовки: родители (по умолчанию), ученики или все"
HELP_STATS = "статистика для директора"
HELP_STATS_EXPORT = "выгрузить статистику за неделю в CSV: по классам и по школе"
HELP_FRESH = (
    "без ключа доступа: начать песочницу заново — удалить её базу и сохранённых людей, чаты, "
    "сообщения"
)


def python_too_old(found: tuple[int, ...], needed: tuple[int, ...]) -> str:
    """Plain code only: this runs on the old Python it complains about."""
    have = ".".join(str(part) for part in found)
    want = ".".join(str(part) for part in needed)
    return (
        f"schoolbot работает на Python {want} или новее, а запущен Python {have}.\n"
        f"Установите Python {want}+ (Debian 12, Ubuntu 24.04: apt install python3 python3-venv; "
        "Ubuntu 22.04: apt install python3.11 python3.11-venv) и запустите снова, например: "
        "make PYTHON=python3.11"
    )


# --- argparse in Russian (bot/cli_args.py) -------------------------------------------------------
USAGE = "Как запускать: "
POSITIONALS = "аргументы"
OPTIONALS = "параметры"
HELP_HELP = "показать эту справку и выйти"
_TYPE_NAMES = {
    "int": "целое число",
    "float": "число",
    "Path": "путь к файлу",
}


def cli_error(prog: str, message: str) -> str:
    return f"{prog}: ошибка: {message}\nСправка: {prog} --help\n"


def invalid_choice(name: str, value: str, choices: list[str], best: str | None) -> str:
    text = (
        f"{name}: нет такого значения «{value}»."
        if name.startswith("-")
        else (f"нет такой команды «{value}».")
    )
    if best:
        text += f" Может быть, «{best}»?"
    return text + f" Можно: {', '.join(choices)}."


def invalid_type(name: str, type_name: str, value: str) -> str:
    wanted = _TYPE_NAMES.get(type_name, "другое значение")
    return f"{name}: нужно {wanted}, а не «{value}»."


def expected_value(name: str) -> str:
    return f"после {name} нужно указать значение."


def no_value(name: str, value: str) -> str:
    return f"у {name} не бывает значения, а указано «{value}»."


def not_together(name: str, other: str) -> str:
    return f"{name} и {other} нельзя указывать вместе."


def required(names: list[str]) -> str:
    return f"в команде не хватает: {', '.join(names)}."


def one_of_required(names: str) -> str:
    return f"нужно указать одно из: {names}."


def unrecognized(rest: str) -> str:
    return f"лишнее в команде: {rest}."


def ambiguous(option: str, matches: str) -> str:
    return f"непонятно, что значит {option}: подходят {matches}."


# --- schoolbot backup ----------------------------------------------------------------------------
HELP_BACKUP = "копия базы данных, пока бот работает (восстановление — в docs/deploy.md)"
HELP_BACKUP_OUTPUT = "куда сохранить копию (по умолчанию data/backups/<база>-<дата-время>.sqlite3)"
BACKUP_ONTO_ITSELF = "Копию нельзя записать поверх самой базы: укажите другой файл в -o."


def backup_done(path: object, size: int, schema_version: int) -> str:
    return (
        f"Копия базы сохранена: {path} ({size / 1_048_576:.1f} МБ, версия схемы {schema_version}, "
        "проверка целостности пройдена). Доступ к файлу — только у владельца (0600)."
    )


def backup_failed(db: object, detail: str) -> str:
    return (
        f"Копию базы {db} сделать не удалось ({detail}). Проверьте путь [storage].path в "
        "настройках и права на папку; база при этом не изменилась."
    )


def schema_too_new(path: object, current: int, known: int) -> str:
    return (
        f"База {path} записана более новой версией бота (версия схемы {current}, эта версия знает "
        f"до {known}). Обновите бота или восстановите копию базы, сделанную этой версией "
        "(docs/deploy.md, «Резервные копии и восстановление»). База не изменена."
    )
