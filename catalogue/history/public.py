"""A record's public history: when it was first published and which of its fields changed in
public since, read from the versions the catalogue keeps.

Only versions saved while the record was published count, so a draft's wording never shows;
who made a change and why (the revision's user and comment) stay in the admin.
"""

import dataclasses
import datetime

from django.conf import settings
from django.db import router
from django.utils import timezone
from reversion.errors import RevertError
from reversion.models import Version

from ..models import Record, Status
from ..models.prepared import PreparedQuery
from .registry import translated_originals

# Kept by the catalogue for itself: the state, derived sort dates, timestamps.
NOT_PUBLIC = frozenset({"status", "published_at", "date_earliest", "date_latest"})


@dataclasses.dataclass(frozen=True)
class PublicChange:
    date: datetime.date
    fields: tuple[str, ...]

    @property
    def anchor(self) -> str:
        """The page fragment of this version's line in the history: its permanent link."""
        if not self.fields:
            return f"published-{self.date:%Y-%m-%d}"
        return f"version-{self.date:%Y-%m-%d}"


@dataclasses.dataclass(frozen=True)
class PublicHistory:
    first_published: datetime.date | None
    changes: tuple[PublicChange, ...]

    @property
    def current(self) -> PublicChange | None:
        """The version a reader sees now: the last public change, or the first publication."""
        if self.changes:
            return self.changes[-1]
        return self.first

    @property
    def first(self) -> PublicChange | None:
        if self.first_published is None:
            return None
        return PublicChange(self.first_published, ())


def _field_label(field) -> str:
    original = getattr(field, "translated_field", None)
    if original is None:
        return str(field.verbose_name)
    language = dict(settings.LANGUAGES)[field.language]
    return f"{original.verbose_name} ({language})"


def _public_fields() -> list:
    skip = translated_originals(Record) | NOT_PUBLIC
    return [
        field
        for field in Record._meta.get_fields()
        if getattr(field, "editable", False)
        and not field.primary_key
        and not field.auto_created
        and (field.concrete or field.many_to_many)
        and field.name not in skip
    ]


def _changed(fields, before: dict, after: dict) -> tuple[str, ...]:
    labels = []
    for field in fields:
        old, new = before.get(field.attname), after.get(field.attname)
        if field.many_to_many:
            old, new = sorted(old or []), sorted(new or [])
        if old != new and (old or new):
            labels.append(_field_label(field))
    return tuple(labels)


def _versions(key):
    # The content type by a join, not from its cache: the same query whether or not it is warm.
    return Version.objects.filter(
        content_type__app_label=Record._meta.app_label,
        content_type__model=Record._meta.model_name,
        object_id=str(key),
    )


VERSIONS = PreparedQuery(
    lambda key: _versions(key).select_related("revision").order_by("revision__date_created", "pk")
)


def public_history(record: Record) -> PublicHistory:
    """The record's first publication and its later public changes, a day at a time, oldest
    first. One query, however many versions there are."""
    versions = VERSIONS(record.pk, router.db_for_read(Version))
    fields = _public_fields()
    first_published = None
    previous = None
    by_day: dict[datetime.date, list[str]] = {}
    for version in versions:
        try:
            data = version.field_dict
        except RevertError:
            # A version from before a change of the model's fields: nothing to compare.
            continue
        if data.get("status") != Status.PUBLISHED:
            continue
        day = timezone.localdate(version.revision.date_created)
        if previous is None:
            first_published = day
        else:
            changed = _changed(fields, previous, data)
            if changed:
                labels = by_day.setdefault(day, [])
                labels.extend(label for label in changed if label not in labels)
        previous = data
    if first_published is None and record.published_at:
        first_published = timezone.localdate(record.published_at)
    changes = tuple(PublicChange(day, tuple(labels)) for day, labels in by_day.items())
    return PublicHistory(first_published, changes)
