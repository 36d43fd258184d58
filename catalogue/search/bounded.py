"""Broad searches at a bounded cost: counted and ranked over a window of their matches.

A search reads its matches in the order of the documents' keys, which each engine walks
without sorting (the FTS5 rowid on SQLite, the searched table's primary key on PostgreSQL),
and stops after
``exact_up_to()`` + 1 of them (the ``CATALOGUE_SEARCH_EXACT_UP_TO`` setting):

- at most ``exact_up_to()`` matches: the count is exact and relevance ranks every match;
- more: the count is estimated from how far through the keys of the matches the first
  ``exact_up_to()`` of them reach ("about"), and relevance ranks those first matches
  together with the first ``exact_up_to()`` matches whose titles hold every searched word,
  so that a title hit still comes first. The other sorts list every match.

No query here reads more than ``exact_up_to()`` + 1 matches, whatever the collection's size.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.db.models import F, Q, QuerySet

from .engines import DOCUMENT_KEYS


def exact_up_to() -> int:
    """Up to this many matches a search is counted exactly and ranked in full."""
    return settings.CATALOGUE_SEARCH_EXACT_UP_TO


def document_key(queryset: QuerySet) -> str:
    return DOCUMENT_KEYS[connections[queryset.db].vendor]


def _keys(found: QuerySet, limit: int, descending: bool = False) -> list[int]:
    """The document keys of the first ``limit`` matches, in key order (no sort: an index walk)."""
    key = document_key(found)
    order = F("document_key").desc() if descending else F("document_key").asc()
    keys = found.annotate(document_key=F(key)).order_by(order)
    return list(keys.values_list("document_key", flat=True)[:limit])


@dataclass(frozen=True)
class Window:
    """How many records a search matches and which of them relevance ranks.

    ``last`` is the key of the last match ranked in document order (``None``: every match
    is ranked), ``first`` the keys up to it, ``titles`` the keys past it of the first title
    matches, ranked as well.
    """

    count: int
    estimated: bool = False
    last: int | None = None
    titles: tuple[int, ...] = ()
    limit: int = 0
    first: tuple[int, ...] = ()

    @property
    def ranked(self) -> int:
        """How many matches relevance orders: every one, or the window's."""
        return self.count if self.last is None else self.limit + len(self.titles)

    def restrict(self, found: QuerySet) -> QuerySet:
        """``found`` (the same search) narrowed to the matches relevance ranks."""
        if self.last is None:
            return found
        key = document_key(found)
        if connections[found.db].vendor == "postgresql":
            # By key: PostgreSQL then reads (and ranks) the window's rows alone, where a
            # range of keys would have it test every document in the range.
            return found.filter(**{f"{key}__in": self.first + self.titles})
        condition = Q(**{f"{key}__lte": self.last})
        if self.titles:
            condition |= Q(**{f"{key}__in": self.titles})
        # The plain bound lets the engine walk only the keys up to the furthest ranked one.
        return found.filter(condition, **{f"{key}__lte": max((self.last, *self.titles))})


def count(found: QuerySet) -> tuple[int, bool, list[int]]:
    """How many records ``found`` (a search) holds, whether that is estimated, and the keys
    of its first matches: one bounded query up to the limit, two past it."""
    limit = exact_up_to()
    keys = _keys(found.order_by(), limit + 1)
    if len(keys) <= limit:
        return len(keys), False, keys
    final = _keys(found.order_by(), 1, descending=True)[0]
    return estimate(keys[0], keys[limit - 1], final, limit), True, keys


def window(queryset: QuerySet, search: Callable[..., QuerySet]) -> Window:
    """The window of ``search(queryset)``; ``search(queryset, titles=True)`` matches titles.

    One bounded query below the limit; past it three (the first matches, the last one, the
    first title matches).
    """
    total, estimated, keys = count(search(queryset))
    if not estimated:
        return Window(count=total)
    limit = exact_up_to()
    last = keys[limit - 1]
    title_keys = _keys(search(queryset.order_by(), titles=True), limit)
    titles = tuple(key for key in title_keys if key > last)
    first = tuple(keys[:limit])
    return Window(total, True, last=last, titles=titles, limit=limit, first=first)


def estimate(first: int, last: int, final: int, limit: int) -> int:
    """How many matches lie between the keys ``first`` and ``final``, when ``limit`` of them
    lie between ``first`` and ``last``: as many again for each stretch of keys as long, the
    matches taken as spread evenly; rounded to two significant figures, never ``limit`` or less.
    """
    scaled = limit * (final - first + 1) / max(1, last - first + 1)
    rounded = int(round(scaled, 2 - len(str(int(scaled)))))
    return max(limit + 1, rounded)
