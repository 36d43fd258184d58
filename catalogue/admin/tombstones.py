from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from catalogue.models import Tombstone

from .base import EmptyToFieldMixin


@admin.register(Tombstone)
class TombstoneAdmin(EmptyToFieldMixin, TranslationAdmin):
    """Tombstones are written when a published record is withdrawn or deleted; curators
    add the public note only."""

    list_display = ("reference_code", "title", "withdrawn_at", "kind", "collection")
    list_filter = ("kind", "collection")
    list_select_related = ("collection",)
    search_fields = ("reference_code", "title_en", "title_ru")
    date_hierarchy = "withdrawn_at"
    fields = ("reference_code", "title", "withdrawn_at", "kind", "collection", "note")
    readonly_fields = ("reference_code", "title", "withdrawn_at", "kind", "collection")

    def has_add_permission(self, request):
        return False
