"""The site's addresses plus one whose view fails, to see the 500 page a visitor would see."""

from django.urls import path

from archive.urls import handler400, handler403, handler404, handler500  # noqa: F401
from archive.urls import urlpatterns as site_urlpatterns


def failing_view(request):
    raise RuntimeError("a fault inside the catalogue")


urlpatterns = [
    *site_urlpatterns,
    path("en/failing/", failing_view),
    path("ru/failing/", failing_view),
]
