"""Request edges: a strict Content-Security-Policy, and no control character past the door."""

from django.core.exceptions import BadRequest
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext_lazy as _

from .text import has_control_character

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    """Sets the header unless a view already has; the admin keeps Django's own pages as they are."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.admin_prefix):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class ControlCharacterInRequest(BadRequest):
    """A query or form value holds a control character (NUL, ESC, DEL, …)."""

    message = _(
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
        if _holds_control_character(request.GET):
            raise ControlCharacterInRequest("A control character in a query or form value")
        if request.method == "POST":
            try:
                form = request.POST
            except MultiPartParserError as error:
                raise BadRequest(str(error)) from error
            if _holds_control_character(form):
                raise ControlCharacterInRequest("A control character in a query or form value")
        return self.get_response(request)


def _holds_control_character(data) -> bool:
    return any(
        has_control_character(key) or any(has_control_character(value) for value in values)
        for key, values in data.lists()
    )
