"""Error pages in the catalogue's look and the request's language.

The 500 page renders from the template alone: no context processor runs and nothing reads the
database, which may be the very thing that failed.
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost, TooManyFieldsSent
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..middleware import ControlCharacterInRequest


def bad_request(request, exception=None) -> HttpResponse:
    """The 400 page; for OAI-PMH the protocol's badArgument, and under /api/ the API's own JSON
    (``detail`` and, per parameter, ``errors``): a program reads the refusal as it reads the
    others of its protocol."""
    fields = []
    if isinstance(exception, ControlCharacterInRequest):
        message = exception.message
        fields = getattr(exception, "fields", [])
    elif isinstance(exception, TooManyFieldsSent):
        message = _(
            "The address or the form sent has too many parameters (more than %(limit)s). "
            "Start again from the page's own links and form."
        ) % {"limit": number_format(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS, force_grouping=True)}
    else:
        message = _("The catalogue could not read this request. Check the address and try again.")
    # A host name that is not the catalogue's cannot make the OAI-PMH answer's base URL: that
    # request gets the plain page (no harvest is addressed to another host).
    if request.path == "/oai" and not isinstance(exception, DisallowedHost):
        from ..oai.views import refused

        return refused(request, str(message))
    if request.path.startswith("/api/"):
        body = {"detail": str(message), "errors": {field: [str(message)] for field in fields}}
        return JsonResponse(body, status=400)
    return render(request, "400.html", {"message": message}, status=400)


def permission_denied(request, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None) -> HttpResponse:
    """The 404 page; under /api/ the API's JSON, pointing a program at the API's description."""
    if request.path.startswith("/api/"):
        from django.urls import reverse

        message = _("The API has no such address. Its description is at %(url)s.") % {
            "url": request.build_absolute_uri(reverse("api:openapi-json"))
        }
        return JsonResponse({"detail": message}, status=404)
    return render(request, "404.html", status=404)


def server_error(request) -> HttpResponse:
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"request": request}), status=500)


def gone(request, message: str) -> HttpResponse:
    """A 410 Gone page for an address that no longer serves its object, saying why."""
    return render(request, "410.html", {"message": message}, status=410)
