"""What the middleware stack asks of the catalogue.

No control character gets past the door (one middleware, for every page and the admin). The
Content-Security-Policy is django-csp's, configured in settings. Admin logins are throttled by
django-axes, which calls two functions below: the client's address (behind trusted proxies,
from X-Forwarded-For) and the page a locked-out login gets.
"""

import ipaddress

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .text import has_control_character


class ControlCharacterInRequest(BadRequest):
    """A query or form value holds a control character (NUL, ESC, DEL, …); ``fields`` names
    the parameters that hold one."""

    message = gettext_lazy(
        "The address or the form sent holds a control character (such as NUL) that no "
        "search, filter or field of the catalogue can take. Remove it and try again; "
        "the browser's Back button returns to the form as it was."
    )


class RefuseControlCharactersMiddleware:
    """No query-string or form value, on any page or the admin, holds a control character.

    PostgreSQL refuses NUL in text with an error where SQLite would store it; refusing here, once,
    answers both engines alike with the catalogue's 400 page. Reading the parameters here also
    turns too many of them (``DATA_UPLOAD_MAX_NUMBER_FIELDS``) into that page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fields = _holding_control_characters(request.GET)
        if request.method == "POST":
            try:
                form = request.POST
            except MultiPartParserError as error:
                raise BadRequest(str(error)) from error
            fields += _holding_control_characters(form)
        if fields:
            error = ControlCharacterInRequest("A control character in a query or form value")
            error.fields = fields
            raise error
        return self.get_response(request)


def _holding_control_characters(data) -> list[str]:
    """The names of the parameters in ``data`` whose name or a value holds a control character
    (a name that holds one is shown with its control characters escaped)."""
    return [
        key.encode("unicode_escape").decode("ascii") if has_control_character(key) else key
        for key, values in data.lists()
        if has_control_character(key) or any(has_control_character(value) for value in values)
    ]


def client_address(request: HttpRequest) -> str | None:
    """The address a login comes from: the peer, or the one the trusted proxies recorded.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with N
    trusted proxies the client is the N-th entry from the right; anything further left was sent
    by the client itself and is not believed.
    """
    trusted = settings.CATALOGUE_TRUSTED_PROXIES
    if trusted > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= trusted and _is_address(hops[-trusted]):
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR")


def _is_address(text: str) -> bool:
    """Whether ``text`` is an IPv4 or IPv6 address (anything else cannot be stored as one)."""
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def login_locked_out(
    request: HttpRequest, original_response=None, credentials=None
) -> HttpResponse:
    """The admin's own page, status 429, saying why the login was refused and for how long."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    context = {
        **admin.site.each_context(request),
        "title": _("Too many failed logins"),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": minutes,
    }
    return render(request, "admin/login_locked_out.html", context, status=429)
