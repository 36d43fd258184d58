import hashlib

from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import changes
from .. import search as search_api
from ..models import DocumentKind, Event, Organization, Person, Record

PER_KIND = 10
# As the records list's facet counts: any write moves the change marker, hence the key.
WINDOW_CACHE_SECONDS = 300
KINDS = {
    "records": DocumentKind.RECORD,
    "people": DocumentKind.PERSON,
    "organizations": DocumentKind.ORGANIZATION,
    "events": DocumentKind.EVENT,
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
        version = changes.version()
        kinds = [
            (
                "records",
                _("Records"),
                search_api.search_records,
                Record.objects.published().with_thumbnails(),
            ),
            ("people", _("People"), search_api.search_people, Person.objects.all()),
            (
                "organizations",
                _("Organizations"),
                search_api.search_organizations,
                Organization.objects.all(),
            ),
            ("events", _("Events"), search_api.search_events, Event.objects.all()),
        ]
        for name, label, search_function, queryset in kinds:
            # Each kind counted and ranked within its bounded window (search.bounded).
            window = _window(queryset, query, KINDS[name], version)
            found = window.restrict(search_function(queryset, query))
            groups.append(
                {
                    "name": name,
                    "label": label,
                    "count": window.count,
                    "estimated": window.estimated,
                    "results": list(found.order_by("-search_rank", "pk")[:PER_KIND]),
                }
            )
    context = {"query": query, "groups": groups, "error": error}
    return render(request, "catalogue/search.html", context, status=400 if error else 200)


def _window(queryset, query: str, kind: str, version: int) -> search_api.Window:
    """The kind's search window; for records, cached under the query and the change
    marker, which every write to records moves (not every write to people or bodies)."""
    if kind != DocumentKind.RECORD:
        return search_api.window(queryset, query, kind)
    state = repr((version, kind, query))
    key = "catalogue:search-window:" + hashlib.sha256(state.encode()).hexdigest()
    window = cache.get(key)
    if window is None:
        window = search_api.window(queryset, query, kind)
        cache.set(key, window, WINDOW_CACHE_SECONDS)
    return window
