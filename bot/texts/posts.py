"""Russian texts for channels, posts, broadcasts, events and their reminders."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from bot.domain.chats import ChatKind
from bot.domain.post_records import Delivery, Post
from bot.domain.posts import ChatTarget, PostKind, Target, WordsError, WordsProblem
from bot.domain.when import WhenError, WhenProblem
from bot.texts.grammar import DAYS, HOURS, MINUTES_ACC, counted

BUTTON_PUBLISH = "Опубликовать"
BUTTON_CANCEL = "Отмена"

EXAMPLE_POST = "опубликовать канал завтра 9:00 Уважаемые родители! …"
EXAMPLE_BROADCAST = "рассылка родителям 5-е 25.12 18:30 Уважаемые родители! …"
EXAMPLE_EVENT = "событие канал 25.12 18:00 Родительское собрание; напомнить за 1 день и за 1 час"
EXAMPLE_WHEN = "завтра 9:00, сегодня в 18:30, 25.12 18:30 или 25.12.2026 9:00"

KIND_NAMES = {
    PostKind.POST: "Публикация",
    PostKind.BROADCAST: "Рассылка",
    PostKind.EVENT: "Событие",
    PostKind.REMINDER: "Напоминание",
}

# Why a message did not reach a chat, by VK's error code.
REASONS = {
    7: "у бота нет права писать в этот чат",
    15: "у бота нет доступа к этому чату",
    100: "ВКонтакте не принял сообщение (возможно, вложение удалено)",
    900: "бот в чёрном списке у получателя",
    901: "получатель не разрешил сообществу писать ему",
    902: "получатель запретил сообщения настройками приватности",
    914: "текст слишком длинный",
    917: "бота нет в этом чате (его удалили или чат закрыт)",
    921: "вложение нельзя переслать",
    925: "бот больше не администратор этого чата",
    945: "чат отключён",
    946: "чат не поддерживается",
    1012: "в этом чате запрещено писать",
}


def reason(code: int | None) -> str:
    return REASONS.get(code or 0, f"ВКонтакте ответил ошибкой {code}")


def at_local(moment: datetime) -> str:
    return moment.strftime("%d.%m.%Y в %H:%M")


def describe_target(target: Target, titles: dict[ChatKind, str]) -> str:
    if isinstance(target, ChatTarget):
        return f"«{titles.get(target.kind, target.kind.value)}»"
    who = "родителей" if target.kind is ChatKind.PARENTS else "учеников"
    if target.whole_school:
        return f"чаты {who} всех классов"
    parts = [f"{g}-х классов" for g in target.grades] + [str(c) for c in target.classes]
    return f"чаты {who}: {', '.join(parts)}"


def event_text(title: str, at: datetime) -> str:
    return f"{title}\nКогда: {at_local(at)}"


def reminder_text(title: str, at: datetime, offset: timedelta) -> str:
    return f"Напоминание: {title}\nКогда: {at_local(at)} (через {offset_words(offset)})"


def offset_words(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    if minutes % 1440 == 0:
        return counted(minutes // 1440, DAYS)
    if minutes % 60 == 0:
        return counted(minutes // 60, HOURS)
    return counted(minutes, MINUTES_ACC)


def preview(
    *,
    kind: PostKind,
    where: str,
    chats: list[str],
    missing: list[str],
    when: datetime | None,
    text: str,
    attachments: int,
    reminders: Iterable[tuple[datetime, timedelta]] = (),
    skipped: Iterable[timedelta] = (),
) -> str:
    lines = [f"{KIND_NAMES[kind]} — предпросмотр.", f"Куда: {where}"]
    if kind is PostKind.BROADCAST or len(chats) > 1:
        lines.append(f"Чатов: {len(chats)} — " + ", ".join(f"«{c}»" for c in chats))
    if missing:
        lines.append("Нет чата у: " + ", ".join(missing) + " — туда не отправлю.")
    lines.append(f"Когда: {at_local(when)}" if when else "Когда: сразу после подтверждения")
    for moment, offset in reminders:
        lines.append(f"Напоминание за {offset_words(offset)}: {at_local(moment)}")
    for offset in skipped:
        lines.append(f"Напоминание за {offset_words(offset)} не нужно: это время уже прошло.")
    if attachments:
        lines.append(f"Вложений: {attachments}")
    lines += ["", text, "", "Всё верно? Нажмите «Опубликовать» или «Отмена»."]
    return "\n".join(lines)


PRESS_NOT_YOURS = "Эта кнопка — для автора публикации."
PRESS_UNKNOWN = "Такой публикации нет: кнопка устарела."
PRESS_CANCELLED = "Отменено: ничего не отправлено."
PRESS_SENDING = "Публикую…"
PRESS_SCHEDULED = "Запланировано."


def press_stale(post: Post) -> str:
    return {
        "scheduled": "Эта публикация уже запланирована.",
        "sending": "Эта публикация уже отправляется.",
        "sent": "Эта публикация уже отправлена.",
        "missed": "Время этой публикации прошло.",
        "cancelled": "Эта публикация отменена.",
    }.get(post.status.value, "Кнопка устарела.")


def scheduled(post: Post, when: datetime, reminders: int = 0) -> str:
    extra = f" Напоминаний: {reminders}." if reminders else ""
    return (
        f"{KIND_NAMES[post.kind]} №{post.id} запланирована на {at_local(when)} "
        f"(по времени школы).{extra}\nИзменить время: перенести {post.id} завтра 10:00\n"
        f"Отменить: отменить публикацию {post.id}"
    )


def report(post: Post, deliveries: tuple[Delivery, ...]) -> str:
    sent = [d for d in deliveries if d.status.value == "sent"]
    failed = [d for d in deliveries if d.status.value == "failed"]
    name = KIND_NAMES[post.kind]
    if not failed:
        if len(sent) == 1 and post.kind is not PostKind.BROADCAST:
            return f"{name} №{post.id} опубликована в «{sent[0].title}»."
        return f"{name} №{post.id} доставлена во все чаты ({len(sent)})."
    lines = [f"{name} №{post.id}: доставлено в {len(sent)} из {len(deliveries)}."]
    if sent:
        lines.append("Доставлено: " + ", ".join(f"«{d.title}»" for d in sent) + ".")
    lines.append("Не доставлено:")
    lines += [f"• «{d.title}» — {reason(d.error_code)}" for d in failed]
    lines.append("Проверьте права бота в этих чатах (статус 5А) и при необходимости повторите.")
    return "\n".join(lines)


def missed(post: Post, due: datetime) -> str:
    return (
        f"{KIND_NAMES[post.kind]} №{post.id} не отправлена: бот не работал в назначенное время "
        f"({at_local(due)}), а опоздание больше допустимого. Если она ещё нужна, "
        "опубликуйте её заново."
    )


def listing(posts: list[tuple[Post, datetime]]) -> str:
    if not posts:
        return "Запланированных публикаций нет."
    lines = [f"Запланировано ({len(posts)}):"]
    for post, due in posts:
        first_line = post.text.split("\n", 1)[0]
        short = first_line if len(first_line) <= 60 else first_line[:57] + "…"
        lines.append(f"№{post.id} {at_local(due)} — {KIND_NAMES[post.kind].lower()}, "
                     f"{post.target}: {short}")  # fmt: skip
    lines.append("Изменить время: перенести <номер> завтра 10:00. Отменить: отменить публикацию "
                 "<номер>.")  # fmt: skip
    return "\n".join(lines)


def moved(post: Post, when: datetime) -> str:
    return f"Готово: {KIND_NAMES[post.kind].lower()} №{post.id} перенесена на {at_local(when)}."


def cancelled(post: Post, reminders: int) -> str:
    extra = f" и напоминания ({reminders})" if reminders else ""
    return (
        f"Готово: {KIND_NAMES[post.kind].lower()} №{post.id}{extra} отменена, ничего не отправлено."
    )


def reminders_cancelled(post: Post, count: int) -> str:
    return f"Готово: напоминания о событии №{post.id} отменены ({count})."


NO_SUCH_POST = "Запланированной публикации с таким номером нет. Посмотреть список: запланировано"
NOT_YOUR_POST = "Извините, это чужая публикация: менять её может автор или администрация школы."
ALREADY_GONE = "Эту публикацию уже нельзя изменить: она отправлена, пропущена или отменена."
CLASS_NOT_YOURS = "Извините, публиковать в чаты класса может только его куратор."
CHANNELS_ONLY_LEADERS = "Извините, публиковать в каналах школы может только администрация школы."
NO_CHATS = "Ни одного подходящего чата нет: сначала создайте чаты (создать чат 5А родители)."
TEXT_TOO_LONG = (
    "Текст слишком длинный: знаков в нём — {length}, а ВКонтакте принимает не больше {limit}. "
    "Сократите его или разделите на две публикации. Ничего не отправлено."
)


def bot_not_in_chat(title: str, why: str) -> str:
    return (
        f"Не могу опубликовать в «{title}»: {why}. Верните бота в чат и сделайте его "
        "администратором, затем повторите. Ничего не отправлено."
    )


def words_error(error: WordsError, example: str) -> str:
    match error.problem:
        case WordsProblem.NO_TARGET:
            text = (
                f"Не понимаю, куда публиковать: «{error.value}». Можно: канал, сотрудники "
                "или чат класса (5А родители, 5А ученики)."
            )
        case WordsProblem.NO_CLASS_CHAT:
            text = f"Укажите, в какой чат {error.value}: родители или ученики."
        case WordsProblem.NO_AUDIENCE:
            text = "Укажите, кому рассылка: родителям или ученикам (и, если нужно, классы)."
        case WordsProblem.NO_TEXT:
            text = "Текст пустой: напишите его после того, куда и когда публиковать."
        case WordsProblem.TOO_LONG:
            text = f"Текст слишком длинный: знаков в нём — {error.value} (можно не больше 4096)."
        case WordsProblem.NO_WHEN:
            text = f"Укажите, когда событие: {EXAMPLE_WHEN}."
        case WordsProblem.BAD_REMINDER:
            text = (
                f"Не понимаю напоминание «{error.value}». Пишите так: напомнить за 1 день и за "
                "1 час (от 5 минут до 30 дней)."
            )
        case _:  # BAD_CLASS
            text = f"Не понимаю класс «{error.value}». Пример: 5А или 5-е (все пятые)."
    return f"{text}\nНичего не отправлено.\nПример: {example}"


def when_error(error: WhenError, example: str) -> str:
    match error.problem:
        case WhenProblem.PAST:
            moment = f" ({at_local(error.moment)})" if error.moment else ""
            text = f"Время «{error.text}»{moment} уже прошло: укажите время в будущем."
        case WhenProblem.TOO_FAR:
            text = f"«{error.text}» — больше чем через год. Так далеко я не планирую."
        case WhenProblem.BAD_DATE:
            text = f"Такой даты нет: «{error.text}»."
        case WhenProblem.NO_TIME:
            text = f"После «{error.text}» нужно время, например 9:00."
        case _:
            text = f"Не понимаю время «{error.text}»."
    return f"{text} Можно так: {EXAMPLE_WHEN}.\nНичего не отправлено.\nПример: {example}"


CHANNEL_NOTICE = (
    "Ваше сообщение в канале «{title}» удалено: там пишет только администрация школы. "
    "Вопросы можно задать куратору класса, в чате вашего класса или здесь, в личных сообщениях "
    "сообщества."
)
