"""Fields held in English and Russian (django-modeltranslation adds ``<field>_en``/``_ru``)."""

from modeltranslation.translator import TranslationOptions, register

from . import models


@register(models.Collection)
class CollectionTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("en",)


@register(models.Subject)
class SubjectTranslation(TranslationOptions):
    fields = ("label", "scope_note")
    required_languages = ("en",)


@register(models.Language)
class LanguageTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


@register(models.Source)
class SourceTranslation(TranslationOptions):
    fields = ("note",)


@register(models.Person)
class PersonTranslation(TranslationOptions):
    fields = ("name", "full_name", "birth_place", "death_place", "biography", "birth_date_note")
    required_languages = ("en",)


@register(models.Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "abbreviation", "description", "where_listed")
    required_languages = ("en",)


@register(models.OrganizationSeats)
class OrganizationSeatsTranslation(TranslationOptions):
    fields = ("note",)


@register(models.Event)
class EventTranslation(TranslationOptions):
    fields = ("name", "place", "description")
    required_languages = ("en",)


@register(models.Membership)
class MembershipTranslation(TranslationOptions):
    fields = ("basis",)


@register(models.Record)
class RecordTranslation(TranslationOptions):
    fields = ("title", "description", "extent", "date_note")
    required_languages = ("en",)


@register(models.RecordPerson)
class RecordPersonTranslation(TranslationOptions):
    fields = ("note",)


@register(models.RecordOrganization)
class RecordOrganizationTranslation(TranslationOptions):
    fields = ("note",)


@register(models.RecordRelation)
class RecordRelationTranslation(TranslationOptions):
    fields = ("note",)


@register(models.Copy)
class CopyTranslation(TranslationOptions):
    fields = ("label", "holder", "provenance", "condition", "notes")
    required_languages = ("en",)


@register(models.Image)
class ImageTranslation(TranslationOptions):
    fields = ("alt_text", "caption", "credit")
    required_languages = ("en",)


@register(models.Claim)
class ClaimTranslation(TranslationOptions):
    fields = ("topic", "statement", "note")
    required_languages = ("en",)


@register(models.Tombstone)
class TombstoneTranslation(TranslationOptions):
    fields = ("title", "note")
    required_languages = ("en",)
