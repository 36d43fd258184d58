"""The sitemaps: every public page of a record, person, body, event, collection and subject.

Each page is listed in English and Russian, with the other language as its ``hreflang``
alternate. A section is read a page at a time (a count and one slice), never whole, so a
sitemap page costs the same few queries at 100 records or 100,000.
"""

import math
from collections.abc import Sequence
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import get_language

from .models import Collection, Event, Organization, Person, Record, Subject


class LanguagePairs(Sequence):
    """``(object, language)`` for every object of a queryset and every language, read lazily.

    Django's sitemaps build these pairs for the whole queryset before taking one page; this
    slices the queryset instead, so a page reads only its own rows.
    """

    def __init__(self, queryset, languages: list[str]):
        self.queryset = queryset
        self.languages = languages
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.queryset.count() * len(self.languages)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(self.count())
        width = len(self.languages)
        first, last = start // width, math.ceil(stop / width)
        pairs = [
            (item, language) for item in self.queryset[first:last] for language in self.languages
        ]
        offset = first * width
        return pairs[start - offset : stop - offset]


class CatalogueSitemap(Sitemap):
    """One kind of public page; ``queryset`` is what the public pages of that kind show."""

    i18n = True
    alternates = True
    # The sitemap protocol's own limit; a larger catalogue gets a sitemap index.
    limit = 50_000
    queryset = None
    # The detail page's URL name and the field its one argument is taken from.
    url_name = ""
    url_key = "slug"
    key = "slug"

    def __init__(self):
        self._patterns = {}

    def items(self):
        # Only what an address and its date need, in an order that pages stably.
        return self.queryset.only(*self.fields).order_by(self.order)

    @cached_property
    def paginator(self):
        return Paginator(LanguagePairs(self.items(), self._languages()), self.limit)

    def location(self, item):
        # One reverse() per language, not per address: at 50,000 addresses to a file, with
        # their alternates, reversing each would take most of the response's time. Keys are
        # letters, digits, dots, hyphens and underscores, which an address keeps as they are.
        language = get_language()
        if language not in self._patterns:
            self._patterns[language] = reverse(self.url_name, kwargs={self.url_key: "0"})[:-2]
        return f"{self._patterns[language]}{getattr(item, self.key)}/"

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.queryset.order_by().aggregate(latest=Max("updated_at"))["latest"]


class RecordSitemap(CatalogueSitemap):
    # The same rule as the record pages: published records only.
    queryset = Record.objects.published()
    fields = ("reference_code", "updated_at")
    order = "reference_code"
    url_name, url_key, key = "catalogue:record_detail", "reference", "reference_code"


class PersonSitemap(CatalogueSitemap):
    queryset = Person.objects.all()
    fields = ("slug", "updated_at")
    order = "slug"
    url_name, url_key = "catalogue:person_detail", "slug"


class OrganizationSitemap(PersonSitemap):
    queryset = Organization.objects.all()
    url_name = "catalogue:organization_detail"


class EventSitemap(PersonSitemap):
    queryset = Event.objects.all()
    url_name = "catalogue:event_detail"


class CollectionSitemap(PersonSitemap):
    queryset = Collection.objects.all()
    url_name = "catalogue:collection_detail"


class SubjectSitemap(PersonSitemap):
    queryset = Subject.objects.all()
    url_name = "catalogue:subject_detail"


SITEMAPS = {
    "records": RecordSitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
    "events": EventSitemap,
    "collections": CollectionSitemap,
    "subjects": SubjectSitemap,
}
