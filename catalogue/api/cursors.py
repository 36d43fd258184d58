"""Keyset pagination: a page starts after the last row of the one before, not at an offset.

The cursor is the sort key of that last row (ending in a unique field), signed so that a
client can neither forge nor edit it. Rows inserted or removed while a client pages never
make another row repeat or go missing, and a deep page costs what the first one does.
"""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

SALT = "catalogue.api.cursor"
# Every list's page length unless the client asks for another. Long enough that a client
# following `next` through thousands of records stays within the default rate
# (CATALOGUE_API_RATE, 120 requests a minute) instead of meeting 429 halfway.
PAGE_SIZE = 100
MAX_PAGE_SIZE = 200


class CursorError(ValueError):
    """A cursor that was not made by this catalogue for this listing and sort."""


@dataclass(frozen=True)
class Key:
    """One column of a sort: a field or an alias on the queryset. Nulls come last (first
    in a reversed key, which reads the same order backwards)."""

    name: str
    descending: bool = False
    nullable: bool = False
    nulls_first: bool = False

    def ordering(self):
        expression = F(self.name)
        direction = expression.desc if self.descending else expression.asc
        if not self.nullable:
            return direction()
        return direction(nulls_first=True) if self.nulls_first else direction(nulls_last=True)

    def reversed(self) -> "Key":
        return Key(self.name, not self.descending, self.nullable, not self.nulls_first)

    def beyond(self, value) -> Q:
        """Rows that sort strictly after ``value`` in this column."""
        if value is None:
            if self.nullable and self.nulls_first:
                return Q(**{f"{self.name}__isnull": False})
            return Q(pk__in=[])
        condition = Q(**{f"{self.name}__{'lt' if self.descending else 'gt'}": value})
        if self.nullable and not self.nulls_first:
            condition |= Q(**{f"{self.name}__isnull": True})
        return condition

    def equal(self, value) -> Q:
        if value is None:
            return Q(**{f"{self.name}__isnull": True})
        return Q(**{self.name: value})


@dataclass(frozen=True)
class Keyset:
    """A named sort; its last key must be unique so that the order is total."""

    name: str
    keys: tuple[Key, ...]
    annotations: tuple[tuple[str, object], ...] = ()

    def order(self, queryset: QuerySet) -> QuerySet:
        if self.annotations:
            queryset = queryset.annotate(**dict(self.annotations))
        return queryset.order_by(*(key.ordering() for key in self.keys))

    def after(self, queryset: QuerySet, values: list) -> QuerySet:
        condition, equal = Q(pk__in=[]), Q()
        for key, value in zip(self.keys, values, strict=True):
            condition |= equal & key.beyond(value)
            equal &= key.equal(value)
        return queryset.filter(condition)

    def reversed(self) -> "Keyset":
        """The same order read backwards: what comes before a row, nearest first."""
        return Keyset(self.name, tuple(key.reversed() for key in self.keys), self.annotations)

    def position(self, row) -> list:
        """The cursor values of a row read through ``order()``."""
        return [_plain(getattr(row, key.name)) for key in self.keys]


def _plain(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def encode(keyset: Keyset, values: list) -> str:
    return signing.dumps([keyset.name, values], salt=SALT, compress=True)


def decode(keyset: Keyset, cursor: str) -> list:
    try:
        name, values = signing.loads(cursor, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise CursorError(_("This cursor is not one the catalogue gave out.")) from None
    if name != keyset.name or not isinstance(values, list) or len(values) != len(keyset.keys):
        raise CursorError(
            _("This cursor belongs to another listing or sort order: start again without it.")
        )
    if not all(value is None or isinstance(value, str | int | float) for value in values):
        raise CursorError(_("This cursor is not one the catalogue gave out."))
    return values


def page(
    request, queryset: QuerySet, keyset: Keyset, size: int, cursor: str | None
) -> tuple[list, str | None]:
    """One page of ``queryset`` in ``keyset`` order after ``cursor``, and the next page's link.

    Reads one row more than it shows, to know whether another page follows.
    """
    queryset = keyset.order(queryset)
    if cursor:
        queryset = keyset.after(queryset, decode(keyset, cursor))
    rows = list(queryset[: size + 1])
    if len(rows) <= size:
        return rows, None
    rows = rows[:size]
    query = request.GET.copy()
    query["cursor"] = encode(keyset, keyset.position(rows[-1]))
    return rows, request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
