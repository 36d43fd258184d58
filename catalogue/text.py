"""Text folding shared by Python code and both database engines.

Folding makes case, ``ё``/``е`` and Latin diacritics irrelevant while keeping letters that
Russian treats as distinct (``й`` stays ``й``). The mapping is an explicit table rather than
Unicode decomposition so that SQL ``translate()`` on PostgreSQL and the Python function
registered on SQLite give exactly the same result, whatever the database's locale.
"""

import re

_UPPER_CYRILLIC = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯІЇЄЎҐ"
_LOWER_CYRILLIC = "абвгдеежзийклмнопрстуфхцчшщъыьэюяіїєўґ"  # Ё folds to е

_LATIN_GROUPS = {
    "a": "àáâãäåāăąÀÁÂÃÄÅĀĂĄ",
    "c": "çćĉċčÇĆĈĊČ",
    "d": "ďđĎĐ",
    "e": "èéêëēĕėęěÈÉÊËĒĔĖĘĚ",
    "g": "ĝğġģĜĞĠĢ",
    "h": "ĥħĤĦ",
    "i": "ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ",
    "j": "ĵĴ",
    "k": "ķĶ",
    "l": "ĺļľŀłĹĻĽĿŁ",
    "n": "ñńņňÑŃŅŇ",
    "o": "òóôõöøōŏőÒÓÔÕÖØŌŎŐ",
    "r": "ŕŗřŔŖŘ",
    "s": "śŝşšŚŜŞŠ",
    "t": "ţťŧŢŤŦ",
    "u": "ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ",
    "w": "ŵŴ",
    "y": "ýÿŷÝŸŶ",
    "z": "źżžŹŻŽ",
}

FOLD_FROM = "ё" + _UPPER_CYRILLIC + "".join(_LATIN_GROUPS.values())
FOLD_TO = (
    "е" + _LOWER_CYRILLIC + "".join(base * len(chars) for base, chars in _LATIN_GROUPS.items())
)
assert len(FOLD_FROM) == len(FOLD_TO)

_TABLE = str.maketrans(FOLD_FROM, FOLD_TO)


def fold(text: str | None) -> str | None:
    """Lower-case ``text`` and fold ``ё`` to ``е`` and Latin diacritics to their base letter."""
    if text is None:
        return None
    return text.lower().translate(_TABLE)


# C0 control characters and DEL, except tab, line feed and carriage return, which form text
# may hold; and lone surrogates (JSON's \\ud800 escapes make them), which no database stores.
# PostgreSQL refuses NUL in text outright; the others are never meant. Forms, addresses and
# imports all refuse by this one pattern.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def has_control_character(text: str) -> bool:
    """Whether ``text`` holds a control character no form or address of the catalogue takes."""
    return CONTROL_CHARACTERS.search(text) is not None
