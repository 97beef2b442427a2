"""Hostile text everywhere a person can type: no exception escapes the command parser, the
moderation normaliser and detectors, or the roster importer; odd Unicode and SQL-looking text
change nothing they should not."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.domain.grammar import NotACommand, Parsed, ParseError, parse_command
from bot.domain.roster import parse_roster
from bot.moderation.engine import Moderator
from bot.moderation.normalize import normalize

pytestmark = pytest.mark.reliability

RTL = ["\u200f", "\u202e", "\u2067", "\u061c"]  # right-to-left marks and overrides
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
COMBINING = ["\u0301", "\u0308", "\u0336", "\u20dd"]
EMOJI = ["👨‍👩‍👧‍👦", "🏳️‍🌈", "👍🏽", "🇷🇺", "1️⃣", "🤦‍♀️"]
SQL = ["'; DROP TABLE people; --", '" OR 1=1 --', "Robert'); DELETE FROM roles;--", "%_\\"]
ODD = RTL + INVISIBLE + COMBINING + EMOJI + SQL + ["\x00", "\r\n", "\t", "ё", "Ё", "ʼ"]

odd_text = st.lists(st.one_of(st.sampled_from(ODD), st.text(max_size=12)), max_size=30).map("".join)
HUGE = ("пригласить 5А родители " * 5000)[:100_000]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MODERATOR = Moderator()


@SETTINGS
@given(odd_text, st.booleans())
@example(HUGE, False)
@example("помощь" + "\u0301" * 50_000, True)
@example("[club1|@school1] " + "👨‍👩‍👧‍👦" * 20_000, True)
def test_the_parser_never_raises(text, in_chat):
    result = parse_command(text, community_id=1, community_screen_name="school1", in_chat=in_chat)
    assert isinstance(result, Parsed | NotACommand | ParseError)


@SETTINGS
@given(st.sampled_from(SQL + EMOJI + RTL))
def test_sql_or_odd_text_after_a_command_is_only_an_argument(junk):
    """Whatever follows a command word is at most a (checked) argument: it never turns into
    another command or leaks past the grammar."""
    result = parse_command(f"кто я {junk}", community_id=1, in_chat=False)
    assert not isinstance(result, Parsed) or result.key == "whoami"
    plain = parse_command("помощь", community_id=1, in_chat=False)
    assert isinstance(plain, Parsed) and plain.key == "help"


@SETTINGS
@given(odd_text)
@example(HUGE)
@example("п" + "\u0301" * 10_000 + "идор")
def test_the_normaliser_keeps_its_offsets(text):
    normalized = normalize(text)
    assert len(normalized.text) == len(normalized.base)
    start, end = normalized.to_original(0, len(normalized.text))
    assert 0 <= start <= end <= len(text)


@SETTINGS
@given(odd_text, st.sampled_from([None, "pupils", "parents", "staff", "subject"]))
@example(HUGE, None)
@example("карта 2200\u200b7001\u200b2345\u200b6781", "parents")
def test_the_detectors_never_raise_and_spans_stay_inside(text, kind):
    for violation in MODERATOR.check(text, kind):
        for span in getattr(violation, "spans", ()) or ():
            assert 0 <= span[0] <= span[1] <= len(text)


@SETTINGS
@given(
    st.lists(
        st.tuples(st.sampled_from(["5А", "6Б", "", "11Я"]), odd_text, odd_text),
        max_size=8,
    )
)
def test_the_roster_importer_never_raises(rows):
    lines = ["класс;роль;фамилия;имя;отчество;vk;ребёнок"]
    for class_name, last, first in rows:
        clean = [cell.replace(";", ",").replace("\n", " ") for cell in (last, first)]
        lines.append(f"{class_name};ученик;{clean[0]};{clean[1]};;;")
    parse_roster("\n".join(lines).encode("utf-8", "surrogatepass"))


def test_a_card_number_hidden_by_invisible_marks_is_still_masked():
    text = "переведите на 2200\u200b7001\u200b2345\u200b6781"
    violations = MODERATOR.check(text, "parents")
    assert violations, "the card must be found through zero-width spaces"
    masked = MODERATOR.mask(text, violations)
    assert "2345" not in masked.replace("\u200b", "")
