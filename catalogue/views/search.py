import hashlib

from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import changes
from .. import search as search_api
from ..models import DocumentKind, Event, Organization, Person, Record, Status

PER_KIND = 10
# As the records list's facet counts: any write moves the change marker, hence the key.
# The time bounds only what no write moves: a person deleted (left out when the rows are
# read) still counted.
WINDOW_CACHE_SECONDS = 300
KINDS = {
    "records": DocumentKind.RECORD,
    "people": DocumentKind.PERSON,
    "organizations": DocumentKind.ORGANIZATION,
    "events": DocumentKind.EVENT,
}
SEARCHES = {
    "records": search_api.search_records,
    "people": search_api.search_people,
    "organizations": search_api.search_organizations,
    "events": search_api.search_events,
}


def search(request):
    """Records, people, bodies and events matching ``q``, each ranked, side by side."""
    raw = request.GET.get("q", "")
    error = ""
    if len(raw) > search_api.MAX_QUERY_LENGTH:
        error = _(
            "The search was longer than %(limit)s characters; only its first words were searched."
        ) % {"limit": search_api.MAX_QUERY_LENGTH}
    query = search_api.normalize_query(raw)
    groups = []
    if query:
        kinds = [
            ("records", _("Records"), Record.objects.published().with_thumbnails()),
            ("people", _("People"), Person.objects.all()),
            ("organizations", _("Organizations"), Organization.objects.all()),
            ("events", _("Events"), Event.objects.all()),
        ]
        ranked = _ranked(query, {name: queryset for name, _label, queryset in kinds})
        for name, label, queryset in kinds:
            window, keys = ranked[name]
            rows = _rows(queryset, keys)
            groups.append(
                {
                    "name": name,
                    "label": label,
                    "count": window.count,
                    "estimated": window.estimated,
                    "results": [rows[key] for key in keys if key in rows],
                }
            )
    context = {"query": query, "groups": groups, "error": error}
    return render(request, "catalogue/search.html", context, status=400 if error else 200)


def _rows(queryset, keys: list[int]) -> dict:
    """The ranked rows as they are now, by key: one deleted since the ranking is left out,
    and so is a record no longer published. The keys alone select the rows (the status is
    checked here): given ``status = ?`` too, SQLite may walk the status index over every
    published record rather than look up ten keys."""
    if queryset.model is not Record:
        return queryset.order_by().in_bulk(keys)
    rows = Record.objects.with_thumbnails().order_by().in_bulk(keys)
    return {key: row for key, row in rows.items() if row.status == Status.PUBLISHED}


def _ranked(query: str, querysets: dict) -> dict:
    """Each kind's search window and the keys of its best ``PER_KIND`` matches, cached under
    the query and the change marker, which every write to records and to any search
    document (a person, body or event saved) moves."""
    state = repr((changes.version(), query))
    key = "catalogue:global-search:" + hashlib.sha256(state.encode()).hexdigest()
    ranked = cache.get(key)
    if ranked is None:
        ranked = {}
        for name, queryset in querysets.items():
            # Each kind counted and ranked within its bounded window (search.bounded).
            window = search_api.window(queryset, query, KINDS[name])
            found = window.restrict(SEARCHES[name](queryset, query))
            keys = found.order_by("-search_rank", "pk").values_list("pk", flat=True)
            ranked[name] = (window, list(keys[:PER_KIND]))
        cache.set(key, ranked, WINDOW_CACHE_SECONDS)
    return ranked
