import hmac
import math
import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain import invites
from bot.domain.invites import (
    ALPHABET,
    CODE_LENGTH,
    ClaimResult,
    Invitation,
    InviteCode,
    InviteState,
    check_claim,
    code_hash,
    expires_at,
    extract_code,
    normalize_code,
    verify_code,
    vk_me_link,
)
from bot.domain.people import Role
from bot.texts import invites as t

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
CODE = InviteCode("K7QF9XWM2PR")


def inv(**kw) -> Invitation:
    base = dict(
        code_hash=code_hash(CODE),
        chat_id=1,
        role=Role.PARENT,
        person_id=10,
        issued_by=2,
        issued_at=T0,
        expires_at=T0 + timedelta(days=14),
    )
    return Invitation(**(base | kw))


# ---------------------------------------------------------------- codes


def test_alphabet_has_no_lookalikes_and_entropy_is_enough():
    assert not set("0O1IL") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 31
    # Codes without a digit or without a letter are never made: count only the rest.
    letters, digits = 23, 8
    usable = len(ALPHABET) ** CODE_LENGTH - letters**CODE_LENGTH - digits**CODE_LENGTH
    assert math.log2(usable) >= 50


def test_generate_uses_the_source_and_makes_valid_distinct_codes():
    rng = random.Random(7)
    codes = [InviteCode.generate(rng) for _ in range(2000)]
    assert len({c.value for c in codes}) == len(codes)
    for c in codes:
        assert len(c.value) == CODE_LENGTH and set(c.value) <= set(ALPHABET)
        assert any(ch.isdigit() for ch in c.value) and any(ch.isalpha() for ch in c.value)
    assert [c.value for c in codes[:5]] == [
        InviteCode.generate(r).value for r in [random.Random(7)] for _ in range(5)
    ]


def test_generate_defaults_to_secrets(monkeypatch):
    calls = []
    real = invites.secrets.choice

    def spy(seq):
        calls.append(seq)
        return real(seq)

    monkeypatch.setattr(invites.secrets, "choice", spy)
    InviteCode.generate()
    assert len(calls) >= CODE_LENGTH


def test_generate_rejects_codes_without_a_digit():
    class Scripted:
        def __init__(self, text):
            self.chars = iter(text)

        def choice(self, seq):
            return next(self.chars)

    code = InviteCode.generate(Scripted("ABCDEFGHJKM" + "ABCDEFGHJK2"))
    assert code.value == "ABCDEFGHJK2"


def test_display_groups_and_repr_hides_the_code():
    assert CODE.display == "K7QF-9XWM-2PR" == str(CODE)
    assert "K7QF" not in repr(CODE)


@pytest.mark.parametrize(
    "typed",
    [
        "K7QF9XWM2PR",
        "k7qf9xwm2pr",
        "K7QF-9XWM-2PR",
        " k7qf 9xwm 2pr ",
        "K7QF–9XWM—2PR",
        "K7QF.9XWM.2PR",
        "К7QF-9XWМ-2РR",  # Cyrillic К, М, Р
        "Ｋ７ＱＦ９ＸＷＭ２ＰＲ",  # full-width
    ],
)
def test_normalisation(typed):
    assert normalize_code(typed) == "K7QF9XWM2PR"
    assert InviteCode.parse(typed) == CODE


def test_cyrillic_ze_reads_as_three():
    assert InviteCode.parse("ЗABC-DEFG-HJK") == InviteCode("3ABCDEFGHJK")


@pytest.mark.parametrize(
    "text", ["", "K7QF9XWM2P", "K7QF9XWM2PRR", "K7QF9XWM2P0", "ABCDEFGHJKM", "23456789234", "код"]
)
def test_parse_rejects(text):
    assert InviteCode.parse(text) is None


@pytest.mark.parametrize("bad", ["", "K7QF-9XWM-2PR", "k7qf9xwm2pr", "K7QF9XWM2PO"])
def test_invite_code_validates(bad):
    with pytest.raises(ValueError):
        InviteCode(bad)


@pytest.mark.parametrize(
    "text",
    [
        "K7QF-9XWM-2PR",
        "мой код K7QF-9XWM-2PR",
        "мой код k7qf 9xwm 2pr",
        "Код: k7qf-9xwm-2pr.",
        "https://vk.me/school?ref=K7QF9XWM2PR",
        "K7QF9XWM2PR",
        "здравствуйте!\nк7qf 9хwм 2рr спасибо",
        "(K7QF-9XWM-2PR)",
    ],
)
def test_extract_code(text):
    assert extract_code(text) == CODE


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "Здравствуйте, как вступить в чат?",
        "мой код",
        "телефон 8 900 123 45 67",
        "K7QF-9XWM",
        "the quick brown fox jumps",
        "Hello there can we meet",
    ],
)
def test_extract_code_finds_none(text):
    assert extract_code(text) is None


