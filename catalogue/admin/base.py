"""What every catalogue admin shares: facets, save buttons on top, read-only timestamps,
edit-conflict detection, autocomplete widgets that keep the query count constant, and the
history: every save, delete and publication is a revision (see ``versions``), and no
deletion that cuts published records' links without a curator's say (see ``deletion``)."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from catalogue import changes

from .deletion import DeletionMixin
from .forms import CatalogueForm
from .versions import HistoryMixin
from .widgets import KnownAutocompleteSelect, KnownAutocompleteSelectMultiple, KnownChoicesForm

TIMESTAMPS = ("created_at", "updated_at")


class KnownAutocompleteMixin:
    """Use the autocomplete widgets that can render choices already loaded on the instance."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class EmptyToFieldMixin:
    """Django's change and delete pages take an empty ``?_to_field=`` for a field named "",
    which does not exist (a 500): an empty one names no field, as when it is not sent."""

    def get_object(self, request, object_id, from_field=None):
        return super().get_object(request, object_id, from_field or None)


class CatalogueAdmin(
    EmptyToFieldMixin, DeletionMixin, HistoryMixin, KnownAutocompleteMixin, admin.ModelAdmin
):
    """The base of every catalogue ModelAdmin."""

    form = CatalogueForm
    save_on_top = True
    show_facets = admin.ShowFacets.ALWAYS
    list_per_page = 50
    # A web address typed without a scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def response_action(self, request, queryset):
        # Django filters on the ticked rows' keys as sent: one that is not a key would raise.
        try:
            for key in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                self.model._meta.pk.to_python(key)
        except ValidationError:
            self.message_user(
                request, _("The ticked rows could not be read; tick them again."), messages.ERROR
            )
            return None
        return super().response_action(request, queryset)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A renamed person or a new image changes what the public lists show.
        changes.bump()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        changes.bump()

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        stamps = [name for name in TIMESTAMPS if hasattr(self.model, name)]
        return readonly + [name for name in stamps if name not in readonly]


class TranslatedAdmin(CatalogueAdmin, TranslationAdmin):
    """A catalogue admin for a model with fields in English and Russian (``title_en``)."""


class CatalogueInline(KnownAutocompleteMixin, admin.TabularInline):
    form = KnownChoicesForm
    extra = 0
    show_change_link = True


class TranslatedInline(KnownAutocompleteMixin, TranslationTabularInline):
    form = KnownChoicesForm
    extra = 0
    show_change_link = True
