"""The catalogue's history: who changed what and when, with a diff, a revert and a recovery.

Built on django-reversion. Every catalogue model is registered; a record's version also keeps
its copies, images, people and organization roles, relations and claims, a person's version
their name variants, an organization's version its declared seats, so reverting or recovering
the record, person or body brings those back too.

Imports and the admin write revisions inside ``revision(user, comment)``; publishing and
withdrawing (``catalogue.publishing``) write their own, and a revert or recovery that would
change whether a record is public goes through it too.
"""

import dataclasses
import datetime

import reversion
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from reversion.models import Version

from .. import models as catalogue

# The history's whole interface is importable from here, as it was from one module.
from .bulk import save_revision  # noqa: F401
from .registry import (  # noqa: F401
    FOLLOW,
    NAMED_BY,
    REGISTERED,
    register_models,
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


def _followed_versions(version: Version) -> list[Version]:
    """The versions in ``version``'s revision of the objects it carries along (its copies...)."""
    found = [version]
    for name in FOLLOW.get(version._model, ()):
        relation = version._model._meta.get_field(name)
        related_model = relation.related_model
        attname = relation.field.attname
        # The text test narrows an import's large revision down before anything is decoded.
        candidates = version.revision.version_set.get_for_model(related_model).filter(
            serialized_data__contains=f'"{relation.field.name}": {version.object_id}'
        )
        for candidate in candidates:
            if str(candidate.field_dict.get(attname)) == version.object_id:
                found.extend(_followed_versions(candidate))
    return found


def carried_along(version: Version) -> list[Version]:
    """The versions that reverting or recovering ``version`` brings back with it."""
    return _followed_versions(version)[1:]


def _file_exists(version: Version) -> bool:
    image = version._object_version.object
    return bool(image.file) and image.file.storage.exists(image.file.name)


def _restore(version: Version, user, comment: str) -> models.Model:
    """Revert ``version`` and what it carries along; a record's status moves only through
    ``catalogue.publishing``, which refuses (``NotReady``, nothing restored) a record that
    would be published without what publication needs."""
    with transaction.atomic():
        obj = _restore_as_is(version, user, comment)
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


def _restore_as_is(version: Version, user, comment: str) -> models.Model:
    """Revert everything but a record's status and publication time, which stay as they are."""
    kept = None
    if version._model is catalogue.Record:
        kept = (
            catalogue.Record.objects.filter(pk=version.object_id)
            .values_list("status", "published_at")
            .first()
        ) or (catalogue.Status.DRAFT, None)
    with revision(user, comment):
        main, *followed = _followed_versions(version)
        main.revert()
        for item in followed:
            if item._model is catalogue.Image and not _file_exists(item):
                continue  # its file was removed with it; an image without a file is no image
            try:
                with transaction.atomic():
                    item.revert()
            except IntegrityError:
                # The same role or copy was added again since, under another id: keep that one.
                continue
        obj = version._model._base_manager.get(pk=version.object_id)
        if kept is not None:
            obj.status, obj.published_at = kept
        # A plain save refreshes "last updated" and the derived dates, and records the result.
        obj.save()
        return obj


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
    """Bring a deleted object back, with the copies, roles and variants it carried along."""
    return _restore(version, user, _("Recovered %(object)s") % {"object": version.object_repr})


def delete(obj: models.Model, user, comment: str = "") -> None:
    """Delete ``obj`` after saving its current state, so that it can be recovered.

    django-reversion keeps no version of an object that no longer exists at the end of a
    revision, so the snapshot is committed first and the object is deleted afterwards.
    """
    with transaction.atomic():
        with revision(user, comment or _("Deleted %(object)s") % {"object": obj}):
            reversion.add_to_revision(obj)
        obj.delete()


def delete_all(queryset, user, comment: str = "") -> int:
    """Delete every object of ``queryset`` after saving their state in one revision."""
    with transaction.atomic():
        objects = list(queryset)
        with revision(user, comment or _("Deleted %(count)d objects") % {"count": len(objects)}):
            for obj in objects:
                reversion.add_to_revision(obj)
        deleted, _per_model = queryset.model._base_manager.filter(
            pk__in=[obj.pk for obj in objects]
        ).delete()
    return deleted