@given(st.text(max_size=300))
def test_extract_and_normalise_never_raise(text):
    code = extract_code(text)
    assert code is None or len(code.value) == CODE_LENGTH
    assert isinstance(normalize_code(text), str)
    InviteCode.parse(text)


@given(st.text(max_size=40), st.text(max_size=40))
def test_a_code_inside_any_text_is_found(before, after):
    found = extract_code(f"{before} K7QF-9XWM-2PR {after}")
    assert found is not None  # maybe another code-shaped run first, never nothing


@given(st.builds(lambda r: InviteCode.generate(random.Random(r)), st.integers()))
def test_display_round_trips(code):
    assert InviteCode.parse(code.display) == code
    assert extract_code(code.display.lower().replace("-", " ")) == code


# ---------------------------------------------------------------- hashes


def test_hash_is_of_the_normalised_code_and_peppered():
    h = code_hash(CODE)
    assert h == code_hash("k7qf-9xwm-2pr") and len(h) == 64
    assert "K7QF" not in h
    assert code_hash(CODE, b"pepper") != h
    assert verify_code("к7qf 9xwm 2pr", h)
    assert not verify_code("K7QF9XWM2PS", h)
    assert verify_code(CODE, code_hash(CODE, b"p"), b"p")
    assert not verify_code(CODE, code_hash(CODE, b"p"), b"q")


