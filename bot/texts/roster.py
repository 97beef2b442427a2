"""Texts of the roster import and export beyond those of the command language."""

from __future__ import annotations

from bot.domain.roster_model import LineError, ReadNotes, RosterProblem
from bot.texts.invites import plural

NOT_CSV = (
    "Файл «{title}» не похож на таблицу. Пришлите списки файлом Excel (XLSX) или CSV: в Excel — "
    "«Файл → Сохранить как → Книга Excel» или «CSV (разделители — точка с запятой)». "
    "Подробнее: импорт"
)
DOWNLOAD_FAILED = (
    "Файл пришёл из ВКонтакте не целиком, поэтому ничего не загружено. "
    "Пожалуйста, пришлите его ещё раз."
)


def megabytes(n_bytes: int) -> str:
    mb = n_bytes / (1024 * 1024)
    return f"{mb:.0f} МБ" if mb == int(mb) else f"{mb:.1f} МБ".replace(".", ",")


def limit_text() -> str:
    from bot.domain.roster import MAX_BYTES

    return megabytes(MAX_BYTES)


def too_large(limit: int) -> str:
    return (
        f"Файл больше {megabytes(limit)} — такой я не принимаю, и ничего не загружено. "
        "Разделите списки на несколько файлов (например, по параллелям) и пришлите их по очереди."
    )


def sheet_problem(e: LineError) -> str:
    if e.kind is RosterProblem.NO_SUCH_SHEET:
        listed = ", ".join(f"«{name}»" for name in e.choices)
        return (
            f"в книге нет листа «{e.value}». Листы в ней: {listed}. Напишите название листа "
            "в сообщении с файлом, например: лист Ученики"
        )
    return (
        "не удалось открыть книгу Excel: файл повреждён или защищён паролем. Откройте его в Excel "
        "и сохраните заново («Сохранить как → Книга Excel») или как CSV."
    )


def received(title: str, people: int) -> str:
    return (
        f"Файл «{title}» получен, в нём {people} {plural(people, 'человек', 'человека', 'человек')}. "
        "Сверяю со списками и загружаю — напишу, когда закончу. Бот тем временем работает как обычно."
    )


def resolving(done: int, total: int) -> str:
    return f"Проверяю страницы ВКонтакте: {done} из {total}…"


NOTES_LISTED = 20  # merges and namesakes named one by one; the rest are counted
LINES_LISTED = 8


def _lines(numbers: tuple[int, ...]) -> str:
    shown = ", ".join(map(str, numbers[:LINES_LISTED]))
    return shown if len(numbers) <= LINES_LISTED else f"{shown}… (всего {len(numbers)})"


def _more(n: int) -> list[str]:
    return [f"…и ещё {n}."] if n > 0 else []


def notes_lines(notes: ReadNotes) -> list[str]:
    """The report's lines about how the file was read and whom it took for one person."""
    lines = []
    if notes.ignored_columns:
        listed = ", ".join(f"«{c}»" for c in notes.ignored_columns)
        lines.append(f"Колонки, которые я не читаю (они пропущены): {listed}.")
    if notes.merges:
        lines.append("Одним человеком записаны (несколько строк — один родитель):")
        for m in notes.merges[:NOTES_LISTED]:
            why = "одна страница ВКонтакте" if m.by_vk else "общий ребёнок"
            lines.append(f"• {m.name} — строки {_lines(m.lines)} ({why})")
        lines += _more(len(notes.merges) - NOTES_LISTED)
    if notes.namesakes:
        lines.append(
            "Родители с одинаковыми именами записаны как разные люди (у них нет общей страницы "
            "ВКонтакте или общего ребёнка). Если это один человек — укажите его страницу ВК "
            "или всех детей через «|» в одной строке:"
        )
        for name, lines_of in notes.namesakes[:NOTES_LISTED]:
            lines.append(f"• {name} — строки {_lines(lines_of)}")
        lines += _more(len(notes.namesakes) - NOTES_LISTED)
    if notes.staff:
        n = notes.staff
        lines.append(
            f"Сотрудники (учитель, сотрудник): {n} {plural(n, 'строка', 'строки', 'строк')} — "
            "в списки не внесены: предметы и классы учителя назначаются командой "
            "«добавить учителя»."
        )
    return lines


def pending_pages(n: int) -> str:
    return (
        f"{n} {plural(n, 'ссылка', 'ссылки', 'ссылок')} вида vk.com/имя "
        f"{plural(n, 'сохранена', 'сохранены', 'сохранены')} как есть: чья это страница, "
        "бот узнает, когда в следующий раз свяжется с ВКонтакте."
    )


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


def pages_not_resolved(failed: list[tuple[str, str]]) -> str:
    listed = "\n".join(f"• {who}: {page}" for page, who in failed)
    return (
        "ВКонтакте не подтвердил эти страницы из списков (такой страницы нет или она уже "
        "записана за другим человеком). Люди остались в списках без страницы ВК; исправьте "
        f"ссылки в файле и загрузите его снова:\n{listed}"
    )


def render_import(result) -> str:
    """The report of an import that went through (`bot.services.roster.Imported`)."""
    from bot.texts.commands import render_roster_diff

    lines = [render_roster_diff(result.diff, result.notes)]
    if not result.diff.is_empty:
        n, kids, grown = result.pupils + result.parents, result.pupils, result.parents
        lines.append(
            f"Всего в файле {n} {plural(n, 'человек', 'человека', 'человек')}: "
            f"{kids} {plural(kids, 'ученик', 'ученика', 'учеников')} и "
            f"{grown} {plural(grown, 'родитель', 'родителя', 'родителей')}."
        )
    if result.joined:
        lines.append(
            "Записаны на уже известных школе людей (та же страница ВКонтакте — один человек):"
        )
        lines += [f"• {new} — это «{old}»" for new, old in result.joined]
    if result.pending_pages:
        lines.append(pending_pages(result.pending_pages))
    lines += curator_lines(result.curators)
    return "\n".join(lines)


def curator_lines(c) -> list[str]:
    """The report's lines on the file's «классный руководитель» lines (`CuratorsFromFile`)."""
    lines = []
    if c.appointed:
        n = len(c.appointed)
        lines.append(f"Назначено классных руководителей: {n}.")
        lines += [f"• {cls} — {name}" for cls, name in c.appointed]
    if c.already:
        n = c.already
        lines.append(f"Классные руководители, которые уже были назначены так же, как в файле: {n}.")
    if c.kept:
        lines.append(
            "Не заменил классного руководителя — у класса уже есть другой. Если нужно заменить, "
            "пришлите команду из строки:"
        )
        lines += [f"• {cls}: сейчас {now}, в файле {new} — назначить куратора {cls} {ref}"
                  for cls, now, new, ref in c.kept]  # fmt: skip
    if c.unchecked:
        lines.append(
            "Не назначены, пока ВКонтакте не подтвердит страницу (загрузите файл боту в личные "
            "сообщения):"
        )
        lines += [f"• {cls} — {name} ({ref})" for cls, name, ref in c.unchecked]
    return lines
