"""The records list: search, filters, sorting and the facet counts beside them."""

import hashlib

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Lower
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .. import changes, facet_counts, search
from ..models import (
    Collection,
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
        return queryset.filter(pk__in=self.related_lookups[name](value))

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
            key = "catalogue:search-window:" + self._cache_key()
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
        """Counts for each facet, each honouring every other active filter.

        Where they come from is ``facets``' rule (the counts table, or grouping at most
        ``EXACT_UP_TO`` records). They are cached under the filters and the change marker
        (one lookup by primary key), which every write to the records moves. An entry holds
        each value's label in every interface language, so one entry serves /en/ and /ru/.
        """
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
                        estimated=counted["estimated"],
                    )
                )
            built.append(facet)
        return built

    def counted(self) -> dict:
        """The facet counts (and the list's total when the table knows it), cached."""
        if hasattr(self, "_counted"):
            return self._counted
        filters = self._facet_filters()
        key = "catalogue:facets:" + self._cache_key()
        counted = cache.get(key)
        if counted is None:
            if not filters:
                counted = facets.from_table()
            elif len(filters) == 1 and filters[0][0] in facet_counts.FACET_NAMES:
                name = filters[0][0]
                value = self.form.cleaned_data[name]
                counted = facets.from_table(name, str(getattr(value, "pk", value)))
            elif self.searching:
                # Grouped over the search's first matches, scaled by its bounded estimate.
                counted = facets.by_grouping(
                    self._filtered,
                    sample=search.bounded.exact_up_to(),
                    total=lambda found: search.bounded.count(found)[0],
                )
            else:
                counted = facets.by_grouping(self._filtered)
            cache.set(key, counted, FACET_CACHE_SECONDS)
        self._counted = counted
        return counted

    def _cache_key(self) -> str:
        """The filters and the change marker (one lookup by primary key, once), hashed."""
        if not hasattr(self, "_key"):
            state = repr((changes.version(), self._facet_filters()))
            self._key = hashlib.sha256(state.encode()).hexdigest()
        return self._key

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
