"""An import's plan: what each row of a file would do, checked before anything is written."""

import dataclasses
from pathlib import PurePath

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from ..models import set_edtf_bounds
from .cells import control_character
from .columns import SEPARATOR, CellError, Reference
from .context import Context
from .integrity import CycleCheck, UniqueCheck
from .kinds import KINDS, Kind
from .reading import FileError, read_table

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"
# Rows checked together by a kind's cross-row checks (one query for their images, and so on).
CHECK_BATCH = 1000


@dataclasses.dataclass(slots=True)
class RowPlan:
    number: int
    key: str = ""
    action: str = ERROR
    # column: (old, new) as text, several values joined with the separator.
    changes: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)
    errors: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    instance: object = None
    values: dict = dataclasses.field(default_factory=dict)
    # References to objects the same file creates, set once those exist: column: key.
    deferred: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class ImportPlan:
    filename: str
    kind: Kind | None
    columns: list[str]
    rows: list[RowPlan]
    file_errors: list[str] = dataclasses.field(default_factory=list)
    context: Context = dataclasses.field(default_factory=Context, repr=False)

    @property
    def counts(self) -> dict[str, int]:
        counts = {CREATE: 0, UPDATE: 0, UNCHANGED: 0, ERROR: 0}
        for row in self.rows:
            counts[row.action] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or any(row.errors for row in self.rows)

    def error_messages(self) -> list[str]:
        """Every error, naming the file, row and column."""
        messages = list(self.file_errors)
        for row in self.rows:
            for column, message in row.errors:
                where = _("%(file)s, row %(row)s") % {"file": self.filename, "row": row.number}
                if column:
                    where += _(", column %(column)s") % {"column": column}
                messages.append(f"{where}: {message}")
        return messages


def infer_kind(filename: str, header: list[str], declared: str = "") -> Kind | None:
    """The kind a file holds, from its name (``people.csv``), its declaration or its header."""
    stem = PurePath(filename).stem.lower()
    named = [kind for name, kind in KINDS.items() if name in stem]
    if len(named) == 1:
        return named[0]
    if declared in KINDS:
        return KINDS[declared]
    fitting = [
        kind
        for kind in KINDS.values()
        if set(kind.key) <= set(header) and set(header) <= set(kind.column_names)
    ]
    return fitting[0] if len(fitting) == 1 else None


def plan_import(
    file_obj,
    filename: str,
    kind: str | None = None,
    user=None,
    progress=None,
    reading=None,
    keep_objects: bool = True,
):
    """Read ``file_obj`` and say, row by row, what importing it would do. Writes nothing.

    ``kind`` is one of ``KINDS`` or None to infer it; ``user`` (if given) must hold the
    publish permission for rows that change a record's status; ``progress(done, total)`` is
    called now and then while rows are checked, ``reading(done, total)`` while a CSV file is
    read. Without ``keep_objects`` (a dry run) each row's object is let go once it is checked:
    the plan can then be shown but not applied.
    """
    try:
        table = read_table(file_obj, filename, reading)
    except FileError as error:
        return ImportPlan(filename, None, [], [], [str(error)])
    chosen = KINDS.get(kind) if kind else infer_kind(filename, table.header, table.declared_kind)
    plan = ImportPlan(filename, chosen, table.header, [])
    if chosen is None:
        plan.file_errors.append(_unknown_kind(filename, kind))
        return plan
    plan.file_errors.extend(_header_errors(chosen, table.header, filename))
    if plan.file_errors:
        return plan
    _plan_rows(plan, table, user, progress, keep_objects)
    return plan


def _unknown_kind(filename: str, kind: str | None) -> str:
    names = ", ".join(KINDS)
    if kind:
        return _("%(kind)s is not a kind of import; use one of %(kinds)s.") % {
            "kind": kind,
            "kinds": names,
        }
    return _(
        "%(file)s: cannot tell what the file holds; name the kind (%(kinds)s) "
        "in the file name or choose it."
    ) % {"file": filename, "kinds": names}


def _header_errors(kind: Kind, header: list[str], filename: str) -> list[str]:
    errors = []
    for name in header:
        if kind.column(name) is None:
            errors.append(
                _("%(file)s: unknown column “%(column)s”; the columns of %(kind)s are %(columns)s.")
                % {
                    "file": filename,
                    "column": name,
                    "kind": kind.name,
                    "columns": ", ".join(kind.column_names),
                }
            )
    for name in kind.key:
        if name not in header:
            errors.append(
                _("%(file)s: the column “%(column)s” is missing; %(kind)s are matched by %(key)s.")
                % {"file": filename, "column": name, "kind": kind.name, "key": ", ".join(kind.key)}
            )
    return errors


