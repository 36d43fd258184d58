"""The catalogue's history: who changed what and when, with a diff, a revert and a recovery.

Built on django-reversion. Every catalogue model is registered; a record's version also keeps
its copies, images, people and organization roles, relations and claims, a person's version
their name variants, an organization's version its declared seats, so reverting or recovering
the record, person or body brings those back too.

Imports, publishing and the admin write revisions inside ``revision(user, comment)``.
"""

import contextlib
import dataclasses
import datetime
import json
from collections import defaultdict

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.encoding import is_protected_type
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator
from reversion.models import Revision, Version

from . import models as catalogue
from .bulk import insert_rows

# What each model's version carries along (reverse relations, by their related names).
FOLLOW: dict[type[models.Model], tuple[str, ...]] = {
    catalogue.Record: ("copies", "images", "people", "organizations", "relations", "claims"),
    catalogue.Copy: ("images",),
    catalogue.Person: ("names",),
    catalogue.Organization: ("seats",),
}
# What the names of followed objects read (for prefetching when many are saved at once).
NAMED_BY: dict[type[models.Model], tuple[str, ...]] = {
    catalogue.RecordPerson: ("person",),
    catalogue.RecordOrganization: ("organization",),
    catalogue.RecordRelation: ("subject", "object"),
    catalogue.Claim: ("source",),
    catalogue.OrganizationSeats: ("organization",),
    catalogue.Membership: ("person", "organization"),
}
REGISTERED = (
    catalogue.Collection,
    catalogue.Language,
    catalogue.Source,
    catalogue.Subject,
    catalogue.Person,
    catalogue.PersonName,
    catalogue.Organization,
    catalogue.OrganizationSeats,
    catalogue.Event,
    catalogue.Membership,
    catalogue.Record,
    catalogue.RecordPerson,
    catalogue.RecordOrganization,
    catalogue.RecordRelation,
    catalogue.Copy,
    catalogue.Image,
    catalogue.Claim,
)


def register_models() -> None:
    """Register the catalogue with django-reversion (called once from the app's ``ready()``)."""
    for model in REGISTERED:
        if not reversion.is_registered(model):
            reversion.register(model, fields=version_fields(model), follow=FOLLOW.get(model, ()))


def version_fields(model: type[models.Model]) -> list[str]:
    """The fields a version keeps: all but modeltranslation's untranslated columns.

    Those hold whichever language was active when saved; ``title_en`` and ``title_ru`` say it
    exactly, and a reverted object's ``title`` follows from them.
    """
    skip = translated_originals(model)
    return [
        field.name
        for field in model._meta.get_fields()
        if (field.concrete or field.many_to_many)
        and not field.auto_created
        and field.name not in skip
    ]


@contextlib.contextmanager
def revision(user=None, comment: str = ""):
    """Group every change made inside the block into one revision signed by ``user``.

    Objects saved through the ORM inside the block are recorded automatically; objects written
    in bulk must be added with ``reversion.add_to_revision(obj)``. The block is atomic.
    """
    with reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(comment)
        yield


def _serialized(model: type[models.Model], objects: list, many: dict) -> list[dict]:
    """What Django's python serializer gives for ``objects``, with many-to-many values read
    beforehand in bulk (the serializer reads them object by object)."""
    label = model._meta.label_lower
    local, related = [], []
    for name in version_fields(model):
        field = model._meta.get_field(name)
        (related if field.many_to_many else local).append(field)
    data = []
    for obj in objects:
        fields = {}
        for field in local:
            value = getattr(obj, field.attname)
            fields[field.name] = value if is_protected_type(value) else field.value_to_string(obj)
        for field in related:
            fields[field.name] = many.get((field.name, obj.pk), [])
        data.append({"model": label, "pk": obj.pk, "fields": fields})
    return data


