"""The people list: search, and narrowing by seat (body, role, certainty) and birth year."""

import datetime

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .. import search
from ..models import Certainty, Membership, MembershipRole, Organization, Person
from .querystrings import QueryStringMixin

MEMBERSHIP_FILTERS = ("organization", "role", "certainty")


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        kwargs.setdefault("widget", forms.NumberInput(attrs={"placeholder": "1894"}))
        super().__init__(**kwargs)


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


class PersonFilterSet(QueryStringMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_search", max_length=search.MAX_QUERY_LENGTH
    )
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(),
        to_field_name="slug",
        label=_("Organization"),
        method="filter_membership",
        empty_label=_("any organization"),
    )
    role = django_filters.ChoiceFilter(
        choices=MembershipRole.choices,
        label=_("Role"),
        method="filter_membership",
        empty_label=_("any role"),
    )
    certainty = django_filters.ChoiceFilter(
        choices=Certainty.choices,
        label=_("Certainty"),
        method="filter_membership",
        empty_label=_("any certainty"),
    )
    born_from = YearFilter(label=_("Born from (year)"), method="filter_born_from")
    born_to = YearFilter(label=_("Born until (year)"), method="filter_born_to")

    class Meta:
        model = Person
        fields = []

    def filter_search(self, queryset, name, value):
        query = search.normalize_query(value)
        return search.search_people(queryset, query) if query else queryset

    def filter_membership(self, queryset, name, value):
        # Applied together in filter_queryset(), so that body, role and certainty
        # describe the same seat.
        return queryset

    def filter_born_from(self, queryset, name, value):
        return queryset.filter(birth_latest__gte=datetime.date(int(value), 1, 1))

    def filter_born_to(self, queryset, name, value):
        return queryset.filter(birth_earliest__lte=datetime.date(int(value), 12, 31))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        seat = {
            name: value
            for name, value in self.form.cleaned_data.items()
            if name in MEMBERSHIP_FILTERS and value not in (None, "")
        }
        if seat:
            queryset = queryset.filter(pk__in=Membership.objects.filter(**seat).values("person"))
        if self.searching:
            return queryset.order_by("-search_rank", "name", "slug")
        return queryset

    @property
    def searching(self) -> bool:
        return bool(search.normalize_query(self.form.cleaned_data.get("q")))
