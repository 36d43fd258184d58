"""What the middleware stack asks of the catalogue.

The Content-Security-Policy is django-csp's, configured in settings. Admin logins are throttled
by django-axes, which calls the two functions below: the client's address (behind trusted
proxies, from X-Forwarded-For) and the page a locked-out login gets.
"""

import ipaddress

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


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
