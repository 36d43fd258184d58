from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from catalogue.models import Claim

from .base import TranslatedAdmin, TranslatedInline
from .permissions import PublishedRecordGuard


class ClaimInline(TranslatedInline):
    """A source's statement on a disputed point, shown in the form of what it is about."""

    model = Claim
    fields = ("slug", "topic", "statement", "source", "preferred", "note")
    autocomplete_fields = ("source",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


@admin.register(Claim)
class ClaimAdmin(PublishedRecordGuard, TranslatedAdmin):
    list_display = ("topic", "statement", "about", "source", "preferred")
    list_filter = ("preferred", "source")
    list_select_related = ("record", "event", "person", "organization", "source")
    search_fields = (
        "slug__folded",
        "topic_en__folded",
        "topic_ru__folded",
        "statement_en__folded",
        "statement_ru__folded",
        "source__key__folded",
    )
    autocomplete_fields = ("record", "event", "person", "organization", "source")

    @admin.display(description=_("about"))
    def about(self, claim: Claim):
        return claim.record or claim.event or claim.person or claim.organization

    def guarded_record(self, obj):
        return obj.record if obj is not None else None
