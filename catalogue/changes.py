"""What every write to records and their links calls, inside its own transaction.

``records_changed(pks)`` moves the change marker (the key of the cached facet counts: one
row read by primary key, whatever the size of the collection) and brings the facet counts
table (``catalogue.facet_counts``) in step with those records. Saves and deletions of
records and their links reach it through the signals below; the bulk writers call it
themselves: ``catalogue.publishing`` (publish and withdraw), imports (``catalogue.transfer``),
fixture loading and ``generate_records``.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import facet_counts
from .models import ChangeMarker


def version() -> int:
    """The change marker's version: it moves with every write to records (one query)."""
    return ChangeMarker.objects.filter(pk=1).values_list("version", flat=True).first() or 0


def bump() -> None:
    """Move the change marker; the row is made on the first write."""
    now = timezone.now()
    with transaction.atomic():
        if not ChangeMarker.objects.filter(pk=1).update(version=F("version") + 1, changed_at=now):
            ChangeMarker.objects.create(pk=1, version=1, changed_at=now)


def records_changed(pks: Iterable[int]) -> None:
    """Records ``pks`` were saved, published, withdrawn, deleted or relinked."""
    with transaction.atomic():
        facet_counts.refresh(pks)
        bump()


def everything_changed() -> None:
    """After a bulk load that bypassed the saving path: recount and move the marker."""
    with transaction.atomic():
        facet_counts.rebuild()
        bump()


# Saves and deletions one at a time (the admin, the history's revert, recovery and
# deletions, the shell) reach the counts through signals, as they reach the search index:
# the counts are derived data and must follow every save path. ``update()`` and
# ``bulk_create()`` send none, so publishing, imports and bulk loaders call
# ``records_changed()`` or ``everything_changed()`` themselves; nor does the cascade that
# removes many-to-many links with a subject or a language, so ``history.delete_all`` does.


def _record_written(sender, instance, raw=False, **kwargs):
    if not raw:
        records_changed([instance.pk])


def _link_written(sender, instance, raw=False, origin=None, **kwargs):
    from .models import Record

    deleted_with_record = isinstance(origin, Record) or getattr(origin, "model", None) is Record
    if not raw and not deleted_with_record:
        records_changed([instance.record_id])


def _links_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        records_changed([instance.pk])
    elif pk_set:
        records_changed(pk_set)
    else:
        # A subject or language cleared of every record: which ones is no longer known.
        everything_changed()


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from .models import Record, RecordOrganization, RecordPerson

    uid = "catalogue.changes."
    post_save.connect(_record_written, sender=Record, dispatch_uid=uid + "record")
    post_delete.connect(_record_written, sender=Record, dispatch_uid=uid + "record")
    for model in (RecordPerson, RecordOrganization):
        name = uid + model._meta.model_name
        post_save.connect(_link_written, sender=model, dispatch_uid=name)
        post_delete.connect(_link_written, sender=model, dispatch_uid=name)
    for through in (Record.subjects.through, Record.languages.through):
        name = uid + "m2m." + through._meta.model_name
        m2m_changed.connect(_links_changed, sender=through, dispatch_uid=name)
