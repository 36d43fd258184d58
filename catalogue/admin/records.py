import copy

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from catalogue import history, tombstones
from catalogue.models import Record, RecordOrganization, RecordPerson, RecordRelation, Status
from catalogue.publishing import ESSENTIAL_FIELDS, missing_for_publication

from .base import TranslatedAdmin, TranslatedInline
from .claims import ClaimInline
from .copies import CopyInline, RecordImageInline
from .forms import CatalogueForm
from .permissions import PublishedRecordGuard, PublishedRecordInlineGuard, may_publish
from .transfer import TransferMixin

PUBLISHED_MESSAGE = "Published"
UNPUBLISHED_MESSAGE = "Unpublished"


class RecordForm(CatalogueForm):
    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("status", self.instance.status) == Status.PUBLISHED:
            record = copy.copy(self.instance)
            for name in [*ESSENTIAL_FIELDS, "extent_en", "extent_ru"]:
                if name in cleaned_data:
                    setattr(record, name, cleaned_data[name])
            missing = missing_for_publication(record)
            if missing:
                self.add_error(
                    "status" if "status" in self.fields else None,
                    _("This record cannot be published without: %(missing)s.")
                    % {"missing": ", ".join(missing)},
                )
        return cleaned_data


class RecordPersonInline(PublishedRecordInlineGuard, TranslatedInline):
    model = RecordPerson
    fields = ("person", "role", "note", "source")
    autocomplete_fields = ("person", "source")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "source")


class RecordOrganizationInline(PublishedRecordInlineGuard, TranslatedInline):
    model = RecordOrganization
    fields = ("organization", "role", "certainty", "note", "source")
    autocomplete_fields = ("organization", "source")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization", "source")


class RecordRelationInline(PublishedRecordInlineGuard, TranslatedInline):
    model = RecordRelation
    fk_name = "subject"
    fields = ("type", "object", "note", "source")
    autocomplete_fields = ("object", "source")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("subject", "object", "source")


class RecordClaimInline(PublishedRecordInlineGuard, ClaimInline):
    pass


@admin.register(Record)
class RecordAdmin(TransferMixin, PublishedRecordGuard, TranslatedAdmin):
    form = RecordForm
    transfer_kind = "records"
    list_display = (
        "reference_code",
        "title",
        "kind",
        "level",
        "date",
        "status",
        "collection",
        "published_at",
    )
    list_display_links = ("reference_code", "title")
    list_filter = ("status", "kind", "level", "collection")
    list_select_related = ("collection",)
    search_fields = (
        "reference_code__folded",
        "title_en__folded",
        "title_ru__folded",
        "original_title__folded",
    )
    autocomplete_fields = (
        "collection",
        "original_language",
        "languages",
        "subjects",
        "events",
        "sources",
    )
    date_hierarchy = "date_earliest"
    readonly_fields = ("date_earliest", "date_latest", "published_at")
    fieldsets = (
        (None, {"fields": ("reference_code", "collection", "level", "kind", "status")}),
        (
            gettext_lazy("Title and content"),
            {
                "fields": (
                    "title",
                    "original_title",
                    "original_language",
                    "languages",
                    "description",
                    "extent",
                )
            },
        ),
        (
            gettext_lazy("Date"),
            {"fields": ("date", "date_earliest", "date_latest", "date_note")},
        ),
        (gettext_lazy("Indexing"), {"fields": ("subjects", "events", "sources")}),
        (
            gettext_lazy("Publication and changes"),
            {"fields": ("published_at", "created_at", "updated_at")},
        ),
    )
    inlines = (
        CopyInline,
        RecordImageInline,
        RecordPersonInline,
        RecordOrganizationInline,
        RecordRelationInline,
        RecordClaimInline,
    )
    actions = ("publish", "unpublish")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not may_publish(request.user):
            readonly.append("status")
        return readonly

    def has_publish_permission(self, request):
        return may_publish(request.user)

    def save_model(self, request, obj, form, change):
        status_changed = "status" in form.changed_data
        if status_changed:
            obj.published_at = timezone.now() if obj.is_published else None
        was_published = change and form.initial.get("status") == Status.PUBLISHED
        if status_changed and was_published:
            tombstones.withdraw([Record.objects.get(pk=obj.pk)])
        super().save_model(request, obj, form, change)
        if status_changed and obj.is_published:
            tombstones.clear([obj.reference_code])
        if change and "reference_code" in form.changed_data:
            tombstones.renamed(obj, form.initial.get("reference_code"), was_published=was_published)
        if status_changed:
            message = PUBLISHED_MESSAGE if obj.is_published else UNPUBLISHED_MESSAGE
            self.log_change(request, obj, message)

    @admin.action(description=gettext_lazy("Publish selected records"), permissions=["publish"])
    def publish(self, request, queryset):
        ready = []
        for record in queryset.drafts().prefetch_related("images"):
            missing = missing_for_publication(record)
            if missing:
                self.message_user(
                    request,
                    _("%(record)s was not published; it lacks: %(missing)s.")
                    % {"record": record.reference_code, "missing": ", ".join(missing)},
                    messages.ERROR,
                )
            else:
                ready.append(record)
        changed = history.publish(
            Record.objects.filter(pk__in=[record.pk for record in ready]), request.user
        )
        self._log(request, ready, PUBLISHED_MESSAGE)
        self.message_user(
            request,
            ngettext("Published %(count)d record.", "Published %(count)d records.", changed)
            % {"count": changed},
            messages.SUCCESS if changed else messages.WARNING,
        )

    @admin.action(description=gettext_lazy("Unpublish selected records"), permissions=["publish"])
    def unpublish(self, request, queryset):
        records = list(queryset.published())
        changed = history.unpublish(
            Record.objects.filter(pk__in=[record.pk for record in records]), request.user
        )
        self._log(request, records, UNPUBLISHED_MESSAGE)
        self.message_user(
            request,
            ngettext("Unpublished %(count)d record.", "Unpublished %(count)d records.", changed)
            % {"count": changed},
            messages.SUCCESS if changed else messages.WARNING,
        )

    def delete_model(self, request, obj):
        tombstones.withdraw([obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        tombstones.withdraw(queryset.published())
        super().delete_queryset(request, queryset)

    def _log(self, request, records, message: str) -> None:
        if records:
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=records,
                action_flag=CHANGE,
                change_message=message,
            )
