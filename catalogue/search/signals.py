"""Index upkeep: rewrite search documents when what they are made of is saved or deleted.

Signals rather than ``save()`` overrides because this is not domain logic: the documents
are derived data of a secondary store, they must follow every save path (admin, fixtures,
imports with ``raw=True``, shell), and the models should not know the search exists.
Deleting an object deletes its document through the one-to-one ``CASCADE``; bulk
``update()`` and ``bulk_create()`` send no signals, so ``catalogue.publishing`` tells the
index itself and bulk loaders call ``index.reindex()`` or ``rebuild_search_index``.
"""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save

from ..models import DocumentKind, Event, Organization, Person, PersonName, Record, RecordPerson
from . import index


def _deleted_with(origin, model) -> bool:
    """Whether a cascade from deleting ``model`` rows caused this deletion."""
    if isinstance(origin, QuerySet):
        return origin.model is model
    return isinstance(origin, model)


def record_saved(sender, instance, **kwargs):
    index.reindex_records([instance.pk])


def person_saved(sender, instance, **kwargs):
    before = index.person_terms(instance.pk)
    index.reindex(DocumentKind.PERSON, [instance.pk])
    if before != index.person_terms(instance.pk):
        index.reindex_records(
            Record.objects.filter(people__person=instance).values_list("pk", flat=True)
        )


def person_name_changed(sender, instance, origin=None, **kwargs):
    if _deleted_with(origin, Person):
        return
    index.reindex_person(instance.person)


def record_person_changed(sender, instance, origin=None, **kwargs):
    if _deleted_with(origin, Record):
        return
    index.reindex_records([instance.record_id])


def organization_saved(sender, instance, **kwargs):
    index.reindex(DocumentKind.ORGANIZATION, [instance.pk])


def event_saved(sender, instance, **kwargs):
    index.reindex(DocumentKind.EVENT, [instance.pk])


def connect() -> None:
    uid = "catalogue.search."
    post_save.connect(record_saved, sender=Record, dispatch_uid=uid + "record")
    post_save.connect(person_saved, sender=Person, dispatch_uid=uid + "person")
    post_save.connect(person_name_changed, sender=PersonName, dispatch_uid=uid + "name")
    post_delete.connect(person_name_changed, sender=PersonName, dispatch_uid=uid + "name")
    post_save.connect(record_person_changed, sender=RecordPerson, dispatch_uid=uid + "part")
    post_delete.connect(record_person_changed, sender=RecordPerson, dispatch_uid=uid + "part")
    post_save.connect(organization_saved, sender=Organization, dispatch_uid=uid + "body")
    post_save.connect(event_saved, sender=Event, dispatch_uid=uid + "event")
