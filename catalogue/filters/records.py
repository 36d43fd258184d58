"""The records list: search, filters, sorting and the facet counts beside them."""

import functools
import hashlib

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .. import background, changes, facet_counts, search
from ..models import (
    Collection,
    FacetCount,
    Image,
    Language,
    Organization,
    Person,
    Record,
    RecordKind,
    RecordOrganization,
    RecordPerson,
    Subject,
)
from ..models.records import UNDATED
from . import facets
from .facets import FACETS, Facet, FacetValue
from .fields import PartialDateField
from .querystrings import QueryStringMixin

# Labels (a renamed person) refresh within this time; counts change with every record write.
FACET_CACHE_SECONDS = 300
# A person, subject, organization or language with at most this many records leads the
# list's query (``IN`` its records, read first); one with more is checked record by record
# (``EXISTS``) as the list's order is read, which stops at the page instead of first
# reading every record of, say, a language most records are in.
LINKS_LEAD_UP_TO = 5000
# A combined filter's latest exact counts: kept to show "as of" their time after a write.
COUNTS_CACHE_SECONDS = 24 * 3600
# How long one process may take to count a list before another may start counting it too.
COUNTING_SECONDS = 120

SORT_CHOICES = [
    ("relevance", _("relevance")),
    ("date", _("date, earliest first")),
    ("-date", _("date, latest first")),
    ("title", _("title, A to Z")),
    ("-title", _("title, Z to A")),
    ("reference", _("reference code, ascending")),
    ("-reference", _("reference code, descending")),
]


class PartialDateFilter(django_filters.Filter):
    field_class = PartialDateField


def _slug_choice(queryset, label, **kwargs):
    return django_filters.ModelChoiceFilter(
        queryset=queryset,
        to_field_name=kwargs.pop("to_field_name", "slug"),
        label=label,
        method="filter_related",
        **kwargs,
    )