def _chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _ordering(prefix: str, model: type[models.Model]) -> list[str]:
    """The related model's own ordering, seen from a link table, as the serializer lists it."""
    ordering = []
    for name in [*model._meta.ordering, "pk"]:
        descending = name.startswith("-")
        ordering.append(f"{'-' if descending else ''}{prefix}__{name.lstrip('-')}")
    return ordering


def _many_values(model: type[models.Model], objects: list) -> dict:
    values = defaultdict(list)
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        for chunk in _chunks([obj.pk for obj in objects]):
            pairs = (
                through._base_manager.filter(**{f"{owner}__in": chunk})
                .order_by(*_ordering(target, field.related_model))
                .values_list(f"{owner}_id", f"{target}_id")
            )
            for owner_pk, target_pk in pairs:
                values[(field.name, owner_pk)].append(target_pk)
    return values


def _with_followed(model: type[models.Model], objects: list):
    """(model, objects) for ``objects`` and, level by level, what they carry along."""
    yield model, objects
    for name in FOLLOW.get(model, ()):
        relation = model._meta.get_field(name)
        related = relation.related_model
        found = []
        for chunk in _chunks(objects):
            found.extend(
                related._base_manager.filter(
                    **{f"{relation.field.attname}__in": [obj.pk for obj in chunk]}
                )
                .select_related(*NAMED_BY.get(related, ()))
                .order_by("pk")
            )
        if found:
            yield from _with_followed(related, found)


VERSION_COLUMNS = (
    "revision_id",
    "object_id",
    "content_type_id",
    "db",
    "format",
    "serialized_data",
    "object_repr",
)


def save_revision(
    model: type[models.Model], objects: list, user=None, comment: str = "", progress=None
) -> Revision | None:
    """Write one revision of ``objects`` (of ``model``, saved), and what they carry along.

    For imports of many rows: django-reversion's ``add_to_revision`` copies the revision's
    list of versions on each call and reads related rows object by object, which makes
    100,000 rows take hours. The versions written here are the same as its own.
    """
    if not objects:
        return None
    revision = Revision.objects.create(
        date_created=timezone.now(),
        user=user if user is not None and user.is_authenticated else None,
        comment=comment,
    )
    seen = set()
    for done, chunk in enumerate(_chunks(objects, 1000), start=1):
        versions = []
        for each_model, each in _with_followed(model, chunk):
            content_type = ContentType.objects.get_for_model(each_model)
            fresh = [obj for obj in each if (each_model, obj.pk) not in seen]
            seen.update((each_model, obj.pk) for obj in fresh)
            data = _serialized(each_model, fresh, _many_values(each_model, fresh))
            for obj, item in zip(fresh, data, strict=True):
                versions.append(
                    (
                        revision.pk,
                        str(obj.pk),
                        content_type.pk,
                        obj._state.db or "default",
                        "json",
                        json.dumps([item], cls=DjangoJSONEncoder),
                        str(obj),
                    )
                )
        insert_rows(Version, VERSION_COLUMNS, versions)
        if progress is not None:
            progress(min(done * 1000, len(objects)), len(objects))
    return revision


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


def translated_originals(model: type[models.Model]) -> set[str]:
    # modeltranslation keeps the untranslated column too; the _en/_ru fields say it better.
    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


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
    with transaction.atomic(), revision(user, comment):
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


def publish(records, user) -> int:
    """Publish the drafts among ``records`` in one revision; returns how many changed."""
    return _set_status(records, user, publish=True)


def unpublish(records, user) -> int:
    """Return published records to draft in one revision; returns how many changed."""
    return _set_status(records, user, publish=False)


def _set_status(records, user, publish: bool) -> int:
    with transaction.atomic():
        changing = records.drafts() if publish else records.published()
        pks = list(changing.values_list("pk", flat=True))
        count = changing.publish() if publish else changing.unpublish()
        changed = list(catalogue.Record.objects.filter(pk__in=pks))
        save_revision(
            catalogue.Record, changed, user, _("Published") if publish else _("Unpublished")
        )
    return count
