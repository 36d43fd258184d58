from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import search as search_api
from ..models import DocumentKind, Event, Organization, Person, Record

PER_KIND = 10
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
            window = search_api.window(queryset, query, KINDS[name])
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
