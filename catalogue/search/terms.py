"""From a raw query to the folded word prefixes each engine searches for.

A query is split into words; every word becomes a group of alternative prefixes (the word
with a common inflection removed and, for a Cyrillic word, its romanizations). A document
matches when it holds, for every group, a word starting with one of the alternatives.
Everything here is plain Python, so SQLite and PostgreSQL search for exactly the same terms.
"""

import re

from ..text import fold
from .romanize import forms, has_cyrillic

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MAX_TERM_LENGTH = 40
MIN_STEM_LENGTH = 4

# Letters and digits only: every FTS and tsquery operator character falls outside it.
WORD = re.compile(r"[^\W_]+")
OPERATORS = {"AND", "OR", "NOT", "NEAR"}
SIBILANT_E = re.compile(r"([жчшщ])е")
POSSESSIVE = re.compile(r"(?<=\w)['’]s\b", re.IGNORECASE)

# Common Russian case and number endings, longest first; stripped once from a query word
# so that "Хрущёва" and "партии" find "Хрущёв" and "партия" by prefix.
RUSSIAN_ENDINGS = sorted(
    (
        "иями ями ами ого его ому ему ыми ими ых их ой ей ий ый ая яя ое ее ые ие ую юю "
        "ом ем ам ям ах ях ов ев а я ы и у ю е о ь й"
    ).split(),
    key=len,
    reverse=True,
)


def normalize_query(raw: str | None) -> str:
    """The query as searched: whitespace collapsed, at most ``MAX_QUERY_LENGTH`` characters."""
    if not raw:
        return ""
    query = " ".join(str(raw).split())
    if len(query) > MAX_QUERY_LENGTH:
        # Cut at the last whole word that fits, not in the middle of one.
        query = query[: MAX_QUERY_LENGTH + 1].rsplit(" ", 1)[0][:MAX_QUERY_LENGTH]
    return query.strip()


def split_words(text: str | None) -> list[str]:
    """The folded words of ``text``: letters and digits, nothing else."""
    if not text:
        return []
    return WORD.findall(fold(text))


def stem(word: str) -> str:
    """``word`` without one common inflectional ending, never shorter than four letters."""
    if has_cyrillic(word):
        for ending in RUSSIAN_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM_LENGTH:
                return word[: -len(ending)]
        return word
    if re.search(r"(ch|sh|ss|x)es$", word) and len(word) - 2 >= MIN_STEM_LENGTH:
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) - 1 >= MIN_STEM_LENGTH:
        return word[:-1]
    return word


def alternatives(word: str) -> tuple[str, ...]:
    """The prefixes that stand for one lower-case query word, the folded word first.

    Romanizations come from the word before folding, so that ``ё`` still gives ``yo``/``o``;
    a word typed with ``е`` after ж ч ш щ is also romanized as if it had ``ё``.
    """
    stemmed = stem(fold(word))
    unfolded = word[: len(stemmed)]
    spellings = [unfolded, SIBILANT_E.sub(lambda match: match.group(1) + "ё", unfolded)]
    found = dict.fromkeys([stemmed, *(form for spelling in spellings for form in forms(spelling))])
    return tuple(prefix for prefix in found if prefix)


def query_terms(query: str | None) -> list[tuple[str, ...]]:
    """One group of alternative prefixes per query word (at most ``MAX_TERMS``).

    One-letter words are dropped when longer ones remain: they would match almost anything.
    So are the upper-case operator words of search syntaxes (``OR``, ``NEAR``): each query
    word is required, and people who type ``Khrushchev OR Stalin`` mean no word "or".
    """
    text = POSSESSIVE.sub("", normalize_query(query))
    found = [word for word in WORD.findall(text) if word not in OPERATORS] or WORD.findall(text)
    words = list(dict.fromkeys(word.lower()[:MAX_TERM_LENGTH] for word in found))
    if any(len(word) > 1 for word in words):
        words = [word for word in words if len(word) > 1]
    return [alternatives(word) for word in words[:MAX_TERMS]]


def fts5_expression(groups: list[tuple[str, ...]], titles: bool = False) -> str:
    """An FTS5 MATCH string: every group required, each alternative a quoted prefix; with
    ``titles``, in the title column only."""
    expression = " AND ".join(
        "(" + " OR ".join(f'"{prefix}"*' for prefix in group) + ")" for group in groups
    )
    return f"{{title}} : ({expression})" if titles else expression


def tsquery_expression(groups: list[tuple[str, ...]]) -> str:
    """A ``to_tsquery('simple', …)`` string with the same meaning as ``fts5_expression``."""
    return " & ".join("(" + " | ".join(f"{prefix}:*" for prefix in group) + ")" for group in groups)
