from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from catalogue.models import Membership, Organization, OrganizationSeats

from .base import TranslatedAdmin, TranslatedInline
from .claims import ClaimInline
from .transfer import TransferMixin

MEMBERSHIP_FIELDS = ("role", "start", "end", "certainty", "basis", "elected_by", "sources")


class MembershipInline(TranslatedInline):
    model = Membership

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.select_related("person", "organization", "elected_by").prefetch_related(
            "sources"
        )


class PersonMembershipInline(MembershipInline):
    fields = ("organization", *MEMBERSHIP_FIELDS)
    autocomplete_fields = ("organization", "elected_by", "sources")


class OrganizationMembershipInline(MembershipInline):
    fields = ("person", *MEMBERSHIP_FIELDS)
    autocomplete_fields = ("person", "elected_by", "sources")


class SeatsInline(TranslatedInline):
    model = OrganizationSeats
    fields = ("role", "count", "source", "note")
    autocomplete_fields = ("source",)
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization", "source")


@admin.register(Organization)
class OrganizationAdmin(TransferMixin, TranslatedAdmin):
    transfer_kind = "organizations"
    list_display = ("name", "abbreviation", "kind", "parent", "founded", "dissolved", "members")
    list_filter = ("kind",)
    list_select_related = ("parent",)
    search_fields = (
        "slug__folded",
        "name_en__folded",
        "name_ru__folded",
        "abbreviation_en__folded",
        "abbreviation_ru__folded",
    )
    autocomplete_fields = ("parent", "sources")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = (
        "founded_earliest",
        "founded_latest",
        "dissolved_earliest",
        "dissolved_latest",
    )
    inlines = (SeatsInline, OrganizationMembershipInline, ClaimInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(membership_count=Count("memberships"))

    @admin.display(description=_("memberships catalogued"), ordering="membership_count")
    def members(self, organization: Organization) -> int:
        return organization.membership_count


@admin.register(OrganizationSeats)
class OrganizationSeatsAdmin(TranslatedAdmin):
    list_display = ("organization", "role", "count", "source")
    list_filter = ("role",)
    list_select_related = ("organization", "source")
    search_fields = ("organization__name_en__folded", "organization__name_ru__folded")
    autocomplete_fields = ("organization", "source")


@admin.register(Membership)
class MembershipAdmin(TransferMixin, TranslatedAdmin):
    transfer_kind = "memberships"
    list_display = ("person", "organization", "role", "start", "end", "certainty", "elected_by")
    list_filter = ("role", "certainty", "organization", "elected_by")
    list_select_related = ("person", "organization", "elected_by")
    search_fields = (
        "person__name_en__folded",
        "person__name_ru__folded",
        "person__names__name__folded",
        "organization__name_en__folded",
        "organization__name_ru__folded",
    )
    autocomplete_fields = ("person", "organization", "elected_by", "sources")
    readonly_fields = ("start_earliest", "start_latest", "end_earliest", "end_latest")