def test_verify_uses_constant_time_comparison(monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(invites.hmac, "compare_digest", spy)
    assert verify_code(CODE, code_hash(CODE))
    assert len(calls) == 1


def test_vk_me_link():
    assert vk_me_link("school42", CODE) == "https://vk.me/school42?ref=K7QF9XWM2PR"
    assert vk_me_link("@school42", CODE) == "https://vk.me/school42?ref=K7QF9XWM2PR"
    assert extract_code(vk_me_link("school42", CODE)) == CODE
    for bad in ["", "a/b", "x?y=1"]:
        with pytest.raises(ValueError):
            vk_me_link(bad, CODE)


def test_expires_at():
    assert expires_at(T0, 14) == T0 + timedelta(days=14)
    with pytest.raises(ValueError):
        expires_at(T0, 0)


# ---------------------------------------------------------------- an invitation's life


def test_states_over_time():
    i = inv()
    assert i.state(T0) is InviteState.ISSUED
    assert i.state(T0 + timedelta(days=14) - timedelta(seconds=1)) is InviteState.ISSUED
    assert i.state(T0 + timedelta(days=14)) is InviteState.EXPIRED
    claimed = i.claim(T0 + timedelta(days=1), 555)
    assert claimed.claimed_vk_id == 555 and claimed.claimed_at == T0 + timedelta(days=1)
    assert claimed.state(T0 + timedelta(days=30)) is InviteState.CLAIMED  # stays claimed
    assert claimed.revoke(T0 + timedelta(days=2)).state(T0) is InviteState.REVOKED
    revoked = i.revoke(T0 + timedelta(hours=1))
    assert revoked.state(T0 + timedelta(days=30)) is InviteState.REVOKED
    assert revoked.revoke(T0 + timedelta(days=3)) is revoked  # the first revocation's time stays


@pytest.mark.parametrize(
    ("change", "at_days", "vk_id", "expected"),
    [
        ({}, 1, 555, ClaimResult.OK),
        ({}, 14, 555, ClaimResult.EXPIRED),
        ({"claimed_at": T0, "claimed_vk_id": 555}, 1, 555, ClaimResult.OK),  # idempotent
        ({"claimed_at": T0, "claimed_vk_id": 555}, 20, 555, ClaimResult.OK),
        ({"claimed_at": T0, "claimed_vk_id": 555}, 1, 777, ClaimResult.SPENT),
        ({"revoked_at": T0}, 1, 555, ClaimResult.REVOKED),
        ({"revoked_at": T0, "claimed_at": T0, "claimed_vk_id": 555}, 1, 555, ClaimResult.REVOKED),
        ({"revoked_at": T0}, 20, 555, ClaimResult.REVOKED),
    ],
)
def test_check_claim(change, at_days, vk_id, expected):
    assert check_claim(inv(**change), T0 + timedelta(days=at_days), vk_id) is expected


def test_claim_twice_by_the_same_person_keeps_the_first_time():
    first = inv().claim(T0 + timedelta(hours=1), 555)
    assert first.claim(T0 + timedelta(hours=5), 555) is first
    with pytest.raises(ValueError):
        first.claim(T0 + timedelta(hours=5), 777)
    with pytest.raises(ValueError):
        inv().claim(T0 + timedelta(days=15), 555)


@pytest.mark.parametrize(
    "change",
    [
        {"role": Role.TEACHER},
        {"issued_at": datetime(2026, 11, 20)},
        {"expires_at": T0},
        {"claimed_at": T0},
        {"claimed_vk_id": 5},
    ],
)
def test_invitation_validates(change):
    with pytest.raises(ValueError):
        inv(**change)


def test_invitation_for_a_pupil():
    assert inv(role=Role.PUPIL).role is Role.PUPIL
    assert replace(inv(), id=5).id == 5


# ---------------------------------------------------------------- texts


def test_plural():
    forms = ("код", "кода", "кодов")
    got = {n: t.plural(n, *forms) for n in (0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111)}
    assert got == {
        0: "кодов",
        1: "код",
        2: "кода",
        4: "кода",
        5: "кодов",
        11: "кодов",
        12: "кодов",
        14: "кодов",
        21: "код",
        22: "кода",
        25: "кодов",
        101: "код",
        111: "кодов",
    }


def test_invitation_message():
    text = t.render_invitation(
        school="Лицей № 42",
        person_name="Елена Викторовна",
        chat_title="5А · родители",
        link="https://vk.me/school42?ref=K7QF9XWM2PR",
        code="K7QF-9XWM-2PR",
        expires_on=date(2026, 12, 5),
        child_name="Иванов Пётр",
    )
    for part in [
        "https://vk.me/school42?ref=K7QF9XWM2PR",
        "K7QF-9XWM-2PR",
        "05.12.2026",
        "«Начать»",
        "5А · родители",
        "Иванов Пётр",
        "один раз",
    ]:
        assert part in text


def test_claim_answers():
    assert "«Вступить в чат»" in t.render_claim_ok("5А · родители") and t.JOIN_BUTTON
    expired = t.render_claim_refused(
        ClaimResult.EXPIRED, curator_name="Мария Петрова", curator_vk_id=12
    )
    assert "истёк" in expired and "[id12|Мария Петрова]" in expired
    assert "другой человек" in t.render_claim_refused(ClaimResult.SPENT, curator_name="М. П.")
    revoked = t.render_claim_refused(ClaimResult.REVOKED)
    assert "отменено" in revoked and "администрации" in revoked
    with pytest.raises(ValueError):
        t.render_claim_refused(ClaimResult.OK)


def test_too_many_attempts():
    assert (
        t.render_too_many_attempts(900)
        == "Слишком много неверных кодов. Попробуйте снова через 15 минут."
    )
    assert t.render_too_many_attempts(61).endswith("через 2 минуты.")
    assert t.render_too_many_attempts(0.5).endswith("через 1 минуту.")
    report = t.render_attempts_report(555, 5, 900)
    assert "[id555|" in report and "5 раз" in report and "15 минут" in report


def test_listing_shows_every_state():
    due = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    rows = [
        t.InvitationRow(1, "Иванова Елена", InviteState.ISSUED, due, child_name="Иванов Пётр"),
        t.InvitationRow(
            2,
            "Петров Пётр",
            InviteState.CLAIMED,
            due,
            claimed_by="[id5|Пётр]",
            claimed_at=datetime(2026, 11, 21, 18, 30, tzinfo=UTC),
        ),
        t.InvitationRow(3, "Сидорова Аня", InviteState.EXPIRED, due),
        t.InvitationRow(4, "Кузнецов Илья", InviteState.REVOKED, due, revoked_at=due),
    ]
    text = t.render_invitation_list("5А · родители", rows)
    lines = text.splitlines()
    assert "выдано — 1" in lines[0] and "отменено — 1" in lines[0]
    assert "№1 Иванова Елена (родитель: Иванов Пётр): выдано до 05.12.2026" in lines[1]
    assert "использовано 21.11.2026 18:30 — [id5|Пётр]" in lines[2]
    assert "истекло 05.12.2026" in lines[3]
    assert "отменено 05.12.2026 09:00" in lines[4]
    assert "не выдавали" in t.render_invitation_list("5А · родители", [])


def test_issue_and_revoke_texts():
    issued = t.render_issued(
        chat_title="5А · родители", count=25, expires_on=date(2026, 12, 5), skipped=["Петров"]
    )
    assert "25 приглашений" in issued and "Петров" in issued
    assert "1 приглашение" in t.render_revoked_open("5А", 1)
    assert "нет действующих" in t.render_revoked_open("5А", 0)
    assert "№3" in t.render_revoked_one(3, "Иванов")
    assert "старая больше не работает" in t.render_link_reset("5А · родители")
