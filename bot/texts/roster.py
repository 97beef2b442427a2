"""Texts of the roster import and export beyond those of the command language."""

NOT_CSV = (
    "Файл «{title}» не похож на таблицу CSV. В Excel выберите «Файл → Сохранить как → "
    "CSV (разделители — точка с запятой)» и пришлите получившийся файл. Подробнее: импорт"
)
DOWNLOAD_FAILED = "Не удалось скачать файл из ВКонтакте. Пожалуйста, пришлите его ещё раз."


def unresolved(refs: tuple[str, ...]) -> str:
    listed = "\n".join(f"• {ref}" for ref in refs)
    return (
        "Файл не загружен: ВКонтакте не знает таких страниц. Проверьте ссылки "
        f"(или оставьте ячейку vk пустой) и пришлите файл снова:\n{listed}"
    )


def vk_taken(pairs: tuple[tuple[str, str], ...]) -> str:
    listed = "\n".join(f"• {new}: эта страница уже записана за «{old}»" for new, old in pairs)
    return f"Файл не загружен: одна страница ВКонтакте не может принадлежать двоим.\n{listed}"


def export(csv_text: str) -> str:
    return "Списки школы (CSV, разделитель «;»):\n\n" + csv_text


def cli_cannot_read(path, reason: str) -> str:
    return f"Не удалось прочитать файл {path}: {reason}."


def cli_unresolved(refs: tuple[str, ...]) -> str:
    listed = "\n".join(f"  • {ref}" for ref in refs)
    return (
        "Файл не загружен: ссылки вида vk.com/имя можно проверить только через ВКонтакте, "
        "а из командной строки бот к нему не обращается. Укажите вместо них числовые id "
        "(vk.com/id123) или пришлите файл боту в личные сообщения:\n" + listed
    )


def cli_exported(path) -> str:
    return f"Списки сохранены в {path} (UTF-8, разделитель «;» — откроется в Excel)."
