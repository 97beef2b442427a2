"""Which pupil a parent means: «Иванов Петя», «петя иванов», «Пётр Иванов, 5А» → Иванов Пётр.

Case, ё/е, word order, punctuation and small words («мама», «сын», «5А») do not matter; common
short forms of first names are read as the full name (Петя → Пётр), and one slip in a long word
is forgiven. Every word left must belong to the pupil's name, so «Иванов Пётр Андреевич» does not
match Иванов Пётр Сергеевич. Pure: no I/O.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_FILLER = frozenset(
    """
    я мы это мой моя мое мои моего моей наш наша наши его ее их у в из и а класс класса классе
    мама папа мать отец бабушка дедушка опекун родитель родительница родители
    сын сына дочь дочка дочери сынок ребенок ребенка дети детей ученик ученика ученица ученицы
    зовут меня фамилия имя отчество здравствуйте добрый день вечер утро привет спасибо пожалуйста
    """.split()
)
# Short forms a parent may write, and the full names they stand for (ё folded to е).
_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "петя": ("петр",), "саша": ("александр", "александра"), "шура": ("александр", "александра"),
    "маша": ("мария",), "ваня": ("иван",), "дима": ("дмитрий",), "миша": ("михаил",),
    "коля": ("николай",), "сережа": ("сергей",), "леша": ("алексей",), "алеша": ("алексей",),
    "андрюша": ("андрей",), "женя": ("евгений", "евгения"), "катя": ("екатерина",),
    "настя": ("анастасия",), "аня": ("анна",), "оля": ("ольга",), "таня": ("татьяна",),
    "наташа": ("наталья", "наталия"), "лена": ("елена",), "ира": ("ирина",), "юля": ("юлия",),
    "вика": ("виктория",), "даша": ("дарья",), "соня": ("софья", "софия"),
    "лиза": ("елизавета",), "ксюша": ("ксения",), "вова": ("владимир",),
    "володя": ("владимир",), "слава": ("вячеслав", "владислав", "ярослав", "святослав"),
    "влад": ("владислав",), "костя": ("константин",), "паша": ("павел",), "рома": ("роман",),
    "тема": ("артем",), "гоша": ("георгий", "егор"), "гриша": ("григорий",), "федя": ("федор",),
    "степа": ("степан",), "тима": ("тимофей", "тимур"), "кирюша": ("кирилл",),
    "макс": ("максим",), "лева": ("лев",), "илюша": ("илья",), "ярик": ("ярослав",),
    "витя": ("виктор",), "толя": ("анатолий",), "юра": ("юрий",),
    "валя": ("валентин", "валентина"), "галя": ("галина",), "люба": ("любовь",),
    "надя": ("надежда",), "света": ("светлана",), "варя": ("варвара",),
    "люда": ("людмила",), "мила": ("людмила", "милана"), "сеня": ("арсений", "семен"),
    "даня": ("даниил", "данила", "даниэль"), "матвейка": ("матвей",), "егорка": ("егор",),
    "алиска": ("алиса",), "полинка": ("полина",), "лера": ("валерия",), "эля": ("элина",),
}  # fmt: skip
_SLIP_RATIO = 0.8  # one wrong or missing letter in a word of five or more
_SLIP_MIN_LENGTH = 5


def words(text: str) -> list[str]:
    """The name words of a message: lower-case, ё → е, no small words or class names."""
    folded = text.replace("ё", "е").replace("Ё", "Е").casefold()
    return [w for w in _WORD.findall(folded) if w not in _FILLER and len(w) > 1]


def _genitive(word: str) -> set[str]:
    """«мама Иванова Петра», «папа Смирновой Алисы»: the forms after «мама», «папа»."""
    if word.endswith(("ова", "ева", "ина", "ына", "ская", "цкая")):
        return {word[:-1] + "ой"}
    if word.endswith("ий"):
        return {word[:-2] + "ия"}
    if word.endswith(("й", "ь")):
        return {word[:-1] + "я"}
    if word.endswith("я"):
        return {word[:-1] + "и"}
    if word.endswith("а"):
        return {word[:-1] + "ы", word[:-1] + "и"}
    return {word + "а"}


def _same(typed: str, word: str) -> bool:
    if typed == word or typed in _genitive(word):
        return True
    if min(len(typed), len(word)) < _SLIP_MIN_LENGTH:
        return False
    return difflib.SequenceMatcher(None, typed, word).ratio() >= _SLIP_RATIO


def _first_name_forms(first: str) -> set[str]:
    shorts = {short for short, full in _SHORT_FORMS.items() if first in full}
    return {first} | shorts | {form for short in shorts for form in _genitive(short)}


@dataclass(frozen=True, slots=True)
class NamedPupil:
    id: int
    full_name: str  # «Фамилия Имя Отчество», as in the roster


def _names(pupil_name: str) -> tuple[str, str, str | None] | None:
    parts = words(pupil_name) if pupil_name else []
    if len(parts) < 2:
        return None
    return parts[0], parts[1], parts[2] if len(parts) > 2 else None


def names_pupil(typed: Sequence[str], pupil_name: str) -> bool:
    """Do the typed words name this pupil: surname and first name (or its short form), in any
    order, with the patronymic optional, and nothing else?"""
    parsed = _names(pupil_name)
    if parsed is None or not typed:
        return False
    surname, first, patronymic = parsed
    forms = _first_name_forms(first)
    has_surname = has_first = False
    for word in typed:
        if not has_surname and _same(word, surname):
            has_surname = True
        elif not has_first and (word in forms or _same(word, first)):
            has_first = True
        elif patronymic is not None and _same(word, patronymic):
            continue
        else:
            return False
    return has_surname and has_first


def find_pupils(text: str, pupils: Iterable[NamedPupil]) -> list[NamedPupil]:
    """The pupils `text` names (usually one; none for a stranger's guess; several when the
    class has namesakes and the patronymic was left out)."""
    typed = words(text)
    if len(typed) < 2:
        return []
    return [p for p in pupils if names_pupil(typed, p.full_name)]


def same_person(vk_name: str, roster_name: str) -> bool:
    """Is «Мария Иванова» (as VK shows an account) the roster's «Иванова Мария Сергеевна»?"""
    typed = words(vk_name)
    return len(typed) >= 2 and names_pupil(typed, roster_name)
