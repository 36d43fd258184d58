"""Language maps (``{"en": [...], "ru": [...]}``) from the catalogue's fields and messages.

A text the record holds in both languages goes under each; an empty Russian value is left out
of the map, never filled with the English one. Composite values (a list of people, a date with
its note) are written in each language by the page's own helpers, and a name held only in
English stands in a Russian list as it does on the Russian page.
"""

from collections.abc import Callable

from django.utils import translation

LANGUAGES = ("en", "ru")


def language_map(values: dict[str, str | list[str]]) -> dict[str, list[str]]:
    """``{"en": "a", "ru": ""}`` → ``{"en": ["a"]}``: empty values left out."""
    found = {}
    for language, value in values.items():
        items = [value] if isinstance(value, str) else list(value)
        items = [item for item in items if item]
        if items:
            found[language] = items
    return found


def field_map(obj, field: str) -> dict[str, list[str]]:
    """A translated field in each language it is held in."""
    return language_map(
        {language: getattr(obj, f"{field}_{language}", "") or "" for language in LANGUAGES}
    )


def in_language(obj, field: str, language: str) -> str:
    """A translated field in ``language``, or in the other one when empty (as the pages do)."""
    other = next(code for code in LANGUAGES if code != language)
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_{other}", "") or ""


def each_language(build: Callable[[str], str | list[str]]) -> dict[str, list[str]]:
    """``build(language)`` run with each interface language active: messages, kinds and dates
    come out as the page in that language shows them."""
    values = {}
    for language in LANGUAGES:
        with translation.override(language):
            values[language] = build(language)
    return language_map(values)


def entry(label: Callable[[], str], value: dict[str, list[str]]) -> dict:
    """A ``label``/``value`` pair (``metadata``, ``requiredStatement``)."""
    return {"label": each_language(lambda language: str(label())), "value": value}
