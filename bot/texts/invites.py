"""Russian texts for personal invitations: the invitation itself, claim answers, lists, revoking,
too many wrong codes, and the words of the printable sheet."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.invites import ClaimResult, InviteState

# `from bot.texts.invites import plural` keeps working: older code imports it from here.
from bot.texts.grammar import plural

JOIN_BUTTON = "Вступить в чат"


def day(d: date | datetime) -> str:
    return d.strftime("%d.%m.%Y")


def _moment(at: datetime) -> str:
    return at.strftime("%d.%m.%Y %H:%M")


def mention(name: str, vk_id: int | None) -> str:
    """A VK mention «[id123|Имя]» when the id is known, else the bare name."""
    return f"[id{vk_id}|{name}]" if vk_id else name


# ---------------------------------------------------------------- the invitation in a DM


def render_invitation(
    *,
    school: str,
    person_name: str,
    chat_title: str,
    link: str,
    code: str,
    expires_on: date,
    child_name: str | None = None,
) -> str:
    """The message a curator forwards (or the bot sends) to the invited person."""
    lines = [
        f"Здравствуйте, {person_name}!",
        f"{school} приглашает вас в чат «{chat_title}»"
        + (f" (вы — родитель: {child_name})." if child_name else "."),
        "",
        f"Ваша личная ссылка: {link}",
        "Откройте её и нажмите «Начать» — я пришлю кнопку для входа в чат.",
        "",
        f"Если ссылка не сработала, напишите мне в сообщения сообщества этот код: {code}",
        "",
        f"Приглашение действует до {day(expires_on)}, "
        "им можно воспользоваться один раз. Пожалуйста, не пересылайте его другим людям.",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- answers to a code


def render_claim_ok(chat_title: str) -> str:
    return (
        f"Код принят, добро пожаловать! Нажмите кнопку «{JOIN_BUTTON}», чтобы войти в чат "
        f"«{chat_title}».\nПожалуйста, не пересылайте эту ссылку: она только для вас."
    )


def _whom_to_ask(curator_name: str | None, curator_vk_id: int | None) -> str:
    if curator_name:
        return f"Пожалуйста, обратитесь к куратору класса — {mention(curator_name, curator_vk_id)}."
    return "Пожалуйста, обратитесь к куратору класса или к администрации школы."


_CLAIM_REFUSALS: dict[ClaimResult, str] = {
    ClaimResult.EXPIRED: "Срок действия этого приглашения истёк.",
    ClaimResult.SPENT: "Этим приглашением уже воспользовался другой человек.",
    ClaimResult.REVOKED: "Это приглашение отменено.",
    ClaimResult.FOREIGN: (
        "Это приглашение — для другого человека: в списках класса указана его страница "
        "ВКонтакте, поэтому войти по нему с вашей страницы нельзя."
    ),
    ClaimResult.UNCHECKED: (
        "Не получилось проверить приглашение: ВКонтакте сейчас не отвечает. Приглашение в силе — "
        "пришлите код ещё раз через несколько минут."
    ),
}


CURATOR_TOLD = "Куратор класса уже знает о вашей попытке и может впустить вас сам."


def render_claim_refused(
    result: ClaimResult, *, curator_name: str | None = None, curator_vk_id: int | None = None
) -> str:
    """EXPIRED / SPENT / REVOKED / FOREIGN / UNCHECKED, and whom to ask."""
    if result is ClaimResult.OK:
        raise ValueError("not a refusal")
    head = _CLAIM_REFUSALS[result]
    ask = _whom_to_ask(curator_name, curator_vk_id)
    if result is ClaimResult.UNCHECKED:
        return head
    if result is ClaimResult.FOREIGN:
        return f"{head} Если вы тоже родитель или ученик этого класса, {ask[0].lower()}{ask[1:]}"
    if result is ClaimResult.SPENT:
        return f"{head} Если вы никому его не передавали, {ask[0].lower()}{ask[1:]}"
    return f"{head} Чтобы получить новое, {ask[0].lower()}{ask[1:]}"


CODE_NOT_FOUND = (
    "Такого кода я не нашёл. Проверьте, пожалуйста, код: он состоит из 11 латинских букв и цифр, "
    "например K7QF-9XWM-2PR (регистр, пробелы и дефисы не важны)."
)
NO_CODE_IN_MESSAGE = (
    "Здравствуйте! Если у вас есть приглашение в чат школы, пришлите мне код из него, "
    "например K7QF-9XWM-2PR."
)


def _minutes(seconds: float) -> str:
    m = max(1, math.ceil(seconds / 60))
    return f"{m} {plural(m, 'минуту', 'минуты', 'минут')}"


def render_too_many_attempts(retry_after_seconds: float) -> str:
    """«Слишком много неверных кодов. Попробуйте снова через 15 минут.»"""
    return f"Слишком много неверных кодов. Попробуйте снова через {_minutes(retry_after_seconds)}."


def render_attempts_report(vk_id: int, failures: int, lockout_seconds: float) -> str:
    """To the administrators: someone is guessing codes."""
    return (
        f"⚠ {mention(f'Пользователь id{vk_id}', vk_id)} ввёл неверный код приглашения "
        f"{failures} {plural(failures, 'раз', 'раза', 'раз')} подряд. "
        f"Ввод кодов для него приостановлен на {_minutes(lockout_seconds)}."
    )


# ---------------------------------------------------------------- issuing, listing, revoking


def render_issued(
    *,
    chat_title: str,
    count: int,
    expires_on: date,
    skipped: Sequence[str] = (),
    again: str | None = None,
) -> str:
    """To the curator after `пригласить …`. `again`: the command that issues new links to those
    skipped for an open invitation («пригласить 5А родители заново»)."""
    again_line = (
        f"Новые ссылки тем, у кого приглашение уже есть (прежние останутся в силе): {again}"
    )
    if count == 0:
        why = ": все уже в чате или у всех есть действующее приглашение" if skipped else ""
        lines = [f"Новых приглашений в чат «{chat_title}» нет{why}."]
        if skipped:
            lines.append("Пропущены: " + ", ".join(skipped) + ".")
            if again:
                lines.append(again_line)
        return "\n".join(lines)
    word = plural(count, "приглашение", "приглашения", "приглашений")
    lines = [
        f"Готово: {count} {word} в чат «{chat_title}», действуют до {day(expires_on)}.",
        "Ниже — строка для каждого: имя и его личная ссылка. Скопируйте строку и отправьте "
        "этому человеку там, где вы с ним общаетесь; войти по ссылке сможет только он. "
        "Листовки с этими же приглашениями для печати — в файле следом.",
    ]
    if skipped:
        lines.append("Пропущены (уже в чате или уже есть действующее приглашение): "
                     + ", ".join(skipped) + ".")  # fmt: skip
        if again:
            lines.append(again_line)
    return "\n".join(lines)


def render_link_line(number: int, person_name: str, child_name: str | None, link: str) -> str:
    """«1. Иванова Елена Викторовна (родитель: Иванов Пётр) → https://vk.me/…»: one to copy."""
    who = person_name + (f" (родитель: {child_name})" if child_name else "")
    return f"{number}. {who} → {link}"


