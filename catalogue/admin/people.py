from django.contrib import admin

from catalogue.models import Person, PersonName

from .base import CatalogueAdmin, CatalogueInline, TranslatedAdmin
from .claims import ClaimInline
from .organizations import PersonMembershipInline
from .transfer import TransferMixin


class PersonNameInline(CatalogueInline):
    model = PersonName
    fields = ("name", "kind", "language", "note", "generated")
    show_change_link = False


@admin.register(Person)
class PersonAdmin(TransferMixin, TranslatedAdmin):
    transfer_kind = "people"
    list_display = ("name", "native_name", "birth_date", "death_date", "wikidata_id")
    list_filter = ("native_language",)
    search_fields = (
        "slug__folded",
        "name_en__folded",
        "name_ru__folded",
        "full_name_en__folded",
        "full_name_ru__folded",
        "native_name__folded",
        "names__name__folded",
        "=wikidata_id",
    )
    autocomplete_fields = ("sources",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("birth_earliest", "birth_latest", "death_earliest", "death_latest")
    inlines = (PersonNameInline, PersonMembershipInline, ClaimInline)


@admin.register(PersonName)
class PersonNameAdmin(CatalogueAdmin):
    list_display = ("name", "person", "kind", "language", "generated")
    list_filter = ("kind",)
    list_select_related = ("person",)
    search_fields = ("name__folded", "person__name_en__folded", "person__name_ru__folded")
    autocomplete_fields = ("person",)
