"""One search for every list and the global search box.

Finds names and titles whatever the case, ``ё``/``е``, diacritics or script. This first
version filters with the ``folded`` lookup; the engine full-text index replaces it.

The public API, stable for the views:

- ``normalize_query(raw)``: the query as searched (trimmed, bounded), or ``""``.
- ``search_records(queryset, query)``, ``search_people``, ``search_organizations``,
  ``search_events``: the queryset narrowed to matches and annotated with ``search_rank``
  (higher is better). They never order; the caller sorts by ``-search_rank`` when it wants.
- ``highlight(text, query)``: ``text`` escaped, with the matched words wrapped in ``<mark>``.
"""

import re

from django.db.models import FloatField, Q, QuerySet, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..text import fold

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8

RECORD_FIELDS = ("reference_code", "title_en", "title_ru", "original_title")
PERSON_FIELDS = ("name_en", "name_ru", "full_name_en", "full_name_ru", "native_name", "names__name")
ORGANIZATION_FIELDS = ("name_en", "name_ru", "abbreviation_en", "abbreviation_ru")
EVENT_FIELDS = ("name_en", "name_ru")


def normalize_query(raw: str | None) -> str:
    if not raw:
        return ""
    return " ".join(str(raw).split())[:MAX_QUERY_LENGTH]


def terms(query: str) -> list[str]:
    words = re.findall(r"\w+", fold(normalize_query(query)) or "")
    return words[:MAX_TERMS]


def _search(queryset: QuerySet, query: str, fields: tuple[str, ...]) -> QuerySet:
    words = terms(query)
    if not words:
        return queryset.none()
    condition = Q()
    for word in words:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__folded": word})
        condition &= any_field
    matching = queryset.model._default_manager.filter(condition).values("pk")
    return queryset.filter(pk__in=matching).annotate(
        search_rank=Value(1.0, output_field=FloatField())
    )


def search_records(queryset: QuerySet, query: str) -> QuerySet:
    return _search(queryset, query, RECORD_FIELDS)


def search_people(queryset: QuerySet, query: str) -> QuerySet:
    return _search(queryset, query, PERSON_FIELDS)


def search_organizations(queryset: QuerySet, query: str) -> QuerySet:
    return _search(queryset, query, ORGANIZATION_FIELDS)


def search_events(queryset: QuerySet, query: str) -> QuerySet:
    return _search(queryset, query, EVENT_FIELDS)


def highlight(text: str | None, query: str) -> SafeString:
    """Escape ``text`` and mark every word that matches a query term (folded comparison)."""
    if not text:
        return mark_safe("")
    words = set(terms(query))
    if not words:
        return escape(text)
    pieces = []
    for token in re.split(r"(\w+)", text):
        folded = fold(token)
        if token and any(folded.startswith(word) for word in words):
            pieces.append(f"<mark>{escape(token)}</mark>")
        else:
            pieces.append(escape(token))
    return mark_safe("".join(pieces))
