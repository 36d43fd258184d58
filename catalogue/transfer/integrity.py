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


class UniqueCheck:
    """Marks rows whose values another row, or a stored object, already holds.

    Rows are handed over one by one as they are planned, so that a row's object need not be
    kept once it has been seen: what stays is one key per row and unique field.
    """

    def __init__(self, kind):
        self.kind = kind
        self.sets = []
        for names, condition in unique_sets(kind.model):
            attnames = [kind.model._meta.get_field(name).attname for name in names]
            stored = {}
            queryset = kind.model._base_manager.all()
            if condition is not None:
                queryset = queryset.filter(condition)
            for *values, pk in queryset.values_list(*attnames, "pk").iterator(chunk_size=2000):
                stored[_folded(tuple(values))] = (pk, tuple(values))
            columns = ", ".join(dict.fromkeys(kind.column_for_field(name) for name in names))
            self.sets.append((attnames, condition, columns, stored, {}))

    def check(self, row) -> None:
        if row.action not in WRITING or row.instance is None:
            return
        for attnames, condition, columns, stored, seen in self.sets:
            values = tuple(getattr(row.instance, attname) for attname in attnames)
            if None in values:
                continue
            folded = _folded(values)
            message = _unique_error(self.kind, row, values, folded, stored, seen, condition)
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


class CycleCheck:
    """Marks rows that would make an object part of itself (A in B in A; A in A)."""

    def __init__(self, kind, header: list[str]):
        self.kind = kind
        self.columns = []
        if len(kind.key) != 1:
            return
        for column in kind.columns:
            if not (
                isinstance(column, Reference)
                and column.model is kind.model
                and column.name in header
            ):
                continue
            parent_path = f"{column.field}__{column.key}"
            stored = kind.model._base_manager.values_list(column.key, parent_path)
            self.columns.append((column, dict(stored.iterator()), {}))

    def note(self, row) -> None:
        """Take a planned row's parent; every row whose cells could be read counts, so that a
        row refused for another reason still shows the cycle it would make."""
        key_name = self.kind.key[0]
        for column, parents, rows in self.columns:
            if column.name in row.values and key_name in row.values:
                key = row.values[key_name]
                parents[key] = row.values[column.name] or None
                rows[key] = row

    def finish(self) -> None:
        for column, parents, rows in self.columns:
            for cycle in cycles(parents):
                path = " → ".join([*cycle, cycle[0]])
                for key in cycle:
                    # The model's clean() has already said so of a row that names itself.
                    row = rows.get(key)
                    if row is None or any(name == column.name for name, _m in row.errors):
                        continue
                    row.errors.append(
                        (
                            column.name,
                            _("“%(key)s” would be part of itself: %(path)s.")
                            % {"key": key, "path": path},
                        )
                    )
                    row.action = "error"
