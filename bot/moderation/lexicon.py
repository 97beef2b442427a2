"""Russian obscene vocabulary («ненормированная лексика», п. 4.5) as patterns over the folded text.

The folded text (see normalize.py) is lower-case Cyrillic with look-alikes already replaced, so the
patterns only spell Cyrillic. Every letter of a root may repeat («бляяя», «ссука»).

Innocent words that share letters with obscene roots (the «Scunthorpe» problem) are kept out in two
ways: structurally — the roots that hide inside ordinary words («бля» in «сабля», «еб» in «хлебать»,
«пидар» in «скипидар», «манд» in «команда») only count at the start of a word or after a known
prefix — and by the explicit list EXCEPTIONS in lexicon_words.py, which the tests walk word by word.

What counts as obscene here: the mat roots (хуй, пизд, еб, бля, муд(ак)), and the words that school
rules treat the same way: сука, пидор, гандон, залупа, манда, шлюха, дрочить, хер. Rude but
normative words (дерьмо, жопа, говно, блин, фиг, хрен) are not flagged: see docs/moderation.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.moderation.patterns import top_level_branches

_L = "а-яa-z"  # letters of the folded text
_END = f"(?![{_L}])"


def _rep(word: str) -> str:
    """Each letter may be repeated, the first stays a plain literal (so the regex engine can skip
    ahead to it): «бля» → «бб*лл*яя*»."""
    return "".join(f"{c}{c}*" for c in word)


# Prefixes that attach to the roots that are only matched at a word's start («за|еб|ал»).
PREFIXES: frozenset[str] = frozenset(
    "вы за у от ото про до на по пере под раз рас недо при с вз из об о ни полу долбо мозго "
    "пиздо долба далба далбо съ сь подъ отъ разъ взъ изъ объ въ нъ".split()
)
_ANY, _START, _PREFIXED = "anywhere", "start", "prefixed"


@dataclass(frozen=True, slots=True)
class Root:
    """An obscene root: where it may stand in a word, and which prefixes it takes."""

    name: str
    pattern: str
    where: str  # _ANY: anywhere in a word; _START: at its start; _PREFIXED: after PREFIXES
    prefixes: frozenset[str] = PREFIXES


ROOTS: tuple[Root, ...] = (
    # хуй, хуя, хуе, хуёвый, нахуй, похуй, охуеть, нихуя (not страхуй, похудеть)
    Root("hui", f"{_rep('ху')}[йяеиюё]", _PREFIXED),
    Root("huli", f"{_rep('хули')}{_END}", _START),
    # пизда and everything with пизд (распиздяй, спиздил): no innocent word contains it
    Root("pizd", "пп*[иеы][иеы]*зз*дд*", _ANY),
    Root("pzdc", f"{_rep('пзд')}(?:ц|ец)?", _START),
    # ебать, ебу, ебло, ёб, заебал, уебок, долбоеб, съебаться (not хлебать, небо, ребята, учебник)
    Root("eb", f"{_rep('еб')}(?:[аулны]|ищ|и[тсшв]|е[тш]|ень|ок|он|уч|ош|{_END})", _PREFIXED),
    # бля, блядь, блять, выблядок (not сабля, рубля, оскорблять, бляха)
    Root("blya", f"{_rep('бля')}(?!х)", _PREFIXED, frozenset({"вы", "по", "раз"})),
    # сука, суки, сучка, сукин (not сук, сукно, суккулент)
    Root("suka", f"{_rep('сук')}(?:а+|и+|у|ой|ам|ами|ах|ин|ина|ины){_END}", _START),
    Root("such", f"{_rep('суч')}(?:к[аиуе]|кой|ар|ар[аыу]|ье|ьё){_END}", _START),
    # мудак, мудила, мудозвон (not мудрый)
    Root("mud", f"{_rep('муд')}(?:ак|ач|ил|озвон|ень|ня|охат)", _START),
    # пидор, пидар, пидорас, пидр (not скипидар, ипподром, педагог, Педро)
    Root("pidor", "пп*[иеё][иеё]*дд*[оа][оа]*рр*|пп*ии*дд*рр*", _START),
    Root("zalup", f"зз*[ао][ао]*{_rep('луп')}", _ANY),
    # манда, мандавошка (not мандарин, мандат, команда)
    Root("manda", f"{_rep('манд')}(?:а|ы|е|у|ой|ою|ам|ами|ах){_END}", _START),
    Root("mandavosh", f"{_rep('манд')}[ао][ао]*{_rep('вош')}", _ANY),
    Root("gandon", "гг*[ао][ао]*нн*дд*[ао][ао]*нн*", _ANY),
    Root("shluh", _rep("шлюх"), _ANY),
    # дрочить (not дрочёна)
    Root("droch", f"{_rep('дроч')}(?!ен)", _PREFIXED, frozenset({"по", "за", "на", "об", "от"})),
    # хер, нахер, похер, херня, херовый (not херувим, Херсон)
    Root(
        "her",
        f"{_rep('хер')}(?:а|ам|ами|ов|ово|ова|ов[ыао][а-я]*|н[яию]|н[её]й|ом|ы|ь)?{_END}",
        _PREFIXED,
        frozenset({"на", "по", "за", "от", "до", "ни"}),
    ),
)


def _by_initial(patterns: list[str]) -> str:
    """The alternation of `patterns`, its branches grouped by their first (literal) letter: at a
    candidate position the engine tries one group instead of every root. The same matches start
    at the same positions (the order of branches with the same letter is kept)."""
    groups: dict[str, list[str]] = {}
    for pattern in patterns:
        for branch in top_level_branches(pattern):
            if not branch[0].isalpha():
                raise ValueError(f"a root must start with a literal letter: {branch!r}")
            groups.setdefault(branch[0], []).append(branch[1:])
    return "|".join(f"{c}(?:{'|'.join(rests)})" for c, rests in groups.items())


# All roots in one pattern: every branch starts with a literal letter, so the regex engine skips
# straight to the few letters that can start a root; where the root stands is checked afterwards.
# Used only for where a root may start (`iter_obscene`) and whether one does at all.
PROFANITY_RE = re.compile(_by_initial([r.pattern for r in ROOTS]))

# Whether a root may stand anywhere in a text at all (the gate before `iter_obscene`): the roots
# again, most found at a rarer letter than their first, with the letter before it checked behind
# — «ее*бб*…» at its «б» («б(?<=еб)б*…»), «сс*уу*к…» at its «у» — so that the engine stops at
# fewer places (е, п, с are among the commonest letters). Where the letters before can repeat
# («пп*[иеы][иеы]*зз*…») the look-behind asks for less than the root: the gate lets more texts
# through, never fewer (a test holds it against PROFANITY_RE).
PROFANITY_GATE = re.compile(
    _by_initial(
        [
            "хх*уу*[йяеиюё]",  # hui
            f"хх*уу*лл*ии*{_END}",  # huli
            "з(?<=[иеы]з)з*дд*",  # pizd
            "з(?<=пз)з*дд*",  # pzdc
            f"б(?<=еб)б*(?:[аулны]|ищ|и[тсшв]|е[тш]|ень|ок|он|уч|ош|{_END})",  # eb
            "бб*лл*яя*(?!х)",  # blya
            f"у(?<=су)у*кк*(?:а+|и+|у|ой|ам|ами|ах|ин|ина|ины){_END}",  # suka
            f"у(?<=су)у*чч*(?:к[аиуе]|кой|ар|ар[аыу]|ье|ьё){_END}",  # such
            "у(?<=му)у*дд*(?:ак|ач|ил|озвон|ень|ня|охат)",  # mud
            "д(?<=[иеё]д)д*[оа][оа]*рр*",  # pidor
            "д(?<=ид)д*рр*",  # pidor (пидр)
            "зз*[ао][ао]*лл*уу*пп*",  # zalup
            f"мм*аа*нн*дд*(?:а|ы|е|у|ой|ою|ам|ами|ах){_END}",  # manda
            "мм*аа*нн*дд*[ао][ао]*вв*оо*шш*",  # mandavosh
            "д(?<=нд)д*[ао][ао]*нн*",  # gandon
            "шш*лл*юю*хх*",  # shluh
            "дд*рр*оо*чч*(?!ен)",  # droch
            "хх*ее*рр*(?:а|ам|ами|ов|ово|ова|ов[ыао][а-я]*|н[яию]|н[её]й|ом|ы|ь)?" + _END,  # her
        ]
    )
)
if len(ROOTS) != 17:  # a root added or removed: PROFANITY_GATE must follow
    raise RuntimeError("PROFANITY_GATE is out of step with ROOTS")
ROOT_RES: tuple[tuple[Root, re.Pattern[str]], ...] = tuple(
    (r, re.compile(r.pattern)) for r in ROOTS
)
_WORD_CHARS = frozenset("абвгдежзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz")


_ROOTS_BY_INITIAL: dict[str, tuple[tuple[Root, re.Pattern[str]], ...]] = {
    initial: tuple(rp for rp in ROOT_RES if rp[0].pattern[0] == initial)
    for initial in {r.pattern[0] for r in ROOTS}
}


# A prefix longer than this is no prefix at all: looking further back for the word's start
# (a Python loop over characters) can't change the verdict.
_PREFIX_REACH = max(len(p) for r in ROOTS for p in r.prefixes) + 1


def obscene_at(text: str, pos: int) -> int:
    """End of an obscene root standing properly at `pos` in `text`, or -1."""
    ws = pos
    stop = max(0, pos - _PREFIX_REACH)
    while ws > stop and text[ws - 1] in _WORD_CHARS:
        ws -= 1
    prefix = text[ws:pos]
    for root, pattern in _ROOTS_BY_INITIAL.get(text[pos], ()):
        # where the root stands first (a set test), the root's own pattern after
        if (
            root.where == _ANY
            or not prefix
            or (root.where == _PREFIXED and prefix in root.prefixes)
        ):
            m = pattern.match(text, pos)
            if m is not None:
                return m.end()
    return -1


def iter_obscene(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the obscene roots that stand properly in `text` (a rejected candidate does not
    hide a later one that starts inside it)."""
    pos = 0
    search = PROFANITY_RE.search
    while (m := search(text, pos)) is not None:
        end = obscene_at(text, m.start())
        if end >= 0:
            yield m.start(), end
            pos = end
        else:
            pos = m.start() + 1


def contains_obscene(word: str) -> bool:
    return next(iter_obscene(word), None) is not None
