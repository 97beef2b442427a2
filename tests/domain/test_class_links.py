"""The class join link's rules: who is asked, who waits, and the limits against a flood."""

from datetime import UTC, datetime, timedelta

from bot.domain.class_links import (
    COOLDOWN,
    MAX_OPEN_PER_PERSON,
    MAX_TRIES,
    MAX_WAITING_PER_PUPIL,
    Answer,
    ClassLink,
    JoinRequest,
    LinkState,
    Opening,
    RequestState,
    is_cancel,
    on_answer,
    on_opening,
)

T0 = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)


def request(state: RequestState, link_id: int = 1, at: datetime = T0, **kw) -> JoinRequest:
    return JoinRequest(1, link_id, 555, state, at, **kw)


def test_link_state():
    link = ClassLink("h", 1, 2, T0, T0 + timedelta(days=14))
    assert link.state(T0) is LinkState.ACTIVE
    assert link.state(T0 + timedelta(days=14)) is LinkState.EXPIRED
    revoked = ClassLink("h", 1, 2, T0, T0 + timedelta(days=14), revoked_at=T0)
    assert revoked.state(T0) is LinkState.REVOKED


def test_opening():
    now = T0 + timedelta(hours=1)
    assert on_opening([], 1, known=True, now=now) is Opening.KNOWN
    assert on_opening([], 1, known=False, now=now) is Opening.ASK
    assert on_opening([request(RequestState.WAITING)], 1, known=False, now=now) is Opening.WAITING
    refused = request(RequestState.REFUSED, decided_at=T0)
    assert on_opening([refused], 1, known=False, now=now) is Opening.COOLING
    assert on_opening([refused], 1, known=False, now=T0 + COOLDOWN) is Opening.ASK
    unmatched = request(RequestState.UNMATCHED, decided_at=T0)
    assert on_opening([unmatched], 1, known=False, now=now) is Opening.COOLING
    assert on_opening([unmatched], 2, known=False, now=now) is Opening.ASK  # another class
    # A cancelled request after a refusal does not open the door again.
    closed = request(RequestState.CLOSED, decided_at=T0)
    assert on_opening([closed, refused], 1, known=False, now=now) is Opening.COOLING
    many = [request(RequestState.WAITING, link_id=10 + i) for i in range(MAX_OPEN_PER_PERSON)]
    assert on_opening(many, 1, known=False, now=now) is Opening.TOO_MANY


def test_answers():
    assert on_answer(0, 1, waiting_for_pupil=0, cancelled=False) is Answer.MATCHED
    assert on_answer(0, 0, waiting_for_pupil=0, cancelled=False) is Answer.AGAIN
    assert on_answer(0, 2, waiting_for_pupil=0, cancelled=False) is Answer.AGAIN
    assert on_answer(MAX_TRIES - 1, 0, waiting_for_pupil=0, cancelled=False) is Answer.GIVE_UP
    busy = on_answer(0, 1, waiting_for_pupil=MAX_WAITING_PER_PUPIL, cancelled=False)
    assert busy is Answer.BUSY
    assert on_answer(0, 1, waiting_for_pupil=0, cancelled=True) is Answer.CANCELLED


def test_asking_expires_and_cancel_words():
    asking = request(RequestState.ASKING)
    assert asking.asking(T0 + timedelta(hours=23))
    assert not asking.asking(T0 + timedelta(hours=25))
    assert not request(RequestState.WAITING).asking(T0)
    assert is_cancel("Отмена.") and is_cancel("стоп") and not is_cancel("Иванов Пётр")
