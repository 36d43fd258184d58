"""Paging the records list: numbered pages first, then cursors.

The first ``NUMBERED_PAGES`` pages have numbers (and links to each). Past them, "next" and
"previous" carry a signed cursor (``after`` or ``before``: the sort key of the last or first
row shown), so that a page deep in the list costs what the first one does and stays put
while records are added. A page asked for by number reads only the keys of the rows it
skips, from the index, and then its own rows.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from ..api import cursors

NUMBERED_PAGES = 10


def rows_by_keys(sliced: QuerySet, names: tuple[str, ...], rows_from: QuerySet) -> list:
    """The rows of ``sliced`` (ordered by the keys ``names``, sliced) read in two steps:
    their primary keys and sort keys first, a sort over a few columns rather than whole
    rows, then the rows by primary key from ``rows_from``, the sort keys set on each."""
    keys = list(sliced.values_list("pk", *names))
    # Unordered: an ORDER BY would have SQLite walk a sorted index rather than look the
    # keys up (10 ms at 100,000 records).
    found = rows_from.order_by().in_bulk([key[0] for key in keys])
    rows = []
    for pk, *values in keys:
        row = found[pk]
        for name, value in zip(names, values, strict=True):
            setattr(row, name, value)
        rows.append(row)
    return rows


class KeyPaginator(Paginator):
    """Slices by the keys of the rows before the page (an index scan), not whole rows.

    With ``fetch`` (a callable taking the sorted queryset sliced to the page), every page,
    the first too, is read through it: ``rows_by_keys`` for a ranked search.
    """

    fetch = None
    # How a page past the first is read (``rows_by_keys``: the keys, then the rows by primary
    # key, since a status condition beside 20 keys leads SQLite to walk its status index);
    # None: the list itself, narrowed to the page's keys.
    deep_fetch = None

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if self.fetch is not None and isinstance(self.object_list, QuerySet):
            rows = self.fetch(self.object_list[bottom : bottom + self.per_page])
            return self._get_page(rows, number, self)
        if bottom == 0 or not isinstance(self.object_list, QuerySet):
            return super().page(number)
        rows = self.object_list
        if self.deep_fetch is not None:
            return self._get_page(
                self.deep_fetch(rows[bottom : bottom + self.per_page]), number, self
            )
        keys = rows.values_list("pk", flat=True)[bottom : bottom + self.per_page]
        return self._get_page(rows.filter(pk__in=keys), number, self)


@dataclass
class Links:
    """Where the pagination of a page leads: numbered pages and the neighbours."""

    numbers: list[int] = field(default_factory=list)
    current: int | None = None
    previous_url: str = ""
    next_url: str = ""


def query_with(request, **changes) -> str:
    query = request.GET.copy()
    for name in ("page", "after", "before"):
        query.pop(name, None)
    for name, value in changes.items():
        if value is not None:
            query[name] = value
    return f"?{query.urlencode()}"


def numbered_links(request, page: Page, keyset: cursors.Keyset) -> Links:
    rows = list(page.object_list)
    links = Links(
        numbers=list(range(1, min(page.paginator.num_pages, NUMBERED_PAGES) + 1)),
        current=page.number,
    )
    if page.has_previous():
        number = page.number - 1
        links.previous_url = query_with(request, page=number if number > 1 else None)
    if page.has_next():
        if page.number < NUMBERED_PAGES:
            links.next_url = query_with(request, page=page.number + 1)
        else:
            links.next_url = query_with(
                request, after=cursors.encode(keyset, keyset.position(rows[-1]))
            )
    return links


def cursor_page(
    request, queryset: QuerySet, keyset: cursors.Keyset, size: int, after, before, fetch=list
):
    """The rows after (or before) a cursor, and the links on either side; ``fetch`` reads
    the sliced queryset (as ``KeyPaginator.fetch``).

    Raises ``cursors.CursorError`` for a cursor the catalogue did not give out.
    """
    backwards = not after
    values = cursors.decode(keyset, before if backwards else after)
    order = keyset.reversed() if backwards else keyset
    rows = fetch(order.after(order.order(queryset), values)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    links = Links(numbers=list(range(1, NUMBERED_PAGES + 1)))
    if rows and (more or not backwards):
        links.previous_url = query_with(
            request, before=cursors.encode(keyset, keyset.position(rows[0]))
        )
    if rows and (more or backwards):
        links.next_url = query_with(
            request, after=cursors.encode(keyset, keyset.position(rows[-1]))
        )
    return rows, links
