"""One search for every list and the global search box.

Finds names and titles whatever the case, ``ё``/``е``, diacritics or script (``Хрущёв``,
``Khrushchev``, ``Chruschtschow`` and ``Hruščëv`` find the same person), through each
engine's full-text index over ``SearchDocument`` (see ``engines``). Drafts are never found.

The public API, stable for the views:

- ``normalize_query(raw)``: the query as searched (trimmed, bounded), or ``""``.
- ``search_records(queryset, query)``, ``search_people``, ``search_organizations``,
  ``search_events``: the queryset narrowed to matches and annotated with ``search_rank``
  (higher is better). They never order; the caller sorts by ``-search_rank`` when it wants.
- ``window(queryset, query, kind)`` (from ``bounded``): how many records a search matches,
  read from at most ``CATALOGUE_SEARCH_EXACT_UP_TO`` + 1 of them, and the matches that
  relevance ranks; ``Window.restrict(found)`` narrows a search to them.
- ``highlight(text, query)``: ``text`` escaped, with the matched words wrapped in ``<mark>``.
"""

import re

from django.db import NotSupportedError, connections
from django.db.models import FloatField, QuerySet, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..models import DocumentKind
from ..text import fold
from . import bounded
from .bounded import Window
from .engines import SEARCHES
from .romanize import forms
from .terms import MAX_QUERY_LENGTH, MAX_TERMS, normalize_query, query_terms

__all__ = [
    "MAX_QUERY_LENGTH",
    "MAX_TERMS",
    "Window",
    "highlight",
    "normalize_query",
    "search_events",
    "search_organizations",
    "search_people",
    "search_records",
    "window",
]


def _search(queryset: QuerySet, query: str | None, kind: str, titles: bool = False) -> QuerySet:
    groups = query_terms(query)
    if not groups:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    vendor = connections[queryset.db].vendor
    if vendor not in SEARCHES:
        raise NotSupportedError(f"Search does not support {vendor}.")
    return SEARCHES[vendor](queryset, groups, kind, titles)


def search_records(queryset: QuerySet, query: str | None) -> QuerySet:
    """Published records matching ``query``: a draft is never found, whatever ``queryset``."""
    return _search(queryset, query, DocumentKind.RECORD)


def search_people(queryset: QuerySet, query: str | None) -> QuerySet:
    return _search(queryset, query, DocumentKind.PERSON)


def search_organizations(queryset: QuerySet, query: str | None) -> QuerySet:
    return _search(queryset, query, DocumentKind.ORGANIZATION)


def search_events(queryset: QuerySet, query: str | None) -> QuerySet:
    return _search(queryset, query, DocumentKind.EVENT)


def window(queryset: QuerySet, query: str | None, kind: str = DocumentKind.RECORD) -> Window:
    """The bounded ``Window`` of the search for ``query`` within ``queryset`` (not searched)."""
    return bounded.window(
        queryset,
        lambda base, titles=False: _search(base, query, kind, titles),
    )


def _matches(token: str, prefixes: tuple[str, ...]) -> bool:
    folded = fold(token)
    if folded.startswith(prefixes):
        return True
    return any(form.startswith(prefixes) for form in forms(token.lower()))


def highlight(text: str | None, query: str | None) -> SafeString:
    """Escape ``text`` and mark every word matching the query in any spelling or script.

    A word is marked when it, or one of its romanizations, starts with a searched prefix:
    ``Khrushchev`` marks ``Хрущёв`` and ``хрущев`` marks ``Khrushchev``.
    """
    if not text:
        return mark_safe("")
    prefixes = tuple(prefix for group in query_terms(query) for prefix in group)
    if not prefixes:
        return escape(text)
    pieces = []
    for token in re.split(r"([^\W_]+)", text):
        if token and _matches(token, prefixes):
            pieces.append(f"<mark>{escape(token)}</mark>")
        else:
            pieces.append(escape(token))
    return mark_safe("".join(pieces))
