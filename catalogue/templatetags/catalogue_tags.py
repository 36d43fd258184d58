"""Template filters and tags of the public catalogue."""

from urllib.parse import urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.template.defaultfilters import linebreaks_filter
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, get_language_info, override

from .. import charts, dates, search, text, timeline

register = template.Library()


@register.filter
def edtf_display(value) -> str:
    """An EDTF value in words in the active language; empty reads "unknown"."""
    return dates.edtf_display(value)


def _languages() -> tuple[str, str]:
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    other = next(code for code, _name in settings.LANGUAGES if code != current)
    return current, other


@register.simple_tag
def translated(obj, field: str, query: str = "", paragraphs: bool = False):
    """A translated field in the page's language, or the other one marked with its ``lang``.

    With ``query``, the words that match it are marked; with ``paragraphs``, line breaks
    become paragraphs.
    """
    current, other = _languages()
    value = getattr(obj, f"{field}_{current}", "") or ""
    language = current
    if not value:
        value = getattr(obj, f"{field}_{other}", "") or ""
        language = other
    if not value:
        return ""
    if paragraphs:
        inner = linebreaks_filter(value, autoescape=True)
    elif query:
        inner = search.highlight(value, query)
    else:
        inner = escape(value)
    if language == current:
        return mark_safe(inner)
    element = "div" if paragraphs else "span"
    return format_html('<{0} lang="{1}">{2}</{0}>', element, language, inner)


def _path_in(request, code: str) -> str:
    """The request's path in the language ``code``, made from the view's own URL match (the
    path is not resolved again, as ``translate_url`` would) and kept on the request for the
    other tags of the page."""
    paths = request.__dict__.setdefault("_catalogue_paths_by_language", {})
    if code not in paths:
        match = request.resolver_match
        if match is None or match.url_name is None:
            paths[code] = translate_url(request.path, code)
        else:
            with override(code):
                try:
                    paths[code] = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
                except NoReverseMatch:
                    paths[code] = request.path
    return paths[code]


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The current page in each interface language, query string kept."""
    request = context.get("request")
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        if request is None:
            url = translate_url("/", code)
        else:
            query = urlsplit(request.get_full_path()).query
            url = urlunsplit(("", "", _path_in(request, code), query, ""))
        links.append(
            {"code": code, "name": info["name_local"], "url": url, "current": code == current}
        )
    return links


@register.filter
def highlight(text, query) -> str:
    return search.highlight(text, query or "")


@register.simple_tag(takes_context=True)
def current_query(context) -> str:
    """The search words of the current address, for the header's search box.

    Empty when the query string itself was refused (too many parameters, a control character):
    the error page that says so must still render.
    """
    request = context.get("request")
    if request is None:
        return ""
    try:
        query = request.GET.get("q", "")
    except SuspiciousOperation:
        return ""
    return "" if text.has_control_character(query) else query[: search.MAX_QUERY_LENGTH]


@register.simple_tag
def max_query_length() -> int:
    return search.MAX_QUERY_LENGTH


@register.filter
def seat_summary(seat) -> str:
    return charts.seat_summary(seat)


@register.filter
def kept_values(filterset, names: str) -> list[tuple[str, str]]:
    """The submitted values of ``names`` (space-separated), to carry in hidden inputs."""
    return [(name, filterset.data.get(name)) for name in names.split() if filterset.data.get(name)]


@register.filter
def field_label(form, name: str) -> str:
    field = form.fields.get(name)
    return field.label if field is not None else name


@register.filter
def translated_basis(item) -> str:
    """The written basis of an inferred membership or role, in the page's language if held."""
    current, other = _languages()
    return (
        getattr(item, f"basis_{current}", "")
        or getattr(item, f"basis_{other}", "")
        or getattr(item, "note", "")
        or ""
    )


@register.simple_tag(takes_context=True)
def page_addresses(context) -> dict:
    """The page's canonical address and its address in each language, absolute, for ``<head>``.

    The query string is left out: a filtered or paged list is the same page as the list.
    """
    request = context.get("request")
    none = {"canonical": "", "alternates": []}
    if request is None:
        return none
    try:
        alternates = [
            {"code": code, "url": request.build_absolute_uri(_path_in(request, code))}
            for code, _name in settings.LANGUAGES
        ]
        return {"canonical": request.build_absolute_uri(request.path), "alternates": alternates}
    except SuspiciousOperation:
        # The 400 page of a host name the catalogue does not serve has no address of its own.
        return none


@register.simple_tag
def summary_text(obj, field: str = "description", length: int = 200) -> str:
    """A field's text in the page's language, on one line and cut at a word, for a description."""
    current, other = _languages()
    value = getattr(obj, f"{field}_{current}", "") or getattr(obj, f"{field}_{other}", "") or ""
    return Truncator(" ".join(value.split())).chars(length)


@register.simple_tag(takes_context=True)
def absolute_uri(context, location: str) -> str:
    """``location`` as a full address on this host (for share cards, which need one)."""
    request = context.get("request")
    return request.build_absolute_uri(location) if request and location else location


@register.filter
def timeline_summary(chart) -> str:
    return timeline.summary(chart)


@register.simple_tag(takes_context=True)
def share_image(context, images) -> str:
    """The full address of the first image at screen size, for share cards; "" when none.

    Screen-size images are IIIF sizes (``display_url``, once tiled) or a stored derivative
    (``display``); an original is never offered.
    """
    for image in images:
        if hasattr(image, "display_url"):
            path = image.display_url if getattr(image, "tiled", True) else ""
        else:
            display = getattr(image, "display", None)
            path = display.url if display else ""
        if path:
            return absolute_uri(context, path)
    return ""
