"""The catalogue's history: who changed what and when, with a diff, a revert and a recovery.

Built on django-reversion. Every catalogue model is registered; a record's version also keeps
its copies, images, people and organization roles, relations and claims, a person's version
their name variants, an organization's version its declared seats, so reverting or recovering
the record, person or body brings those back too.

A deletion's revision keeps everything the deletion removes, the rows of the link tables
included (a subject's links to records): recovering the subject gives the records it back.

Imports and the admin write revisions inside ``revision(user, comment)``; publishing and
withdrawing (``catalogue.publishing``) write their own, and a revert or recovery that would
change whether a record is public goes through it too.
"""

import dataclasses
import datetime

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from reversion.models import Version

from .. import changes
from .. import models as catalogue
from ..images import service as images

# The history's whole interface is importable from here, as it was from one module.
from .bulk import save_deletion, save_revision  # noqa: F401
from .registry import (  # noqa: F401
    FOLLOW,
    LINKS,
    NAMED_BY,
    REGISTERED,
    cascading,
    create_link_content_types,
    followed,
    register_models,
    removed_with,
    revision,
    translated_originals,
    version_fields,
)


@dataclasses.dataclass(frozen=True)
class Entry:
    version: Version
    user: object
    date: datetime.datetime
    comment: str


def versions_of(obj: models.Model) -> list[Entry]:
    """The object's saved versions, newest first: who, when and why."""
    versions = Version.objects.get_for_object(obj).select_related("revision__user")
    return [
        Entry(
            version, version.revision.user, version.revision.date_created, version.revision.comment
        )
        for version in versions
    ]


