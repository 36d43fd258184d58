"""Collections, subjects, sources and languages: the terms records are arranged and indexed by."""

from django.contrib import admin

from catalogue.models import Collection, Language, Source, Subject

from .base import TranslatedAdmin


@admin.register(Collection)
class CollectionAdmin(TranslatedAdmin):
    list_display = ("reference_code", "title", "level", "parent")
    list_display_links = ("reference_code", "title")
    list_filter = ("level",)
    list_select_related = ("parent",)
    search_fields = ("reference_code__folded", "title_en__folded", "title_ru__folded")
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("reference_code",)}


@admin.register(Subject)
class SubjectAdmin(TranslatedAdmin):
    list_display = ("label", "slug")
    search_fields = ("slug__folded", "label_en__folded", "label_ru__folded")
    prepopulated_fields = {"slug": ("label",)}


@admin.register(Source)
class SourceAdmin(TranslatedAdmin):
    list_display = ("key", "title", "kind", "title_is_description", "author", "date")
    search_fields = ("key__folded", "title__folded", "author__folded")
    readonly_fields = ("date_earliest", "date_latest")


@admin.register(Language)
class LanguageAdmin(TranslatedAdmin):
    list_display = ("code", "name")
    search_fields = ("code__folded", "name_en__folded", "name_ru__folded")
