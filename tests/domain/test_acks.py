"""Announcements answered by button: the command's words, families, tallies, presses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.ack_words import AckProblem, AckWordsError, read_ack
from bot.domain.acks import (
    AckKind,
    Answer,
    Member,
    PressOutcome,
    family_units,
    judge_press,
    pupil_units,
    tally,
)
from bot.domain.chats import ChatKind

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
PETR, MARIA, ALISA, ARTEM = (Member(i, None, n) for i, n in (
    (1, "Иванов Пётр"), (2, "Иванова Мария"), (3, "Кузнецова Алиса"), (4, "Смирнов Артём"),
))  # fmt: skip
MOTHER, FATHER, NATALYA = (
    Member(11, 2001, "Иванова Елена"),
    Member(12, 2002, "Иванов Сергей"),
    (Member(13, 2003, "Кузнецова Наталья")),
)
OTHER_CLASS_PARENT = Member(14, 2005, "Попова Ирина")
PUPILS = [PETR, MARIA, ALISA, ARTEM]
LINKS = [(MOTHER, 1), (MOTHER, 2), (FATHER, 1), (NATALYA, 3), (OTHER_CLASS_PARENT, 99)]


def test_an_acknowledgement_goes_to_parents_unless_pupils_are_named():
    assert read_ack(AckKind.ACK, ": Субботник в пятницу") == (
        read_ack(AckKind.ACK, "Субботник в пятницу")
    )
    wording = read_ack(AckKind.ACK, "Субботник\nв пятницу")
    assert (wording.chat_kind, wording.text, wording.options) == (
        ChatKind.PARENTS,
        "Субботник\nв пятницу",
        (),
    )
    assert read_ack(AckKind.CONSENT, "ученики: Поход").chat_kind is ChatKind.PUPILS
    assert read_ack(AckKind.ACK, "Ученикам: Поход").text == "Поход"
    # A kind word without «:» is the text itself.
    assert read_ack(AckKind.ACK, "Родители, завтра собрание").text == "Родители, завтра собрание"


def test_a_poll_has_a_question_and_two_to_six_choices():
    wording = read_ack(AckKind.POLL, "Когда собрание?; 12 марта;14 марта\n16 марта")
    assert wording.text == "Когда собрание?"
    assert wording.options == ("12 марта", "14 марта", "16 марта")


@pytest.mark.parametrize(
    ("kind", "what", "problem"),
    [
        (AckKind.ACK, "", AckProblem.NO_TEXT),
        (AckKind.ACK, "родители:", AckProblem.NO_TEXT),
        (AckKind.ACK, "а" * 3501, AckProblem.TOO_LONG),
        (AckKind.POLL, "Когда?; завтра", AckProblem.FEW_OPTIONS),
        (AckKind.POLL, "Когда?; " + "; ".join(str(n) for n in range(7)), AckProblem.MANY_OPTIONS),
        (AckKind.POLL, "Когда?; да; " + "б" * 41, AckProblem.LONG_OPTION),
        (AckKind.POLL, "Когда?; Завтра; завтра", AckProblem.SAME_OPTION),
        (AckKind.POLL, "; да; нет", AckProblem.NO_TEXT),
    ],
)
def test_bad_words_are_named(kind, what, problem):
    with pytest.raises(AckWordsError) as caught:
        read_ack(kind, what)
    assert caught.value.problem is problem


def test_siblings_and_both_parents_are_one_family():
    units = family_units(PUPILS, LINKS)
    assert [u.label for u in units] == [
        "Иванов Пётр, Иванова Мария",
        "Кузнецова Алиса",
        "Смирнов Артём",
    ]
    assert [v.name for v in units[0].voters] == ["Иванов Сергей", "Иванова Елена"]
    assert units[2].voters == ()  # no parent on the roster: counted, nobody can answer


def test_a_chain_of_shared_parents_is_one_family():
    step = Member(15, 2006, "Отчим")
    units = family_units(PUPILS, [(MOTHER, 1), (step, 2), (step, 3), (FATHER, 3)])
    assert [u.label for u in units] == [  # the stepfather joins Мария and Алиса only
        "Иванов Пётр",
        "Иванова Мария, Кузнецова Алиса",
        "Смирнов Артём",
    ]
    units = family_units(PUPILS, [(MOTHER, 1), (MOTHER, 2), (step, 2), (step, 3)])
    assert [u.label for u in units] == [
        "Иванов Пётр, Иванова Мария, Кузнецова Алиса",
        "Смирнов Артём",
    ]


def test_in_a_pupils_chat_every_pupil_answers_alone():
    units = pupil_units(PUPILS)
    assert len(units) == 4 and all(u.voters == u.pupils for u in units)


def test_the_latest_answer_of_a_family_counts_once():
    units = family_units(PUPILS, LINKS)
    answers = {
        11: Answer(11, 0, T0),
        12: Answer(12, 1, T0, seq=2),  # the same moment, given later
        13: Answer(13, 1, T0 - timedelta(hours=1)),
        14: Answer(14, 0, T0),  # not of this class: not counted
    }
    result = tally(units, answers, 2)
    assert (result.answered, result.total, result.percent) == (2, 3, 67)
    assert result.counts == (0, 2)
    assert [u.label for u in result.missing] == ["Смирнов Артём"]
    assert result.rows[0].by == FATHER
    empty = tally([], {}, 1)
    assert (empty.answered, empty.total, empty.percent) == (0, 0, 0)


def test_presses_are_judged_per_family():
    units = family_units(PUPILS, LINKS)
    assert judge_press(units, {}, None, 0) is PressOutcome.STRANGER
    assert judge_press(units, {}, 14, 0) is PressOutcome.STRANGER
    assert judge_press(units, {}, 11, 0) is PressOutcome.RECORDED
    answers = {11: Answer(11, 0, T0)}
    assert judge_press(units, answers, 11, 0) is PressOutcome.ALREADY
    assert judge_press(units, answers, 12, 0) is PressOutcome.ALREADY  # the other parent
    assert judge_press(units, answers, 12, 1) is PressOutcome.CHANGED
    assert judge_press(units, answers, 13, 0) is PressOutcome.RECORDED
