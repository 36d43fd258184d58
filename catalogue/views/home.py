from django.shortcuts import render
from django.utils.translation import get_language

from .. import timeline
from ..models import Event, Organization, OrganizationSeats, Person, Record


def home(request):
    """What the collection holds: counts, declared seats against catalogued ones, recent records."""
    context = {
        "record_count": Record.objects.published().count(),
        "person_count": Person.objects.count(),
        "organization_count": Organization.objects.count(),
        "event_count": Event.objects.count(),
        "seats": OrganizationSeats.objects.with_catalogued().select_related("organization"),
        "recent_records": Record.objects.published()
        .for_listing()
        .with_thumbnails()
        .order_by("-published_at", "reference_code")[:6],
        "timeline": timeline.collection_timeline((get_language() or "en")[:2], brief=True),
    }
    return render(request, "catalogue/home.html", context)
