"""Every failure answers JSON with a ``detail`` message, never an HTML page or a 500."""

from django.utils.translation import gettext as _
from ninja.errors import ValidationError

from .cursors import CursorError


class BadRequest(Exception):
    def __init__(self, detail: str, errors: dict[str, list[str]] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors


def _field(location: tuple) -> str:
    # ninja reports ("query", "filters", "name") or ("query", "name"): the parameter's name.
    return str(location[-1]) if location else "request"


def install(api) -> None:
    @api.exception_handler(BadRequest)
    def bad_request(request, exc):
        body = {"detail": exc.detail}
        if exc.errors:
            body["errors"] = exc.errors
        return api.create_response(request, body, status=400)

    @api.exception_handler(CursorError)
    def bad_cursor(request, exc):
        return api.create_response(
            request, {"detail": str(exc), "errors": {"cursor": [str(exc)]}}, status=400
        )

    @api.exception_handler(ValidationError)
    def invalid_parameters(request, exc):
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            errors.setdefault(_field(tuple(error.get("loc", ()))), []).append(error["msg"])
        return api.create_response(
            request, {"detail": _("Some parameters are not valid."), "errors": errors}, status=400
        )
