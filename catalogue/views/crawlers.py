"""For crawlers: the sitemap (or, for a large catalogue, the sitemap index) and robots.txt."""

from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse
from django.urls import reverse

from ..sitemaps import SITEMAPS, CatalogueSitemap

# Kept out of crawlers' reach: facet and search addresses multiply without end (every
# combination of filters is an address), downloads and citations repeat the record pages.
# The record, person and other pages are reached through the sitemap instead.
DISALLOWED = (
    "/admin/",
    "/i18n/",
    "/*/records/?",
    "/*/records/export.",
    "/*/people/?",
    "/*/search/",
)

# Django's own sitemap template, without the whitespace it then removes again and the fields
# the catalogue does not give: a quarter of the time for a file of 50,000 addresses.
TEMPLATE = "catalogue/sitemap.xml"


def _sections() -> dict[str, CatalogueSitemap]:
    # Instances, not classes: each counts its rows once for the whole response.
    return {name: sitemap() for name, sitemap in SITEMAPS.items()}


def sitemap(request):
    """``/sitemap.xml``: every address in one file, or an index of files when they are many."""
    sections = _sections()
    total = sum(section.paginator.count for section in sections.values())
    if total <= CatalogueSitemap.limit:
        return sitemap_views.sitemap(request, sitemaps=sections, template_name=TEMPLATE)
    return sitemap_views.index(request, sitemaps=sections, sitemap_url_name="sitemap_section")


def sitemap_section(request, section):
    """``/sitemap-<section>.xml?p=<page>``: one section of the index, a page at a time."""
    if section not in SITEMAPS:
        raise Http404(f"There is no sitemap section {section!r}.")
    return sitemap_views.sitemap(
        request, sitemaps=_sections(), section=section, template_name=TEMPLATE
    )


def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in DISALLOWED]
    lines += ["Allow: /", "", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
