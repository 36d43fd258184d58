"""Carrying out an import plan: in bulk, in one transaction, in one revision of the history."""

from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import changes, history, publishing
from ..models import DocumentKind, Organization, Person, Record, RecordPerson, Status
from ..search import index
from .columns import Many
from .context import BATCH, chunked
from .planning import CREATE, UPDATE, ImportPlan


class ImportRefused(Exception):
    """The plan has errors; nothing was written."""


def apply_import(plan: ImportPlan, user=None, comment: str = "", progress=None) -> dict[str, int]:
    """Write what ``plan`` says, all or nothing, and return the counts by action.

    A plan with any error is refused whole. The changes form one revision signed by ``user``,
    commented "Imported from <file>" unless ``comment`` says otherwise.
    """
    if plan.has_errors:
        raise ImportRefused("\n".join(plan.error_messages()))
    if any(row.instance is None for row in plan.rows if row.action in (CREATE, UPDATE)):
        raise ValueError("A plan made without keep_objects can be shown, not applied.")
    creates = [row for row in plan.rows if row.action == CREATE]
    updates = [row for row in plan.rows if row.action == UPDATE]
    comment = comment or _("Imported from %(file)s") % {"file": plan.filename}
    try:
        with transaction.atomic():
            wanted = _hold_status(plan, creates + updates)
            _write_objects(plan, creates, updates)
            _write_deferred(plan, creates + updates)
            for column in plan.kind.columns:
                if isinstance(column, Many) and column.name in plan.columns:
                    changed = [row for row in creates + updates if column.name in row.changes]
                    _write_values(plan, column, changed)
            instances = [row.instance for row in creates + updates]
            _record_history(plan, instances, user, comment, progress)
            _reindex(plan.kind.model, [row.instance.pk for row in creates + updates])
            _publish(plan, wanted, user)
            if plan.kind.model is Record:
                changes.records_changed(row.instance.pk for row in creates + updates)
            else:
                changes.bump()
    except (DataError, IntegrityError) as error:
        # The plan checks what the database checks; should the catalogue have changed between
        # the two, the database's refusal is still a message and the transaction undone.
        raise ImportRefused(
            _("%(file)s: the database refused the import, so nothing was written (%(error)s).")
            % {"file": plan.filename, "error": error}
        ) from None
    return plan.counts


def _hold_status(plan: ImportPlan, rows) -> dict[str, list]:
    """Write records with the status they have; a row's new status is set by ``_publish``.

    Returns the rows by the status they ask for.
    """
    wanted = {Status.PUBLISHED: [], Status.DRAFT: []}
    if plan.kind.model is not Record:
        return wanted
    for row in rows:
        if "status" in row.changes:
            wanted[row.instance.status].append(row)
            row.instance.status = Status.DRAFT if row.action == CREATE else row.changes["status"][0]
    return wanted


def _publish(plan: ImportPlan, wanted: dict[str, list], user) -> None:
    """Publish and withdraw through the one publishing path, which checks readiness again."""
    for status, rows in wanted.items():
        if not rows:
            continue
        records = [row.instance for row in rows]
        if status == Status.PUBLISHED:
            try:
                publishing.publish(records, user=user)
            except publishing.NotReady as error:
                raise ImportRefused(f"{plan.filename}: {error} Nothing was imported.") from None
        else:
            publishing.unpublish(records, user=user)
        for row in rows:
            row.instance.status = status


def _reindex(model, pks: list[int]) -> None:
    """Bring the search index in step: bulk writes send no signals to do it."""
    if not pks:
        return
    if model is Record:
        index.reindex_records(pks)
    elif model is Person:
        index.reindex(DocumentKind.PERSON, pks)
        # A record's document holds the names of its people.
        their_records = RecordPerson.objects.filter(person__in=pks).values_list("record")
        index.reindex_records(pk for (pk,) in their_records.distinct())
    elif model is Organization:
        index.reindex(DocumentKind.ORGANIZATION, pks)


def _update_fields(plan: ImportPlan, rows) -> list[str]:
    model = plan.kind.model
    names = set()
    for row in rows:
        for name in row.changes:
            names.update(plan.kind.column(name).model_fields(model))
    fields = set()
    for name in names:
        field = model._meta.get_field(name)
        fields.add(name)
        # modeltranslation's untranslated column follows the active language's value.
        original = getattr(field, "translated_field", None)
        if original is not None:
            fields.add(original.name)
        # The derived dates and the publication time move with their field.
        earliest = getattr(field, "earliest", None)
        if earliest:
            fields.update((earliest, field.latest))
        if name == "status":
            fields.add("published_at")
    # Even a change of links only (subjects, people) marks the row as updated: the cached
    # facet counts are keyed on the records' latest change.
    if rows and any(field.name == "updated_at" for field in model._meta.concrete_fields):
        fields.add("updated_at")
    return sorted(fields)


def _write_objects(plan: ImportPlan, creates, updates) -> None:
    kind, context = plan.kind, plan.context
    kind.model._base_manager.bulk_create([row.instance for row in creates], batch_size=BATCH)
    if len(kind.key) == 1:
        for row in creates:
            context.remember(kind.model, kind.key[0], row.values[kind.key[0]], row.instance.pk)
    fields = _update_fields(plan, updates)
    if updates and fields:
        now = timezone.now()
        for row in updates:
            row.instance.updated_at = now
        kind.model._base_manager.bulk_update(
            [row.instance for row in updates], fields, batch_size=BATCH
        )


def _write_deferred(plan: ImportPlan, rows) -> None:
    """Set the references to objects that the file itself created (an organization's parent)."""
    waiting = [row for row in rows if row.deferred]
    fields = set()
    for row in waiting:
        for name, value in row.deferred.items():
            column = plan.kind.column(name)
            column.assign(row.instance, value, plan.context)
            fields.add(column.field)
    if waiting:
        plan.kind.model._base_manager.bulk_update(
            [row.instance for row in waiting], sorted(fields), batch_size=BATCH
        )


def _write_values(plan: ImportPlan, column: Many, rows) -> None:
    """Bring a many-valued column's stored rows in line with the file: remove, then add."""
    model, context = plan.kind.model, plan.context
    wanted = {
        row.instance.pk: {column.target(item, context) for item in row.values[column.name]}
        for row in rows
    }
    removed, kept = [], set()
    # Objects created by this import have no stored values to compare with.
    stored = [row.instance.pk for row in rows if row.action == UPDATE]
    for owners in chunked(stored):
        for pk, owner, identity in column.stored_rows(model, owners):
            if identity in wanted[owner]:
                kept.add((owner, identity))
            else:
                removed.append(pk)
    through = column.through(model)[0]
    for pks in chunked(removed):
        through._base_manager.filter(pk__in=pks).delete()
    added = [
        (owner, identity)
        for owner, identities in wanted.items()
        for identity in sorted(identities, key=str)
        if (owner, identity) not in kept
    ]
    column.insert(model, added)


def _record_history(plan: ImportPlan, instances, user, comment: str, progress) -> None:
    history.save_revision(plan.kind.model, instances, user, comment, progress)
