"""Russian texts of announcements answered by button: acknowledgements, consents, polls."""

from __future__ import annotations

import csv
import io
from datetime import datetime, tzinfo

from bot.domain.ack_records import Ack
from bot.domain.ack_words import AckProblem, AckWordsError
from bot.domain.acks import AckKind, Tally, Unit
from bot.domain.chats import ChatKind

BUTTON_ACK = "Ознакомлен(а)"
BUTTON_AGREE, BUTTON_DISAGREE = "Согласен", "Не согласен"
FIXED_OPTIONS = {AckKind.ACK: (BUTTON_ACK,), AckKind.CONSENT: (BUTTON_AGREE, BUTTON_DISAGREE)}

EXAMPLES = {
    AckKind.ACK: "объявление с подтверждением 5А: В пятницу уроки сокращены до 12:00.",
    AckKind.CONSENT: "согласие 5А: Экскурсия в музей 15 марта, выезд в 9:00.",
    AckKind.POLL: "опрос 5А: Когда удобно собрание?; 12 марта 18:00; 14 марта 18:00",
}

_ASK = {
    AckKind.ACK: "Пожалуйста, нажмите «Ознакомлен(а)»",
    AckKind.CONSENT: "Пожалуйста, ответьте кнопкой: «Согласен» или «Не согласен»",
    AckKind.POLL: "Пожалуйста, выберите вариант кнопкой",
}
_WHO = {
    ChatKind.PARENTS: "достаточно одного ответа от семьи",
    ChatKind.PUPILS: "каждый ученик отвечает сам",
}
_NAMES = {AckKind.ACK: "Объявление", AckKind.CONSENT: "Согласие", AckKind.POLL: "Опрос"}
_SENT = {AckKind.ACK: "отправлено", AckKind.CONSENT: "отправлено", AckKind.POLL: "отправлен"}
_DONE = {AckKind.ACK: "ознакомились", AckKind.CONSENT: "ответили", AckKind.POLL: "ответили"}
_UNITS = {ChatKind.PARENTS: "семей", ChatKind.PUPILS: "учеников"}


def announcement(kind: AckKind, chat_kind: ChatKind, text: str) -> str:
    change = "" if kind is AckKind.ACK else "; ответ можно изменить"
    return f"{text}\n\n{_ASK[kind]} ({_WHO[chat_kind]}{change})."


def words_error(error: AckWordsError, kind: AckKind) -> str:
    match error.problem:
        case AckProblem.NO_TEXT:
            why = "нет текста объявления" if kind is not AckKind.POLL else "нет вопроса"
        case AckProblem.TOO_LONG:
            why = f"текст слишком длинный (знаков в нём — {error.value})"
        case AckProblem.FEW_OPTIONS:
            why = "в опросе нужно от 2 до 6 вариантов через «;»"
        case AckProblem.MANY_OPTIONS:
            why = f"вариантов {error.value}, а кнопок может быть не больше 6"
        case AckProblem.LONG_OPTION:
            why = f"вариант «{error.value[:50]}» длиннее 40 знаков — на кнопке он не поместится"
        case _:  # SAME_OPTION
            why = f"вариант «{error.value}» повторяется"
    return f"Не получилось: {why}. Ничего не отправлено.\nПример: {EXAMPLES[kind]}"


NO_SUCH_ACK = "Объявления с таким номером нет. Номер есть в сообщении, которое я прислал автору."
NOT_YOUR_ACK = "Извините, это чужое объявление: итоги видит его автор и администрация школы."
BAD_FORM = "Не понимаю «{value}». Пример: итоги 3 или итоги 3 файл."
BOT_NOT_IN_CHAT = "Не получилось отправить в «{title}»: бота нет в этом чате или у него нет прав."


def no_chat(chat_kind: ChatKind, class_name: str) -> str:
    what = "родителей" if chat_kind is ChatKind.PARENTS else "учеников"
    return (
        f"У {class_name} ещё нет чата {what}, который ведёт бот. Создайте его: "
        f"создать чат {class_name} {'родители' if chat_kind is ChatKind.PARENTS else 'ученики'}"
    )


