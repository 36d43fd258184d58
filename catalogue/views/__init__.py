"""The public catalogue's views, one module per kind of page."""

from django.shortcuts import redirect
from django.utils.translation import get_language_from_request

from .collections import collection_detail, collection_list
from .events import EventDetailView, EventListView
from .home import home
from .organizations import OrganizationDetailView, OrganizationListView
from .people import PersonDetailView, PersonListView
from .records import RecordDetailView, RecordListView, record_bibtex, record_ris
from .search import search
from .subjects import SubjectDetailView, SubjectListView


def language_redirect(request):
    """Send ``/`` to the home page in the visitor's language (``/en/`` or ``/ru/``)."""
    return redirect(f"/{get_language_from_request(request)}/")


__all__ = [
    "EventDetailView",
    "EventListView",
    "OrganizationDetailView",
    "OrganizationListView",
    "PersonDetailView",
    "PersonListView",
    "RecordDetailView",
    "RecordListView",
    "SubjectDetailView",
    "SubjectListView",
    "collection_detail",
    "collection_list",
    "home",
    "language_redirect",
    "record_bibtex",
    "record_ris",
    "search",
]
