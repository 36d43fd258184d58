from django.contrib import admin

from catalogue.models import Event

from .base import TranslatedAdmin
from .claims import ClaimInline


@admin.register(Event)
class EventAdmin(TranslatedAdmin):
    list_display = ("name", "kind", "date", "place", "parent")
    list_filter = ("kind",)
    list_select_related = ("parent",)
    search_fields = (
        "slug__folded",
        "name_en__folded",
        "name_ru__folded",
        "place_en__folded",
        "place_ru__folded",
    )
    autocomplete_fields = ("parent", "sources")
    prepopulated_fields = {"slug": ("name",)}
    date_hierarchy = "date_earliest"
    readonly_fields = ("date_earliest", "date_latest")
    inlines = (ClaimInline,)
