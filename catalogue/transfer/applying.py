"""Carrying out an import plan: in bulk, in one transaction, in one revision of the history."""

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import history
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
    creates = [row for row in plan.rows if row.action == CREATE]
    updates = [row for row in plan.rows if row.action == UPDATE]
    comment = comment or _("Imported from %(file)s") % {"file": plan.filename}
    with transaction.atomic(), history.revision(user, comment):
        _write_objects(plan, creates, updates)
        _write_deferred(plan, creates + updates)
        for column in plan.kind.columns:
            if isinstance(column, Many) and column.name in plan.columns:
                _write_values(
                    plan, column, [row for row in creates + updates if column.name in row.changes]
                )
        _record_history(plan, [row.instance for row in creates + updates], progress)
    return plan.counts


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
    if fields and any(field.name == "updated_at" for field in model._meta.concrete_fields):
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
    for owners in chunked(list(wanted)):
        for pk, owner, identity in column.stored_rows(model, owners):
            if identity in wanted[owner]:
                kept.add((owner, identity))
            else:
                removed.append(pk)
    through = column.through(model)[0]
    for pks in chunked(removed):
        through._base_manager.filter(pk__in=pks).delete()
    added = [
        column.new_row(model, owner, identity)
        for owner, identities in wanted.items()
        for identity in sorted(identities, key=str)
        if (owner, identity) not in kept
    ]
    through._base_manager.bulk_create(added, batch_size=BATCH)


def _prefetch_paths(model, prefix: str = "") -> list[str]:
    """What a version of ``model`` reads: its many-to-many fields and what it carries along."""
    paths = [f"{prefix}{field.name}" for field in model._meta.many_to_many]
    for name in history.FOLLOW.get(model, ()):
        paths.append(f"{prefix}{name}")
        related = model._meta.get_field(name).related_model
        paths.extend(_prefetch_paths(related, f"{prefix}{name}__"))
    return paths


def _record_history(plan: ImportPlan, instances, progress) -> None:
    """Add what changed to the revision, reading related rows in batches, not one by one."""
    model = plan.kind.model
    paths = _prefetch_paths(model)
    pks = [instance.pk for instance in instances]
    for done, chunk in enumerate(chunked(pks, 2000), start=1):
        for instance in model._base_manager.filter(pk__in=chunk).prefetch_related(*paths):
            reversion.add_to_revision(instance)
        if progress is not None:
            progress(min(done * 2000, len(pks)), len(pks))