class RecordFilterSet(QueryStringMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_search", max_length=search.MAX_QUERY_LENGTH
    )
    kind = django_filters.ChoiceFilter(
        choices=RecordKind.choices, label=_("Kind"), empty_label=_("any kind")
    )
    date_from = PartialDateFilter(label=_("From"), method="filter_date_from")
    date_to = PartialDateFilter(label=_("To"), method="filter_date_to")
    person = _slug_choice(Person.objects.all(), _("Person"))
    organization = _slug_choice(Organization.objects.all(), _("Organization"))
    subject = _slug_choice(Subject.objects.all(), _("Subject"))
    collection = _slug_choice(Collection.objects.all(), _("Collection"))
    language = _slug_choice(Language.objects.all(), _("Language"), to_field_name="code")
    has_images = django_filters.BooleanFilter(
        label=_("Only records with images"),
        method="filter_has_images",
        widget=forms.CheckboxInput,
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES,
        label=pgettext_lazy("order of results", "Sort by"),
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = Record
        fields = []

    # Related filters go through subqueries so that no record is listed twice.
    related_lookups = {
        "person": lambda value: RecordPerson.objects.filter(person=value).values("record"),
        "organization": lambda value: RecordOrganization.objects.filter(organization=value).values(
            "record"
        ),
        "subject": lambda value: Record.subjects.through.objects.filter(subject=value).values(
            "record"
        ),
        "language": lambda value: Record.languages.through.objects.filter(language=value).values(
            "record"
        ),
    }

    def filter_related(self, queryset, name, value):
        if name == "collection":
            return queryset.filter(collection=value)
        links = self.related_lookups[name](value)
        if self._linked_records().get((name, str(value.pk)), 0) <= LINKS_LEAD_UP_TO:
            return queryset.filter(pk__in=links)
        return queryset.filter(Exists(links.filter(record=OuterRef("pk"))))

    def _linked_records(self) -> dict[tuple[str, str], int]:
        """How many published records each related filter value has, from the counts table
        (one query for those not cached). They only choose a plan: kept for a while."""
        if not hasattr(self, "_linked"):
            wanted = {
                _cache_key("linked", name, str(value.pk)): (name, str(value.pk))
                for name, value in self.form.cleaned_data.items()
                if name in self.related_lookups and value is not None
            }
            cached = cache.get_many(wanted) if wanted else {}
            missing = [wanted[key] for key in wanted if key not in cached]
            if missing:
                condition = Q(pk__in=[])
                for name, pk in missing:
                    condition |= Q(facet=name, value=pk)
                rows = FacetCount.objects.filter(condition, filter_facet="", filter_value="")
                found = {
                    (facet, value): n
                    for facet, value, n in rows.values_list("facet", "value", "count")
                }
                fresh = {key: found.get(wanted[key], 0) for key in wanted if key not in cached}
                cache.set_many(fresh, FACET_CACHE_SECONDS)
                cached |= fresh
            self._linked = {wanted[key]: n for key, n in cached.items()}
        return self._linked

    def filter_search(self, queryset, name, value):
        query = search.normalize_query(value)
        return search.search_records(queryset, query) if query else queryset

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(date_latest__gte=value[0])

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(date_earliest__lte=value[1])

    def filter_has_images(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Image.objects.filter(record=OuterRef("pk"))))

    def filter_sort(self, queryset, name, value):
        # Ordering is applied once, after every filter, in filter_queryset().
        return queryset

    @property
    def searching(self) -> bool:
        return bool(search.normalize_query(self.form.cleaned_data.get("q")))

    # A page ranks a broad search's window; a download holds every match (False).
    ranks_window = True

    def filter_queryset(self, queryset):
        found = self._filtered(queryset)
        window = self.search_window() if self.ranks_window else None
        if window is not None and self.sort_name() == "relevance":
            # A broad search ranks its window of matches, not every one (search.bounded).
            found = window.restrict(found)
        return self._ordered(found)

    def search_window(self) -> search.Window | None:
        """The search's bounded count and ranked window (``None`` when not searching),
        cached as the facet counts are, under the filters and the change marker."""
        if not self.searching:
            return None
        if not hasattr(self, "_window"):
            key = _cache_key("search-window", self._version(), self._facet_filters())
            self._window = cache.get(key)
            if self._window is None:
                self._window = search.window(
                    self._filtered(Record.objects.published(), without="q"),
                    search.normalize_query(self.form.cleaned_data.get("q")),
                )
                cache.set(key, self._window, FACET_CACHE_SECONDS)
        return self._window

    def listed(self) -> int | None:
        """How many records the list pages through, when known without counting them all:
        the counts table's total, or a search's window (estimated past its limit)."""
        window = self.search_window()
        if window is None:
            return self.counted()["total"]
        return window.ranked if self.sort_name() == "relevance" else window.count

    def _filtered(self, queryset, without: str | None = None):
        for name, value in self.form.cleaned_data.items():
            if name != without and name != "sort":
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def sort_name(self) -> str:
        """The sort asked for, or the default: relevance when searching, else the date."""
        sort = self.form.cleaned_data.get("sort") or ""
        if sort in ("", "relevance"):
            sort = "relevance" if self.searching else "date"
        if sort == "relevance" and not self.searching:
            sort = "date"
        return sort

    def _ordered(self, queryset):
        sort = self.sort_name()
        language = (get_language() or "en")[:2]
        title = Lower(f"title_{language}")
        orders = {
            "relevance": [F("search_rank").desc(), UNDATED.asc(), F("date_earliest").asc()],
            "date": [UNDATED.asc(), F("date_earliest").asc()],
            "-date": [F("date_latest").desc(nulls_last=True)],
            "title": [title.asc()],
            "-title": [title.desc()],
            "reference": [],
            "-reference": [F("reference_code").desc()],
        }
        return queryset.order_by(*orders[sort], "reference_code")

    def facets(self) -> list[Facet]:
        """Counts for each facet, each honouring every other active filter (``counted``)."""
        cleaned = self.form.cleaned_data
        counted = self.counted()
        language = (get_language() or "en")[:2]
        built = []
        for name, label, _rows_for in FACETS:
            facet = Facet(name=name, label=label)
            for value, labels, count in counted[name]:
                text = labels.get(language) or labels.get("en") or labels.get("ru") or value
                facet.values.append(
                    FacetValue(
                        value=value,
                        label=text,
                        count=count,
                        url=self.url_with(name, value),
                        active=self._active_value(cleaned.get(name), name) == value,
                        at_least=name in counted["partial"],
                        estimated=counted.get("estimated", False),
                    )
                )
            built.append(facet)
        return built

    def counted(self) -> dict:
        """The list's total and facet counts, cached; see ``facets`` for the rule.

        The unfiltered and single-filter lists read the counts table, cached under the
        filters and the change marker (one lookup by primary key), which every write moves.
        Any other list keeps its latest exact counts under its filters alone, with the
        marker's version and the time they were made. When that version is the current one,
        they are served as they are. Otherwise the list is counted over at most
        ``EXACT_UP_TO`` + 1 records; if that is not every match, the page shows the earlier
        exact counts ("as of" their time) or, when there are none, the counts of the first
        matches ("at least"), and the exact counts are made after the response. An entry
        holds each value's label in every interface language, so one serves /en/ and /ru/.
        """
        if hasattr(self, "_counted"):
            return self._counted
        filters = self._facet_filters()
        version = self._version()
        if not filters or (len(filters) == 1 and filters[0][0] in facet_counts.FACET_NAMES):
            key = _cache_key("facets", version, filters)
            counted = cache.get(key)
            if counted is None:
                counted = facets.from_table(*(filters[0] if filters else ()))
                cache.set(key, counted, FACET_CACHE_SECONDS)
        elif self.searching:
            # Grouped over the search's first matches, scaled by its bounded estimate.
            key = _cache_key("search-facets", version, filters)
            counted = cache.get(key)
            if counted is None:
                counted = facets.by_sampling(
                    self._filtered,
                    sample=search.bounded.exact_up_to(),
                    total=lambda found: search.bounded.count(found)[0],
                )
                cache.set(key, counted, FACET_CACHE_SECONDS)
        else:
            counted = self._combined_counts(filters, version)
        self._counted = counted
        return counted

    def _combined_counts(self, filters: list, version: int) -> dict:
        key = _cache_key("counts", filters)
        latest = cache.get(key)
        if latest is not None and latest["version"] == version:
            return latest
        total = facets.first_matches(self._filtered, facets.EXACT_UP_TO)
        counted = None
        if total <= facets.EXACT_UP_TO or latest is None:
            counted = facets.by_grouping(self._filtered, facets.EXACT_UP_TO, total)
            if not counted["more"] and not counted["partial"]:
                counted.update(version=version, counted_at=timezone.now())
                cache.set(key, counted, COUNTS_CACHE_SECONDS)
                return counted
        background.after_response(functools.partial(self.count_exactly, filters))
        if latest is not None:
            return {**latest, "stale": True}
        return counted

    def count_exactly(self, filters: list) -> None:
        """Count the list exactly and keep the counts for the next requests (one job at a
        time for the same filters, across every process that shares the cache)."""
        running = _cache_key("counting", filters)
        if not cache.add(running, True, COUNTING_SECONDS):
            return
        try:
            version, counted_at = changes.version(), timezone.now()
            counted = facets.by_grouping(self._filtered)
            counted.update(version=version, counted_at=counted_at)
            cache.set(_cache_key("counts", filters), counted, COUNTS_CACHE_SECONDS)
        finally:
            cache.delete(running)

    def _version(self) -> int:
        """The change marker, read once per request (one lookup by primary key)."""
        if not hasattr(self, "_marker"):
            self._marker = changes.version()
        return self._marker

    def _facet_filters(self) -> list[tuple[str, str]]:
        return sorted(
            (name, str(getattr(value, "pk", value)))
            for name, value in self.form.cleaned_data.items()
            if name != "sort" and value not in (None, "", False)
        )

    @staticmethod
    def _active_value(cleaned, name):
        if cleaned is None or cleaned == "":
            return None
        if name == "kind":
            return cleaned
        if name == "language":
            return cleaned.code
        return cleaned.slug


def _cache_key(kind: str, *parts) -> str:
    return f"catalogue:{kind}:" + hashlib.sha256(repr(parts).encode()).hexdigest()