def _plan_rows(plan: ImportPlan, table, user, progress, keep_objects: bool) -> None:
    kind, context = plan.kind, plan.context
    for column in kind.columns:
        if isinstance(column, Reference) and column.in_file:
            context.keys_in_file = {_text(raw.get(kind.key[0])) for _n, raw in table.rows}
    keyed = []
    for number, raw in table.rows:
        row = RowPlan(number)
        for name in kind.key:
            _parse(kind, row, name, raw.get(name, ""), context)
        keyed.append((row, raw))
    # From here on each row's cells are let go once the row is planned.
    table.rows.clear()
    existing = kind.existing([_key(kind, row) for row, _raw in keyed if not row.errors], context)
    alternates = {}
    if kind.alternate_key in table.header:
        wanted = [_text(raw.get(kind.alternate_key)) for _row, raw in keyed]
        alternates = kind.existing_by_alternate([value for value in wanted if value])
    context.load_related(kind.model, kind.columns, [instance.pk for instance in existing.values()])
    context.load_related(
        kind.model, kind.columns, [instance.pk for instance in alternates.values()]
    )
    seen: dict[tuple, int] = {}
    unique, cycles = UniqueCheck(kind), CycleCheck(kind, table.header)
    total = len(keyed)
    pending: list[RowPlan] = []
    for index in range(total):
        (row, raw), keyed[index] = keyed[index], None
        done = index + 1
        if not row.errors:
            instance = _match(kind, row, raw, existing, alternates, seen)
            if not row.errors:
                _plan_row(kind, row, raw, instance, context, user)
        row.action = ERROR if row.errors else row.action
        unique.check(row)
        cycles.note(row)
        plan.rows.append(row)
        pending.append(row)
        if len(pending) == CHECK_BATCH:
            _check_batch(kind, pending, keep_objects)
        if progress is not None and (done % 1000 == 0 or done == total):
            progress(done, total)
    _check_batch(kind, pending, keep_objects)
    cycles.finish()


def _check_batch(kind: Kind, rows: list[RowPlan], keep_objects: bool) -> None:
    """The kind's checks across rows (a published record's readiness), a batch at a time;
    then, for a preview, each row's object is let go."""
    if kind.check_rows is not None:
        kind.check_rows([row for row in rows if row.action in (CREATE, UPDATE)])
    for row in rows:
        row.action = ERROR if row.errors else row.action
        if not keep_objects:
            row.instance, row.values = None, {}
    rows.clear()


def _text(raw) -> str:
    """A cell as text for a lookup; anything else (a JSON list, a number, text with a control
    character, which PostgreSQL cannot even compare) finds nothing and is reported when the
    cell itself is read."""
    if not isinstance(raw, str) or control_character(raw):
        return ""
    return raw.strip()


def _parse(kind: Kind, row: RowPlan, name: str, raw, context) -> None:
    problem = control_character(raw)
    if problem:
        row.errors.append((name, problem))
        return
    try:
        row.values[name] = kind.column(name).parse(raw, context)
    except CellError as error:
        row.errors.append((name, str(error)))


def _key(kind: Kind, row: RowPlan) -> tuple:
    return tuple(row.values[name] for name in kind.key)


def _match(kind: Kind, row: RowPlan, raw: dict, existing: dict, alternates: dict, seen: dict):
    key = _key(kind, row)
    row.key = " / ".join(value for value in key if value)
    for name, value in zip(kind.key, key, strict=True):
        if not value and name not in kind.optional_key:
            row.errors.append((name, _("This identifier is needed to match the row.")))
    if row.errors:
        return None
    instance = existing.get(key)
    if instance is None and kind.alternate_key:
        alternate = _text(raw.get(kind.alternate_key))
        instance = alternates.get(alternate) if alternate else None
    identities = [("key", key)]
    if instance is not None:
        identities.append(("object", instance.pk))
    for identity in identities:
        if identity in seen:
            row.errors.append(
                (
                    ", ".join(kind.key),
                    _("rows %(first)s and %(second)s both identify %(key)s; keep one of them.")
                    % {"first": seen[identity], "second": row.number, "key": row.key},
                )
            )
            return None
    for identity in identities:
        seen[identity] = row.number
    return instance


def _shown(value) -> str:
    return SEPARATOR.join(value) if isinstance(value, tuple) else str(value)


def _plan_row(kind: Kind, row: RowPlan, raw: dict, instance, context, user) -> None:
    for name in raw:
        if name not in row.values:
            _parse(kind, row, name, raw[name], context)
    if row.errors:
        return
    creating = instance is None
    if creating:
        instance = kind.blank()
    row.instance = instance
    for name, value in row.values.items():
        column = kind.column(name)
        old = () if column.multiple else ""
        if not creating:
            old = column.current(instance, context)
        if old != value:
            row.changes[name] = (_shown(old), _shown(value))
    if not creating and not row.changes:
        row.action = UNCHANGED
        return
    row.action = CREATE if creating else UPDATE
    for name in row.changes:
        column = kind.column(name)
        column.assign(instance, row.values[name], context)
        if isinstance(column, Reference) and row.values[name] and column.in_file:
            if context.pk_for(column.model, column.key, row.values[name]) is None:
                row.deferred[name] = row.values[name]
    _validate(kind, row, instance, user)


def _validate(kind: Kind, row: RowPlan, instance, user) -> None:
    set_edtf_bounds(instance)
    if kind.prepare is not None:
        row.errors.extend(kind.prepare(instance, user, row.changes))
    references = [column for column in kind.columns if isinstance(column, Reference)]
    for column in references:
        field = kind.model._meta.get_field(column.field)
        empty = getattr(instance, column.attname(kind.model)) is None
        if empty and not field.null and column.name not in row.deferred:
            row.errors.append((column.name, _("This column cannot be empty.")))
    excluded = [column.field for column in references] + kind.translated_originals
    if not kind.validate_constraints:
        # Without constraint checks, a field the row leaves at its default and may be blank
        # cannot be wrong; skipping it halves the cost of checking a large file.
        changed = {
            field for name in row.changes for field in kind.column(name).model_fields(kind.model)
        }
        excluded += [
            field.name
            for field in kind.model._meta.concrete_fields
            if field.name not in changed and field.blank
        ]
    try:
        instance.full_clean(
            exclude=excluded,
            validate_unique=False,
            validate_constraints=kind.validate_constraints,
        )
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            column = "" if field == NON_FIELD_ERRORS else kind.column_for_field(field)
            row.errors.extend((column, message) for message in messages)
