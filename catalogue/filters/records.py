"""The records list: search, filters, sorting and the facet counts beside them."""

import hashlib
from dataclasses import dataclass, field

import django_filters
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, QuerySet
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .. import search
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
from .fields import PartialDateField
from .querystrings import QueryStringMixin

FACET_LIMIT = 25
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

    def filter_queryset(self, queryset):
        return self._ordered(self._filtered(queryset))

    def _filtered(self, queryset, without: str | None = None):
        for name, value in self.form.cleaned_data.items():
            if name != without and name != "sort":
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def _ordered(self, queryset):
        sort = self.form.cleaned_data.get("sort") or ""
        if sort in ("", "relevance"):
            sort = "relevance" if self.searching else "date"
        if sort == "relevance" and not self.searching:
            sort = "date"
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

    def facets(self) -> list["Facet"]:
        """Counts for each facet, each honouring every other active filter.

        Counting means grouping every matching record, which grows with the collection, so the
        counts are cached under the filters and the state of the records (one cheap query):
        any save, publication, import or deletion makes a new key. An entry holds each value's
        label in every interface language, so one entry serves /en/ and /ru/ alike.
        """
        cleaned = self.form.cleaned_data
        key = (
            "catalogue:facets:"
            + hashlib.sha256(
                repr((Record.objects.state(), self._facet_filters())).encode()
            ).hexdigest()
        )
        counted = cache.get(key)
        if counted is None:
            counted = self._count_facets()
            cache.set(key, counted, FACET_CACHE_SECONDS)
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
                    )
                )
            built.append(facet)
        return built

    def _facet_filters(self) -> list[tuple[str, str]]:
        return sorted(
            (name, str(getattr(value, "pk", value)))
            for name, value in self.form.cleaned_data.items()
            if name != "sort" and value not in (None, "", False)
        )

    def _count_facets(self) -> dict[str, list]:
        counted = {}
        for name, _label, rows_for in FACETS:
            # The bare published records: the listing's annotations would only slow the count.
            base = self._filtered(Record.objects.published(), without=name).order_by().values("pk")
            counted[name] = list(rows_for(base))
        return counted

    @staticmethod
    def _active_value(cleaned, name):
        if cleaned is None or cleaned == "":
            return None
        if name == "kind":
            return cleaned
        if name == "language":
            return cleaned.code
        return cleaned.slug


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    url: str
    active: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)


def _kind_rows(base: QuerySet):
    labels = dict(RecordKind.choices)
    rows = (
        Record.objects.filter(pk__in=base)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by("-n", "kind")
    )
    for row in rows:
        yield row["kind"], _in_every_language(labels.get(row["kind"], row["kind"])), row["n"]


def _in_every_language(label) -> dict[str, str]:
    """A translatable label in each interface language: the counts are cached for all of them."""
    translated = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translated[code] = str(label)
    return translated


def _grouped_rows(model, key: str, prefix: str, text: str, record_field: str = "record"):
    def rows_for(base: QuerySet):
        rows = (
            model.objects.filter(**{f"{record_field}__in": base})
            .values(f"{prefix}__{key}", f"{prefix}__{text}_en", f"{prefix}__{text}_ru")
            .annotate(n=Count(record_field, distinct=True))
            .order_by("-n", f"{prefix}__{text}_en")[:FACET_LIMIT]
        )
        for row in rows:
            labels = {"en": row[f"{prefix}__{text}_en"], "ru": row[f"{prefix}__{text}_ru"]}
            yield row[f"{prefix}__{key}"], labels, row["n"]

    return rows_for


FACETS = [
    ("kind", _("Kind"), _kind_rows),
    ("subject", _("Subject"), _grouped_rows(Record.subjects.through, "slug", "subject", "label")),
    ("person", _("Person"), _grouped_rows(RecordPerson, "slug", "person", "name")),
    (
        "organization",
        _("Organization"),
        _grouped_rows(RecordOrganization, "slug", "organization", "name"),
    ),
    (
        "collection",
        _("Collection"),
        _grouped_rows(Record, "slug", "collection", "title", record_field="pk"),
    ),
    (
        "language",
        _("Language"),
        _grouped_rows(Record.languages.through, "code", "language", "name"),
    ),
]
