from django.contrib import admin
from django.http import FileResponse, Http404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from catalogue.images import iiif, service
from catalogue.images.forms import ImageForm, ImageFormSet
from catalogue.models import Copy, Image

from .base import TranslatedAdmin, TranslatedInline
from .forms import CatalogueForm
from .permissions import PublishedRecordGuard, PublishedRecordInlineGuard
from .transfer import TransferMixin


@admin.display(description=_("preview"))
def preview(image: Image) -> str:
    if not (image.pk and image.tiled):
        return ""
    return format_html(
        '<img src="{}" alt="{}" width="80" loading="lazy">',
        reverse("admin:catalogue_image_preview", args=[image.pk]),
        image.alt_text,
    )


class CopyInline(PublishedRecordInlineGuard, TranslatedInline):
    model = Copy
    fields = ("key", "label", "holder", "identifier")


class RecordImageInline(PublishedRecordInlineGuard, TranslatedInline):
    model = Image
    form = ImageForm
    formset = ImageFormSet
    fk_name = "record"
    fields = ("file", preview, "alt_text", "caption", "rights", "credit", "position")
    readonly_fields = (preview,)


class CopyImageInline(PublishedRecordInlineGuard, TranslatedInline):
    model = Image
    form = ImageForm
    formset = ImageFormSet
    fk_name = "copy"
    fields = ("file", preview, "alt_text", "caption", "rights", "credit", "position")
    readonly_fields = (preview,)

    def guarded_record(self, obj):
        return obj.record if obj is not None else None


@admin.register(Copy)
class CopyAdmin(TransferMixin, PublishedRecordGuard, TranslatedAdmin):
    transfer_kind = "copies"
    list_display = ("label", "record", "holder", "identifier", "updated_at")
    list_filter = ("record__collection", "record__status")
    list_select_related = ("record",)
    search_fields = (
        "key__folded",
        "label_en__folded",
        "label_ru__folded",
        "holder_en__folded",
        "holder_ru__folded",
        "identifier__folded",
        "record__reference_code__folded",
    )
    autocomplete_fields = ("record", "sources")
    inlines = (CopyImageInline,)

    def guarded_record(self, obj):
        return obj.record if obj is not None else None


class ImageAdminForm(CatalogueForm, ImageForm):
    """An image's own change form: checked upload and derivatives, and the conflict check."""


@admin.register(Image)
class ImageAdmin(PublishedRecordGuard, TranslatedAdmin):
    form = ImageAdminForm
    list_display = (preview, "alt_text", "record", "copy", "position", "width", "height")
    list_display_links = (preview, "alt_text")
    list_filter = ("record__status",)
    list_select_related = ("record", "copy")
    search_fields = (
        "alt_text_en__folded",
        "alt_text_ru__folded",
        "caption_en__folded",
        "caption_ru__folded",
        "record__reference_code__folded",
    )
    autocomplete_fields = ("record", "copy")
    readonly_fields = (preview, "width", "height")

    def guarded_record(self, obj):
        if obj is None:
            return None
        return obj.record if obj.record_id else obj.copy.record

    def get_urls(self):
        preview_url = path(
            "<int:pk>/preview/",
            self.admin_site.admin_view(self.preview_view),
            name="catalogue_image_preview",
        )
        return [preview_url, *super().get_urls()]

    def preview_view(self, request, pk: int):
        """A small size of an image for curators, from wherever its files are: the public
        root, or the private one while its record is a draft (no public address has it)."""
        image = self.get_object(request, str(pk))
        if image is None or not self.has_view_permission(request, image) or not image.tiled:
            raise Http404
        relative = iiif.size_path(image.thumbnail_size)
        for public in (True, False):
            candidate = service.directory(image, public=public) / relative
            if candidate.exists():
                response = FileResponse(candidate.open("rb"), content_type="image/jpeg")
                response["Cache-Control"] = "private, no-store"
                return response
        raise Http404
