"""Latin forms of Cyrillic (Russian) words, so that a Latin query finds Cyrillic text.

Each scheme turns a word into one Latin spelling; ``forms(word)`` returns them all, folded
with ``catalogue.text.fold`` and without duplicates. The schemes are the ones readers
actually type: scholarly (ISO 9 and the older scientific system: Hruščëv, Chruščëv),
BGN/PCGN (Khrushchëv), the usual English newspaper spellings (Khrushchev, Khrushchyov,
Khrushchov, Ekaterina, Dmitry, Dmitri) and German (Chruschtschow).
"""

import functools
import re

from ..text import fold

_BASE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ë", "ж": "ž", "з": "z",
    "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "č", "ш": "š", "щ": "šč",
    "ъ": "", "ы": "y", "ь": "", "э": "è", "ю": "ju", "я": "ja", "і": "i", "ї": "ji", "є": "je",
    "ў": "ŭ", "ґ": "g",
}  # fmt: skip

# Scholarly systems differ from the base table in a few letters only.
_ISO9 = {**_BASE, "щ": "ŝ", "ю": "û", "я": "â"}
_SCIENTIFIC = {**_BASE, "х": "ch", "э": "ė"}

_BGN = {
    **_BASE,
    "ё": "ë", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip

_GERMAN = {
    **_BASE,
    "в": "w", "ё": "jo", "ж": "sch", "з": "s", "й": "i", "х": "ch", "ц": "z", "ч": "tsch",
    "ш": "sch", "щ": "schtsch", "э": "e", "ю": "ju", "я": "ja",
}  # fmt: skip

_VOWELS = set("аеёиоуыэюяіїє")
_SIBILANTS = set("жчшщ")
_IOTATED = {"е": "ye", "ё": "yë"}  # BGN/PCGN: at the start, after a vowel, ъ or ь


def _after_break(word: str, index: int) -> bool:
    return index == 0 or word[index - 1] in _VOWELS or word[index - 1] in "ъь"


def _scheme(table: dict[str, str]):
    def convert(word: str) -> str:
        return "".join(table.get(letter, letter) for letter in word)

    return convert


def _bgn(word: str) -> str:
    out = []
    for index, letter in enumerate(word):
        if letter in _IOTATED and _after_break(word, index):
            out.append(_IOTATED[letter])
        else:
            out.append(_BGN.get(letter, letter))
    return "".join(out)


def _english(yo: str, final_ij: str, o_after_sibilant: bool = False):
    """English press spellings: ``е`` is always ``e``; ``ё`` is ``yo``, plain ``e``, or ``o``
    after ж ч ш щ; a final ``-ий``/``-ый`` is ``y``, ``i`` or ``iy``."""

    def convert(word: str) -> str:
        ending = ""
        if len(word) > 3 and word[-2:] in ("ий", "ый"):
            word, ending = word[:-2], final_ij
        out = []
        for index, letter in enumerate(word):
            if letter == "ё":
                if o_after_sibilant and index and word[index - 1] in _SIBILANTS:
                    out.append("o")
                else:
                    out.append(yo)
            elif letter == "е":
                out.append("e")
            else:
                out.append(_BGN.get(letter, letter))
        return "".join(out) + ending

    return convert


def _german(word: str) -> str:
    out = []
    for index, letter in enumerate(word):
        if letter == "ё" and index and word[index - 1] in _SIBILANTS:
            out.append("o")
        elif letter == "е" and _after_break(word, index):
            out.append("je")
        elif letter == "с" and 0 < index < len(word) - 1:
            between_vowels = word[index - 1] in _VOWELS and word[index + 1] in _VOWELS
            out.append("ss" if between_vowels else "s")
        else:
            out.append(_GERMAN.get(letter, letter))
    result = "".join(out)
    return result[:-1] + "w" if result.endswith("ow") or result.endswith("ew") else result


SCHEMES = {
    "iso9": _scheme(_ISO9),
    "scholarly": _scheme(_BASE),
    "scientific": _scheme(_SCIENTIFIC),
    "bgn": _bgn,
    "english": _english("e", "y"),
    "english_yo": _english("yo", "iy"),
    "english_o": _english("yo", "i", o_after_sibilant=True),
    "german": _german,
}

CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def has_cyrillic(text: str) -> bool:
    return bool(CYRILLIC.search(text))


@functools.lru_cache(maxsize=200_000)
def forms(word: str) -> tuple[str, ...]:
    """The folded Latin spellings of one Cyrillic ``word`` (empty if it has no Cyrillic)."""
    lowered = word.lower()
    if not has_cyrillic(lowered):
        return ()
    seen = dict.fromkeys(fold(convert(lowered)) for convert in SCHEMES.values())
    return tuple(form for form in seen if form)


def romanize(text: str, scheme: str = "bgn") -> str:
    """``text`` with every Cyrillic word spelled in one scheme, keeping case of the first letter."""
    convert = SCHEMES[scheme]

    def replace(match: re.Match) -> str:
        word = match.group(0)
        latin = convert(word.lower())
        return latin[:1].upper() + latin[1:] if word[:1].isupper() else latin

    return re.sub(r"[^\W\d_]+", replace, text)