def sheet_sent(whom: str, count: int) -> str:
    word = plural(count, "приглашение", "приглашения", "приглашений")
    return (
        f"Листовки для печати: {count} {word} ({whom}), по шесть на листе А4. "
        "Приглашения, выданные раньше, остаются в силе."
    )


STATE_NAMES: dict[InviteState, str] = {
    InviteState.ISSUED: "выдано",
    InviteState.CLAIMED: "использовано",
    InviteState.EXPIRED: "истекло",
    InviteState.REVOKED: "отменено",
}
_STATE_MARKS: dict[InviteState, str] = {
    InviteState.ISSUED: "⏳",
    InviteState.CLAIMED: "✅",
    InviteState.EXPIRED: "⌛",
    InviteState.REVOKED: "✖",
}


@dataclass(frozen=True, slots=True)
class InvitationRow:
    """One line of `приглашения 5А`: plain data the service fills in."""

    number: int  # the invitation's id, for «отозвать приглашение 17»
    person_name: str
    state: InviteState
    expires_at: datetime
    child_name: str | None = None
    claimed_by: str | None = None  # the name (or mention) of who claimed it
    claimed_at: datetime | None = None
    revoked_at: datetime | None = None


def render_invitation_row(row: InvitationRow) -> str:
    who = row.person_name + (f" (родитель: {row.child_name})" if row.child_name else "")
    state = STATE_NAMES[row.state]
    match row.state:
        case InviteState.ISSUED:
            detail = f"до {day(row.expires_at)}"
        case InviteState.CLAIMED:
            by = f" — {row.claimed_by}" if row.claimed_by else ""
            when = f" {_moment(row.claimed_at)}" if row.claimed_at else ""
            detail = f"{when}{by}".strip()
        case InviteState.EXPIRED:
            detail = day(row.expires_at)
        case _:
            detail = _moment(row.revoked_at) if row.revoked_at else ""
    tail = f" {detail}" if detail else ""
    return f"{_STATE_MARKS[row.state]} №{row.number} {who}: {state}{tail}"


