"""Checks across rows: what the database would refuse, found before anything is written.

Each unique field and unique constraint of the model is checked within the file and against
the stored objects, and text is compared without regard to case (a slug ``Khrushchev`` next
to a stored ``khrushchev`` is a mistake, not a new person). A model that refers to itself (an
organization's parent) may not form a cycle, through the file's rows or the stored ones.
"""

from django.db import models
from django.utils.translation import gettext as _

from .columns import Reference

WRITING = ("create", "update")


def unique_sets(model) -> list[tuple[tuple[str, ...], models.Q | None]]:
    """Every set of fields the database keeps unique, with the condition it applies under."""
    sets = [
        ((field.name,), None)
        for field in model._meta.concrete_fields
        if field.unique and not field.primary_key
    ]
    sets += [(tuple(fields), None) for fields in model._meta.unique_together]
    sets += [
        (tuple(constraint.fields), constraint.condition)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields
    ]
    return sets


def _folded(values: tuple) -> tuple:
    return tuple(value.lower() if isinstance(value, str) else value for value in values)


def _satisfies(condition: models.Q | None, instance) -> bool:
    """Whether a constraint's condition holds for an unsaved object."""
    if condition is None:
        return True
    against = {
        field.name: getattr(instance, field.attname) for field in instance._meta.concrete_fields
    }
    return condition.check(against)


def check_unique(plan) -> None:
    """Mark rows whose values another row, or a stored object, already holds."""
    kind = plan.kind
    writing = [row for row in plan.rows if row.action in WRITING and row.instance is not None]
    if not writing:
        return
    for names, condition in unique_sets(kind.model):
        fields = [kind.model._meta.get_field(name) for name in names]
        attnames = [field.attname for field in fields]
        stored = {}
        queryset = kind.model._base_manager.all()
        if condition is not None:
            queryset = queryset.filter(condition)
        for *values, pk in queryset.values_list(*attnames, "pk").iterator(chunk_size=2000):
            stored[_folded(tuple(values))] = (pk, tuple(values))
        columns = ", ".join(dict.fromkeys(kind.column_for_field(name) for name in names))
        seen: dict[tuple, tuple] = {}
        for row in writing:
            values = tuple(getattr(row.instance, attname) for attname in attnames)
            if None in values:
                continue
            folded = _folded(values)
            message = _unique_error(kind, row, values, folded, stored, seen, condition)
            if message:
                row.errors.append((columns, message))
                row.action = "error"


def _unique_error(kind, row, values, folded, stored, seen, condition) -> str:
    shown = " / ".join(str(value) for value in values)
    if folded in seen:
        first, first_values = seen[folded]
        if _satisfies(condition, row.instance):
            return _(
                "rows %(first)s and %(second)s both give “%(value)s”, which must be unique; "
                "keep one of them."
            ) % {"first": first, "second": row.number, "value": shown}
        return ""
    seen[folded] = (row.number, values)
    if folded not in stored or stored[folded][0] == row.instance.pk:
        return ""
    if not _satisfies(condition, row.instance):
        return ""
    other_pk, other_values = stored[folded]
    other = kind.model._base_manager.get(pk=other_pk)
    if other_values != values:
        return _(
            "“%(value)s” differs only in case from “%(other)s” of %(object)s; "
            "write it as stored, or choose another."
        ) % {"value": shown, "other": " / ".join(map(str, other_values)), "object": other}
    return _("“%(value)s” already belongs to %(object)s; it must be unique.") % {
        "value": shown,
        "object": other,
    }


def cycles(parents: dict) -> list[list]:
    """The cycles of a graph in which each node has at most one parent."""
    state: dict = {}
    found = []
    for start in parents:
        path = []
        node = start
        while node is not None and node not in state:
            state[node] = "on path"
            path.append(node)
            node = parents.get(node)
        if node is not None and state[node] == "on path":
            found.append(path[path.index(node) :])
        for visited in path:
            state[visited] = "done"
    return found


def check_cycles(plan) -> None:
    """Mark rows that would make an object part of itself (A in B in A; A in A)."""
    kind = plan.kind
    model = kind.model
    references = [
        column
        for column in kind.columns
        if isinstance(column, Reference) and column.model is model and column.name in plan.columns
    ]
    if len(kind.key) != 1:
        return
    for column in references:
        parent_path = f"{column.field}__{column.key}"
        parents = dict(model._base_manager.values_list(column.key, parent_path).iterator())
        rows = {}
        # Every row whose cells could be read, so that a row refused for another reason
        # still shows the cycle it would make.
        for row in plan.rows:
            if column.name in row.values and kind.key[0] in row.values:
                key = row.values[kind.key[0]]
                parents[key] = row.values[column.name] or None
                rows[key] = row
        for cycle in cycles(parents):
            path = " → ".join([*cycle, cycle[0]])
            for key in cycle:
                # The model's clean() has already said so of a row that names itself.
                if key in rows and not any(name == column.name for name, _m in rows[key].errors):
                    rows[key].errors.append(
                        (
                            column.name,
                            _("“%(key)s” would be part of itself: %(path)s.")
                            % {"key": key, "path": path},
                        )
                    )
                    rows[key].action = "error"