def _shown(model: type[models.Model], field: models.Field, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(field, models.ManyToManyField):
        related = field.remote_field.model._base_manager.filter(pk__in=value)
        return ", ".join(sorted(str(item) for item in related))
    if isinstance(field, models.ForeignKey):
        item = field.remote_field.model._base_manager.filter(pk=value).first()
        return str(item) if item is not None else _("(deleted, id %(pk)s)") % {"pk": value}
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def diff(version_a: Version, version_b: Version) -> list[tuple[str, str, str]]:
    """Field by field, what changed from ``version_a`` to ``version_b``.

    Returns ``(field verbose name, old, new)`` for each editable field that differs, with
    translated fields under their own names ("title [ru]") and related objects by name.
    """
    return _field_changes(version_a._model, version_a.field_dict, version_b.field_dict)


def changes_to_revert(version: Version, obj: models.Model) -> list[tuple[str, str, str]]:
    """What reverting ``obj`` to ``version`` would change: ``(field, now, then)``."""
    current = {}
    for name in version_fields(type(obj)):
        field = obj._meta.get_field(name)
        if field.many_to_many:
            current[field.attname] = list(
                getattr(obj, name).values_list("pk", flat=True).order_by()
            )
        else:
            current[field.attname] = getattr(obj, field.attname)
    return _field_changes(type(obj), current, version.field_dict)


def _field_changes(model: type[models.Model], old: dict, new: dict) -> list[tuple[str, str, str]]:
    skip = translated_originals(model)
    changes = []
    for field in model._meta.get_fields():
        if not getattr(field, "editable", False) or field.name in skip or field.primary_key:
            continue
        if field.auto_created or not (field.concrete or field.many_to_many):
            continue
        before, after = old.get(field.attname), new.get(field.attname)
        if field.many_to_many:
            before, after = sorted(before or []), sorted(after or [])
        if before != after:
            changes.append(
                (str(field.verbose_name), _shown(model, field, before), _shown(model, field, after))
            )
    return changes


def _followed_versions(version: Version, foreign_keys=followed) -> list[Version]:
    """The versions in ``version``'s revision of the objects it carries along (its copies...):
    those whose ``foreign_keys(model)`` point to it, and theirs in turn."""
    found = [version]
    for field in foreign_keys(version._model):
        # The text test narrows an import's large revision down before anything is decoded.
        candidates = version.revision.version_set.get_for_model(field.model).filter(
            serialized_data__contains=f'"{field.name}": {version.object_id}'
        )
        for candidate in candidates:
            if str(candidate.field_dict.get(field.attname)) == version.object_id:
                found.extend(_followed_versions(candidate, foreign_keys))
    return found


def carried_along(version: Version) -> list[Version]:
    """The versions that reverting ``version`` brings back with it."""
    return _followed_versions(version)[1:]


def recovered_along(version: Version) -> list[Version]:
    """The versions that recovering the deleted object of ``version`` brings back with it:
    what its deletion removed (copies, name variants, links to records...)."""
    return _followed_versions(version, cascading)[1:]


def _file_exists(version: Version) -> bool:
    image = version._object_version.object
    return bool(image.file) and image.file.storage.exists(image.file.name)


def _targets_exist(version: Version) -> bool:
    """Whether what ``version`` points to still exists (a linked record may be deleted since)."""
    for field in version._model._meta.concrete_fields:
        value = version.field_dict.get(field.attname) if field.is_relation else None
        if value is not None and not field.related_model._base_manager.filter(pk=value).exists():
            return False
    return True


def _restore(version: Version, user, comment: str, foreign_keys=followed) -> models.Model:
    """Revert ``version`` and what it carries along; a record's status moves only through
    ``catalogue.publishing``, which refuses (``NotReady``, nothing restored) a record that
    would be published without what publication needs."""
    with transaction.atomic():
        obj = _restore_as_is(version, user, comment, foreign_keys)
        if isinstance(obj, catalogue.Record):
            _publish_as_kept(obj, version, user)
        return obj


def _publish_as_kept(record, version: Version, user) -> None:
    from .. import publishing

    records = catalogue.Record.objects.filter(pk=record.pk)
    if version.field_dict.get("status") == catalogue.Status.PUBLISHED:
        publishing.publish(records, user=user)
    else:
        publishing.unpublish(records, user=user)
    record.refresh_from_db()


def _restore_as_is(version: Version, user, comment: str, foreign_keys) -> models.Model:
    """Revert everything but a record's status and publication time, which stay as they are."""
    kept = None
    if version._model is catalogue.Record:
        kept = (
            catalogue.Record.objects.filter(pk=version.object_id)
            .values_list("status", "published_at")
            .first()
        ) or (catalogue.Status.DRAFT, None)
    with revision(user, comment):
        main, *carried = _followed_versions(version, foreign_keys)
        main.revert()
        for item in carried:
            if item._model is catalogue.Image and not _file_exists(item):
                continue  # its file was removed with it; an image without a file is no image
            if not _targets_exist(item):
                continue  # the record it linked to was deleted since
            try:
                with transaction.atomic():
                    item.revert()
            except IntegrityError:
                # The same role or copy was added again since, under another id: keep that one.
                continue
        _process_images([main, *carried])
        obj = version._model._base_manager.get(pk=version.object_id)
        if kept is not None:
            obj.status, obj.published_at = kept
        # A plain save refreshes "last updated" and the derived dates, and records the result.
        obj.save()
        return obj


def _process_images(versions: list[Version]) -> None:
    """Have the image service make again the tiles and sizes of each restored image from its
    restored original (which may have been replaced since); an image whose original is gone
    is left as is."""
    pks = [item.object_id for item in versions if item._model is catalogue.Image]
    for image in catalogue.Image._base_manager.filter(pk__in=pks).order_by("pk"):
        if image.file and image.file.storage.exists(image.file.name):
            images.process(image, force=True)


def revert(version: Version, user) -> models.Model:
    """Bring the object (and what it carries along) back to ``version``; returns the object.

    Copies, roles or images added since stay: a revert restores, it does not delete.
    """
    comment = _("Reverted to the version of %(date)s") % {
        "date": version.revision.date_created.strftime("%Y-%m-%d %H:%M")
    }
    return _restore(version, user, comment)


def deleted_versions(model: type[models.Model]) -> list[Version]:
    """The last version of each deleted object of ``model``, newest first."""
    return list(Version.objects.get_deleted(model).select_related("revision__user").order_by("-pk"))


def recover(version: Version, user) -> models.Model:
    """Bring a deleted object back with what its deletion removed: copies, roles, variants,
    and the links of records to it."""
    comment = _("Recovered %(object)s") % {"object": version.object_repr}
    return _restore(version, user, comment, cascading)


def delete(obj: models.Model, user, comment: str = "") -> None:
    """Delete ``obj`` after saving its current state, so that it can be recovered."""
    comment = comment or _("Deleted %(object)s") % {"object": obj}
    delete_all(type(obj)._base_manager.filter(pk=obj.pk), user, comment)


def delete_all(queryset, user, comment: str = "") -> int:
    """Delete every object of ``queryset`` after saving, in one revision, their state and
    that of everything the deletion removes with them (their links to records included).

    django-reversion keeps no version of an object that no longer exists at the end of a
    revision, so the snapshot is written first and the objects are deleted afterwards.
    """
    with transaction.atomic():
        model = queryset.model
        objects = list(queryset)
        if not objects:
            return 0
        removed = list(removed_with(model, objects))
        comment = comment or _("Deleted %(count)d objects") % {"count": len(objects)}
        save_deletion(model, objects, removed, user, comment)
        for image in _images(model, objects, removed):
            images.delete_files(image)  # once the deletion is committed
        deleted, _per_model = model._base_manager.filter(
            pk__in=[obj.pk for obj in objects]
        ).delete()
        # Django sends no signal for the many-to-many links it removes (a subject's).
        changes.records_changed(
            row.record_id
            for field, rows in removed
            if field.model._meta.auto_created
            for row in rows
            if hasattr(row, "record_id")
        )
    return deleted


def _images(model: type[models.Model], objects: list, removed: list) -> list:
    """The images among ``objects`` and what their deletion removes with them."""
    found = list(objects) if model is catalogue.Image else []
    for field, rows in removed:
        if field.model is catalogue.Image:
            found.extend(rows)
    return found