def render_invitation_list(chat_title: str, rows: Sequence[InvitationRow]) -> str:
    if not rows:
        return f"В чат «{chat_title}» приглашений пока не выдавали."
    counts = {s: sum(r.state is s for r in rows) for s in InviteState}
    summary = ", ".join(f"{STATE_NAMES[s]} — {n}" for s, n in counts.items() if n)
    lines = [f"Приглашения в чат «{chat_title}» ({summary}):"]
    lines += [render_invitation_row(r) for r in rows]
    return "\n".join(lines)


def render_revoked_one(number: int, person_name: str) -> str:
    return f"Приглашение №{number} ({person_name}) отменено: по нему больше нельзя войти."


def render_revoked_open(chat_title: str, count: int) -> str:
    if count == 0:
        return f"В чате «{chat_title}» нет действующих неиспользованных приглашений."
    word = plural(count, "приглашение", "приглашения", "приглашений")
    return f"Отменено {count} {word} в чат «{chat_title}». Использованные остались в силе."


def render_link_reset(chat_title: str) -> str:
    return (
        f"Ссылка для входа в чат «{chat_title}» заменена: старая больше не работает. "
        "Те, кто уже получил приглашение, но ещё не вошёл, получат новую ссылку по своему коду."
    )


NOT_YOUR_INVITATION = (
    "Извините, это приглашение в чат другого класса: отменить его может куратор того класса "
    "или администратор."
)


def person_not_in_class(whom: str, found: int) -> str:
    if found > 1:
        return (
            f"В классе несколько человек с именем «{whom}». Напишите фамилию и имя полностью, "
            "например: пригласить 5А Иванова Елена"
        )
    return (
        f"В списках класса нет «{whom}». Можно пригласить: всех, родителей, учеников или одного "
        "человека по фамилии и имени, например: пригласить 5А Иванова Елена"
    )


ALREADY_REVOKED = "Это приглашение уже было отменено."
INVITATION_NOT_FOUND = "Приглашения с таким номером нет."


# ---------------------------------------------------------------- the printable sheet

SHEET_INVITED = "Приглашение для:"
SHEET_CHILD = "Ребёнок:"
SHEET_CODE = "Код:"
SHEET_TITLE = "Приглашения в чат класса"


def sheet_valid_until(expires_on: date) -> str:
    return f"Действует до {day(expires_on)}"


def sheet_instruction(community_link: str) -> list[str]:
    """The numbered steps on a card. `community_link`: «vk.me/school»."""
    return [
        "1. Наведите камеру телефона на QR-код и откройте ссылку.",
        "2. Откроется диалог школы во ВКонтакте — нажмите «Начать».",
        f"3. Бот пришлёт кнопку «{JOIN_BUTTON}» — нажмите её.",
        f"Не получилось? Напишите код в сообщения сообщества {community_link}",
    ]


def sheet_footer(school: str, class_name: str, page: int, pages: int) -> str:
    return f"{school} · {class_name} · лист {page} из {pages} · разрежьте по пунктиру"


def render_admitted(person_name: str, chat_title: str, link: str | None) -> str:
    text = f"Готово: {person_name} может войти в чат «{chat_title}», я не буду его удалять."
    if link:
        text += f"\nСсылка на чат, чтобы передать лично: {link}"
    return text


SHEET_SENT = "Листовки с приглашениями для родителей — в файле. Приглашения, выданные раньше, остаются в силе."
SHEET_EMPTY = "Новых приглашений для листовок нет: все, кого вы назвали, уже в чате."
SHEET_WHOM = {"parents": "родителям", "pupils": "ученикам", "all": "ученикам и родителям"}
SHEET_DM_ONLY = "Листовки с личными кодами я отправил вам в личные сообщения."


def no_chats_for_invites(class_name: str) -> str:
    return (
        f"У класса {class_name} пока нет чатов, поэтому и приглашений нет. "
        f"Создать: создать чат {class_name} родители"
    )


def cli_bad_class(text: str) -> str:
    return f"Не понимаю класс «{text}». Пример: schoolbot invites sheet 5А"


def cli_sheet_saved(path, count: int) -> str:
    word = plural(count, "приглашение", "приглашения", "приглашений")
    return f"Сохранено {count} {word} в {path}. Приглашения, выданные раньше, остаются в силе."
