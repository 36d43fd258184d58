import copy

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from catalogue import publishing, tombstones
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
        # The status moves through the publishing service once the inlines are saved too
        # (save_related): until then the record keeps the status it had.
        if "status" in form.changed_data:
            form.wanted_status = obj.status
            obj.status = form.initial.get("status", Status.DRAFT)
        super().save_model(request, obj, form, change)
        if change and "reference_code" in form.changed_data:
            was_published = form.initial.get("status") == Status.PUBLISHED
            tombstones.renamed(obj, form.initial.get("reference_code"), was_published=was_published)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        wanted = getattr(form, "wanted_status", None)
        record = form.instance
        if wanted == Status.PUBLISHED:
            try:
                outcome = publishing.publish(Record.objects.filter(pk=record.pk), user=request.user)
            except publishing.NotReady as error:
                self.message_user(request, str(error), messages.ERROR)
                return
        elif wanted == Status.DRAFT:
            outcome = publishing.unpublish(Record.objects.filter(pk=record.pk), user=request.user)
        else:
            return
        if outcome.changed:
            record.refresh_from_db()
            message = PUBLISHED_MESSAGE if record.is_published else UNPUBLISHED_MESSAGE
            self.log_change(request, record, message)

    def delete_model(self, request, obj):
        publishing.delete_records([obj], user=request.user)

    def delete_queryset(self, request, queryset):
        publishing.delete_records(queryset, user=request.user)

    @admin.action(description=gettext_lazy("Publish selected records"), permissions=["publish"])
    def publish(self, request, queryset):
        outcome = publishing.publish(queryset.drafts(), user=request.user, partial=True)
        for code, missing in outcome.refused.items():
            self.message_user(
                request,
                _("%(record)s was not published; it lacks: %(missing)s.")
                % {"record": code, "missing": ", ".join(missing)},
                messages.ERROR,
            )
        self._log(request, outcome.changed, PUBLISHED_MESSAGE)
        self.message_user(
            request,
            ngettext("Published %(count)d record.", "Published %(count)d records.", outcome.count)
            % {"count": outcome.count},
            messages.SUCCESS if outcome.count else messages.WARNING,
        )

    @admin.action(description=gettext_lazy("Unpublish selected records"), permissions=["publish"])
    def unpublish(self, request, queryset):
        outcome = publishing.unpublish(queryset, user=request.user)
        self._log(request, outcome.changed, UNPUBLISHED_MESSAGE)
        self.message_user(
            request,
            ngettext(
                "Unpublished %(count)d record.", "Unpublished %(count)d records.", outcome.count
            )
            % {"count": outcome.count},
            messages.SUCCESS if outcome.count else messages.WARNING,
        )

    def _log(self, request, records, message: str) -> None:
        if records:
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=records,
                action_flag=CHANGE,
                change_message=message,
            )