def posted(ack: Ack, remind_at: datetime) -> str:
    return (
        f"{_NAMES[ack.kind]} №{ack.id} {_SENT[ack.kind]} в «{ack.title}».\n"
        f"{remind_at:%d.%m в %H:%M} напомню тем, кто не ответил, и пришлю итоги.\n"
        f"Итоги в любое время: итоги {ack.id}; таблицей — итоги {ack.id} файл"
    )


# --- presses ------------------------------------------------------------------------------------
PRESS_UNKNOWN = "Это объявление больше не принимает ответов."
PRESS_RECORDED = "Спасибо, отмечено!"
PRESS_CHANGED = "Ответ изменён: «{label}»."
PRESS_ALREADY = "Вы уже отметились, спасибо!"
PRESS_FAMILY_ALREADY = "Ваша семья уже отметилась, спасибо!"


def press_stranger(ack: Ack) -> str:
    who = "родителей" if ack.chat_kind is ChatKind.PARENTS else "учеников"
    return f"Извините, эта кнопка — для {who} {ack.class_name} по списку класса."


# --- the reminder -------------------------------------------------------------------------------
def reminder_dm(ack: Ack) -> str:
    return (
        f"Напоминание от школы: в чате «{ack.title}» ждут вашего ответа.\n\n"
        f"{announcement(ack.kind, ack.chat_kind, ack.text)}"
    )


def reminder_chat(ack: Ack, mentions: list[str]) -> str:
    return (
        f"{', '.join(mentions)}: напоминаем — пожалуйста, ответьте на объявление выше "
        f"кнопкой под ним («{_short(ack.text)}»)."
    )


# --- results ------------------------------------------------------------------------------------
def report(ack: Ack, result: Tally, reminded: tuple[int, int] | None = None) -> str:
    lines = [f"{_NAMES[ack.kind]} №{ack.id} в «{ack.title}»: «{_short(ack.text)}»"]
    lines.append(
        f"{_DONE[ack.kind].capitalize()} {result.answered} из {result.total} "
        f"{_UNITS[ack.chat_kind]} ({result.percent}%)."
    )
    if ack.kind is not AckKind.ACK:
        lines += [f"• {label} — {n}" for label, n in zip(ack.options, result.counts, strict=True)]
    if reminded is not None and result.missing:
        dm, chat = reminded
        lines.append(f"Напоминание: в личные сообщения — {dm}, упоминанием в чате — {chat}.")
    missing = result.missing
    if not missing:
        lines.append("Ответили все.")
    else:
        lines.append(f"Ещё не ответили ({len(missing)}):")
        lines += [f"• {_unit(ack, unit)}" for unit in missing]
    return "\n".join(lines)


def _unit(ack: Ack, unit: Unit) -> str:
    if ack.chat_kind is ChatKind.PUPILS:
        return unit.label
    if not unit.voters:
        return f"{unit.label} — родители не указаны в списках"
    parents = ", ".join(v.name + ("" if v.vk_id else " (нет ВКонтакте)") for v in unit.voters)
    return f"{unit.label} — {parents}"


def _short(text: str, limit: int = 60) -> str:
    line = text.split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


def title_of(ack: Ack) -> str:
    """A line for the director's picture: where, and what."""
    return f"{ack.title}: {_short(ack.text, 40)}"


def answers_csv(ack: Ack, result: Tally, tz: tzinfo) -> bytes:
    """One row a family (or pupil); UTF-8 with BOM and «;», as Excel opens it."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(CSV_HEADER)
    for row in result.rows:
        answer, by = row.answer, row.by
        w.writerow((
            row.unit.label,
            ack.options[answer.choice] if answer else NO_ANSWER,
            by.name if by else "",
            answer.at.astimezone(tz).strftime("%d.%m.%Y %H:%M") if answer else "",
            ", ".join(v.name for v in row.unit.voters),
        ))  # fmt: skip
    return out.getvalue().encode("utf-8-sig")


EXPORT_SENT = "Ответы на «{what}» — таблица CSV (открывается в Excel)."
CSV_HEADER = ("Ученик (семья)", "Ответ", "Кто ответил", "Когда", "Родители")
NO_ANSWER = "нет ответа"
