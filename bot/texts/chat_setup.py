"""Russian texts of «чаты всем классам»: the preview, progress, the day's limit, the summary, and
the curator's links."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.domain.chat_setup import SetupPlan
from bot.domain.chats import ChatKind
from bot.domain.classes import ClassName
from bot.texts.invites import plural

RUN_BUTTON = "Создать"
CANCEL_BUTTON = "Отмена"
REFUSED = "Это может сделать только администратор"
CANCELLED = "Отменено: ничего не создано."
STALE = (
    "Классы или чаты изменились после предпросмотра: ничего не создано. Напишите «чаты всем "
    "классам» ещё раз, чтобы увидеть новый план."
)
STARTED_NOTE = "Начинаю"


def chats(n: int) -> str:
    return f"{n} {plural(n, 'чат', 'чата', 'чатов')}"


def classes(n: int) -> str:
    return f"{n} {plural(n, 'класс', 'класса', 'классов')}"


def for_classes(n: int) -> str:
    """«для 1 класса, для 2 классов, для 21 класса» (genitive)."""
    return f"для {n} {plural(n, 'класса', 'классов', 'классов')}"


def _kinds(kinds: Sequence[ChatKind]) -> str:
    names = {ChatKind.PUPILS: "учеников", ChatKind.PARENTS: "родителей"}
    return " и ".join(names[k] for k in kinds)


NO_CLASSES = (
    "В школе пока нет классов. Загрузите списки (команда «импорт» расскажет как) или добавьте "
    "класс: добавить класс 5А"
)


def nothing_to_do(class_count: int, chat_count: int) -> str:
    return (
        f"У всех классов уже есть чаты учеников и родителей ({classes(class_count)}, "
        f"{chats(chat_count)}): создавать нечего. Класс, добавленный позже, получит свои чаты "
        "при следующем запуске."
    )


def preview(plan: SetupPlan, curators: Mapping[ClassName, str | None], example: str) -> str:
    make = plan.to_make
    lines = [
        "Чаты для всех классов — предпросмотр.",
        f"Создам {chats(len(make))} {for_classes(len({s.class_name for s in make}))}; названия — "
        f"по шаблону школы, например «{example}».",
    ]
    if plan.existing:
        lines.append(f"Уже есть и останутся как есть: {chats(len(plan.existing))}.")
    lines.append("")
    by_class: dict[ClassName, list[ChatKind]] = {}
    for step in make:
        by_class.setdefault(step.class_name, []).append(step.kind)
    for name, kinds in by_class.items():
        curator = curators.get(name)
        who = f"куратор {curator}" if curator else "куратора нет — ссылки получите вы"
        lines.append(f"• {name}: чат {_kinds(kinds)}; {who}")
    lines += [
        "",
        "Сообщество не может само добавить человека в чат, поэтому каждый куратор получит от "
        "меня одним сообщением ссылки для входа в чаты своего класса.",
        "ВКонтакте ограничивает, сколько чатов сообщество создаёт за сутки: если лимит кончится, "
        "я продолжу сам на следующий день и скажу об этом.",
        f"Нажмите «{RUN_BUTTON}», чтобы начать.",
    ]
    return "\n".join(lines)


def already_running(made: int, total: int, resume_at: datetime | None) -> str:
    text = f"Чаты для всех классов уже создаются: готово {made} из {total}."
    if resume_at is not None:
        text += f" Продолжу {_when(resume_at)} — ВКонтакте ограничил создание чатов на сегодня."
    return text


def started(total: int) -> str:
    return (
        f"Начинаю: {chats(total)}. Буду сообщать, как идут дела; в конце пришлю итог одним "
        "сообщением."
    )


def progress(made: int, total: int, last_title: str) -> str:
    return f"Создано {made} из {total} (последний — «{last_title}»)…"


def _when(moment: datetime) -> str:
    return f"{moment:%d.%m} в {moment:%H:%M}"


def daily_limit(made: int, total: int, resume_at: datetime) -> str:
    left = total - made
    return (
        f"ВКонтакте больше не даёт сообществу создавать чаты сегодня. Создано {made} из {total}; "
        f"{'остался' if left == 1 else 'осталось'} {chats(left)}. Продолжу сам {_when(resume_at)} "
        "— ничего делать не нужно, итог пришлю."
    )


def resumed(left: int) -> str:
    return f"Продолжаю создавать чаты для классов: {'остался' if left == 1 else 'осталось'} {chats(left)}."


def curator_links(class_chats: Sequence[tuple[str, str, str | None]], school: str) -> str:
    """To a curator: the new chats of their classes, each with its join link."""
    lines = [f"Здравствуйте! Для ваших классов в школе «{school}» созданы чаты:"]
    for class_name, title, link in class_chats:
        where = link or "ссылку пришлю позже (командой «сбросить ссылку» её можно получить)"
        lines.append(f"• «{title}» ({class_name}): {where}")
    lines += [
        "Войдите по ссылкам: вы будете в чатах вместе с родителями и учениками.",
        "Пригласить людей: пригласить <класс> родители (или ученики) — каждый получит личную "
        "ссылку.",
    ]
    return "\n".join(lines)


def summary(
    *,
    made: int,
    existed: int,
    failed: Sequence[str],
    reached: int,
    held: Sequence[str],
    no_curator: Sequence[tuple[str, str, str | None]],
    fix_link: str,
) -> str:
    lines = [
        "Готово: чаты для всех классов.",
        f"Создано: {chats(made)}; уже были: {chats(existed)}.",
    ]
    if failed:
        lines.append("Не удалось создать: " + ", ".join(f"«{t}»" for t in failed) + ".")
        lines.append("Запустите «чаты всем классам» ещё раз позже — я попробую снова.")
    if reached:
        lines.append(f"Ссылки для входа отправлены кураторам: {reached}.")
    if held:
        lines.append(
            "Не могу написать кураторам — они ещё не писали сообществу: " + ", ".join(held) + "."
        )
        lines.append(f"Попросите их открыть {fix_link} и нажать «Начать»: ссылки придут сразу.")
    if no_curator:
        lines.append("У этих классов нет куратора — вот ссылки, передайте их сами:")
        for class_name, title, link in no_curator:
            lines.append(f"• «{title}» ({class_name}): {link or 'ссылку получить не удалось'}")
    return "\n".join(lines)
