"""Demeaning names for people (оскорбления, п. 4.5), without obscenity, as concrete word forms.

Two strengths:

- STRONG forms are insults wherever they stand («дебил», «мразь», «ублюдок»): they have no
  everyday meaning in a school chat;
- WEAK forms are ordinary words that insult only when aimed at a person («тупой» — but «тупой
  угол»; «дурак» — but «играли в дурака»; «гниды» — but «у детей нашли гниды»; «козёл» — the
  gym apparatus): they count only next to a word that points at a person («ты», «вы», «он»,
  «твой» …), see detectors/insult.py.

Forms are generated from stems with the endings of their declension, then folded (ё → е).
"""

from __future__ import annotations

_NOUN_HARD = ("", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах")
_NOUN_SOFT_FEM = ("ь", "и", "ью", "ей", "ям", "ями", "ях")
_NOUN_A = ("а", "ы", "е", "у", "ой", "ою", "ам", "ами", "ах", "")
_NOUN_A_SOFT = ("а", "и", "е", "у", "ой", "ою", "ам", "ами", "ах", "")
_NOUN_KA = ("ка", "ки", "ке", "ку", "кой", "ок", "кам", "ками", "ках")
_ADJ_HARD = (
    "ой",
    "ый",
    "ая",
    "ое",
    "ые",
    "ого",
    "ому",
    "ым",
    "ом",
    "ых",
    "ую",
    "ыми",
    "ой",
    "",
    "а",
    "ы",
)
_ADJ_SOFT = ("ий", "ая", "ое", "ие", "ого", "ому", "им", "ом", "их", "ую", "ими", "ой")


def _spell(stem: str, end: str) -> str:
    # «ы» is written «и» after г, к, х and the hushing consonants: «мудаки», «дураки».
    if end.startswith("ы") and stem[-1:] in "гкхжшчщ":
        end = "и" + end[1:]
    return stem + end


def _forms(stems: str, endings: tuple[str, ...]) -> set[str]:
    return {_spell(stem, end) for stem in stems.split() for end in endings}


STRONG: frozenset[str] = frozenset(
    _forms("дебил дибил кретин имбецил идиот дегенерат олигофрен", _NOUN_HARD)
    | _forms("дебилк идиотк кретинк дегенератк", ("а", "и", "е", "у", "ой"))
    | _forms("урод", _NOUN_HARD)
    | _forms("уродин", _NOUN_A)
    | _forms("придурок_ выродок_ недоумок_ полудурок_ ушлепок_ ублюдок_", ("",))
    | _forms(
        "придурк выродк недоумк полудурк ушлепк",
        ("а", "у", "ом", "е", "и", "ов", "ам", "ами", "ах"),
    )
    | _forms("ублюдк", ("а", "у", "ом", "е", "и", "ов", "ам", "ами", "ах"))
    | _forms("мраз твар", _NOUN_SOFT_FEM)
    | _forms("сволоч", ("ь", "и", "ью", "ей", "ам", "ами"))
    | _forms("чмо чмошник чмошники чмошница лошара лошары лошаре лошару", ("",))
    | _forms("быдл", ("о", "а", "у", "ом"))
    | _forms("падл шалав дебилоид", _NOUN_A)
    | _forms("отморозок_", ("",))
    | _forms("отморозк", ("а", "у", "ом", "е", "и", "ов", "ам", "ами", "ах"))
    | _forms("ничтожеств", ("о", "а", "у", "ом", "е"))
    | _forms("жирдя жиробас", ("й", "я", "ю", "ем", "и", "ев", "", "а", "ы", "ов"))
    | _forms("нищеброд педик", _NOUN_HARD)
    | _forms("бездар", ("ь", "и", "ью", "ей"))
    | _forms("тупиц", _NOUN_A)
    | _forms("дур", ("ында", "ынды", "ынде", "ынду", "ындой", "ачье"))
    # obscene names for people: both profanity and an insult
    | _forms(
        "мудак долбоеб долбаеб далбаеб уебан пидор пидорас пидар пидарас пиздабол мудозвон",
        _NOUN_HARD,
    )
    | _forms("мудил", _NOUN_A)
    | _forms("шлюх", ("а", "и", "е", "у", "ой", "ам", "ами"))
    | _forms("уебок_ уебище уебища уебищем", ("",))
    | _forms("уебк", ("а", "у", "ом", "е", "и", "ов", "ам", "ами"))
)
STRONG = frozenset(w.rstrip("_") for w in STRONG if w.rstrip("_"))

WEAK: frozenset[str] = frozenset(
    _forms("туп глуп тупорыл безмозгл", _ADJ_HARD)
    | _forms("жирн", _ADJ_HARD)
    | _forms("дурак", _NOUN_HARD)
    | _forms("дурач", ("ок", "ка", "ку", "ком", "ки", "ков"))
    | _forms("дур", _NOUN_A)
    | _forms("козел", ("",))
    | _forms("козл", ("а", "у", "ом", "е", "ы", "ов", "ам", "ами"))
    | _forms("свин", ("ья", "ьи", "ье", "ью", "ьей", "ей", "ьям", "ьями"))
    | _forms("овц", _NOUN_A)
    | _forms("крыс", _NOUN_A)
    | _forms("гнид", _NOUN_A)
    | _forms("скотин", _NOUN_A)
    | _forms("тормоз", _NOUN_HARD)
    | _forms("клоун", _NOUN_HARD)
    | _forms("лох", ("", "а", "у", "ом", "и", "ов", "ам", "ами"))
    | _forms("псих", ("", "а", "у", "ом", "и", "ов", "ам", "ами"))
    | _forms("неудачник лузер", _NOUN_HARD)
    | _forms("гад", ("", "ы", "ина", "ины", "ом", "ам"))
    | _forms("бестолоч", ("ь", "и", "ью", "ей"))
    | _forms("балбес олух дурень", _NOUN_HARD)
    | _forms("ненормальн", _ADJ_HARD)
    | _forms("даун", _NOUN_HARD)
    | _forms("мерзав", ("ец", "ца", "цу", "цем", "це", "цы", "цев", "цам", "цами"))
    | _forms("негодя", ("й", "я", "ю", "ем", "и", "ев", "ям", "ями"))
    | _forms("подонок_", ("",))
    | _forms("подонк", ("а", "у", "ом", "е", "и", "ов", "ам", "ами"))
    | _forms("сук", ("а", "и", "у", "ой", "ам", "ами"))
    | _forms("сучк", ("а", "и", "у", "ой"))
    | _forms("гандон гондон", _NOUN_HARD)
    | _forms("сукин", ("", "а", "ы"))
    | _forms("распиздя", ("й", "я", "ю", "ем", "и", "ев"))
    | _forms("тупорыл", ("ый", "ая", "ые"))
    | _forms("уродлив", _ADJ_HARD)
    | _forms("конченн конченый", ("ый", "ая", "ые", "ого", "ой", "ую", "ым"))
    | _forms("отстал", ("ый", "ая", "ые", "ого", "ой", "ую"))
)
WEAK = frozenset(w.rstrip("_") for w in WEAK if w.rstrip("_")) - STRONG

# Words that point at a person: a weak form within a few words after one of them is an insult.
TARGETS: frozenset[str] = frozenset(
    "ты вы он она они тебя вас его ее их тебе вам ему ей им твой твоя твое твои ваш ваша ваше ваши "
    "сам сама сами сын дочь ребенок учительница учитель классная директор".split()
)

# Nouns that a weak adjective may describe without insulting anyone («тупой угол»).
NEUTRAL_NOUNS: frozenset[str] = frozenset(
    "угол угла углы угол углов нож ножа ножницы карандаш карандаша конец край вопрос вопросы "
    "ошибка ошибку ошибки шрифт шрифтом текст фильм мультик задача задачу задание идея идею "
    "ситуация ситуацию правило правила шутка шутку кот кошка собака пес звук свет".split()
)

# Phrases before a form that turn it into advice rather than a label (decided: not an insult).
# Titles of works: «роман «Идиот»» is literature, not an insult.
WORK_NOUNS: frozenset[str] = frozenset(
    "роман романа романе романом книга книгу книге фильм фильма фильме повесть повести".split()
)

SOFTENERS: tuple[tuple[str, ...], ...] = (("не", "будь"), ("не", "будьте"), ("не", "будь", "таким"))
