"""Versions written in bulk: many objects saved at once become one revision quickly.

reversion's own ``add_to_revision`` slows down as one revision grows; this writes the same
versions with a few statements per thousand objects.
"""

import json
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.encoding import is_protected_type
from reversion.models import Revision, Version

from ..bulk import insert_rows
from .registry import FOLLOW, LINKS, NAMED_BY, link_name, version_fields


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


def _new_revision(user, comment: str) -> Revision:
    return Revision.objects.create(
        date_created=timezone.now(),
        user=user if user is not None and user.is_authenticated else None,
        comment=comment,
    )


def _write_versions(revision: Revision, groups, seen: set) -> None:
    """Write a version of each object of ``groups`` ((model, objects) pairs) not yet ``seen``."""
    versions = []
    for model, objects in groups:
        content_type = ContentType.objects.get_for_model(model)
        fresh = [obj for obj in objects if (model, obj.pk) not in seen]
        seen.update((model, obj.pk) for obj in fresh)
        data = _serialized(model, fresh, _many_values(model, fresh))
        name = link_name if model in LINKS else str
        for obj, item in zip(fresh, data, strict=True):
            versions.append(
                (
                    revision.pk,
                    str(obj.pk),
                    content_type.pk,
                    obj._state.db or "default",
                    "json",
                    json.dumps([item], cls=DjangoJSONEncoder),
                    name(obj),
                )
            )
    insert_rows(Version, VERSION_COLUMNS, versions)


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
    revision = _new_revision(user, comment)
    seen = set()
    for done, chunk in enumerate(_chunks(objects, 1000), start=1):
        _write_versions(revision, _with_followed(model, chunk), seen)
        if progress is not None:
            progress(min(done * 1000, len(objects)), len(objects))
    return revision


def save_deletion(
    model: type[models.Model], objects: list, removed: list, user=None, comment: str = ""
) -> Revision:
    """Write one revision of ``objects`` about to be deleted and of every row their deletion
    removes (``removed``: (foreign key, rows) pairs), links to records included."""
    revision = _new_revision(user, comment)
    groups = [(model, objects), *((field.model, rows) for field, rows in removed)]
    _write_versions(revision, groups, set())
    return revision
