"""The columns of import and export files: how one cell maps onto a model.

A cell holds text. A column that holds several values (languages, subjects, sources, people
with their roles) separates them with ``SEPARATOR``; in JSON files it may be a list instead.
Values are compared in the form ``current()`` gives, which is also what an export writes, so
an exported file imports with no change.
"""

from django.db import models
from django.utils.translation import gettext as _

from ..bulk import insert_rows
from .cells import json_type

SEPARATOR = "|"
ROLE_SEPARATOR = ":"
WRONG_SEPARATORS = (";", ",")


class CellError(Exception):
    """A cell that cannot be read; the message says why."""


class Column:
    """A text column that maps onto one model field of the same name."""

    multiple = False
    # A deferred column is written after the row's own object: m2m and role columns.
    deferred = False

    def __init__(self, name: str, field: str | None = None):
        self.name = name
        self.field = field or name

    def __repr__(self):
        return f"<{type(self).__name__} {self.name}>"

    def parse(self, raw, context):
        if not isinstance(raw, str):
            raise CellError(_("expected text, not %(type)s") % {"type": json_type(raw)})
        return raw

    def current(self, instance, context):
        value = getattr(instance, self.field)
        return "" if value is None else value

    def assign(self, instance, value, context) -> None:
        setattr(instance, self.field, value)

    def model_fields(self, model) -> list[str]:
        return [self.field]


class Reference(Column):
    """A foreign key written as the stable key of the object it points to."""

    def __init__(self, name: str, model, key: str, field: str | None = None, in_file=False):
        super().__init__(name, field)
        self.model = model
        self.key = key
        # A reference to an object that the same file creates (an organization's parent).
        self.in_file = in_file

    def parse(self, raw, context):
        value = super().parse(raw, context).strip()
        if value and context.pk_for(self.model, self.key, value) is None:
            if not (self.in_file and value in context.keys_in_file):
                raise CellError(_does_not_exist(self.model, value))
        return value

    def attname(self, model) -> str:
        return model._meta.get_field(self.field).attname

    def current(self, instance, context):
        pk = getattr(instance, self.attname(type(instance)))
        return "" if pk is None else context.key_for(self.model, self.key, pk)

    def assign(self, instance, value, context) -> None:
        pk = context.pk_for(self.model, self.key, value) if value else None
        setattr(instance, self.attname(type(instance)), pk)


def _does_not_exist(model, value: str) -> str:
    return _("%(model)s “%(value)s” does not exist") % {
        "model": str(model._meta.verbose_name).capitalize(),
        "value": value,
    }


class Many(Column):
    """A many-to-many field written as the keys of the related objects, ``|`` between them."""

    multiple = True
    deferred = True

    def __init__(self, name: str, model, key: str, field: str | None = None):
        super().__init__(name, field)
        self.model = model
        self.key = key

    def split(self, raw) -> list[str]:
        if isinstance(raw, list):
            if not all(isinstance(item, str) for item in raw):
                raise CellError(_("expected a list of text values"))
            items = [item.strip() for item in raw]
        elif isinstance(raw, str):
            items = [item.strip() for item in raw.split(SEPARATOR)]
        else:
            raise CellError(
                _("expected text or a list of text values, not %(type)s") % {"type": json_type(raw)}
            )
        items = [item for item in items if item]
        for item in items:
            for wrong in WRONG_SEPARATORS:
                if wrong in item:
                    raise CellError(
                        _(
                            "“%(item)s” looks like several values separated by “%(wrong)s”; "
                            "separate values with “%(separator)s”"
                        )
                        % {"item": item, "wrong": wrong, "separator": SEPARATOR}
                    )
        repeated = sorted({item for item in items if items.count(item) > 1})
        if repeated:
            raise CellError(_("“%(item)s” is listed twice") % {"item": repeated[0]})
        return items

    def parse(self, raw, context):
        items = self.split(raw)
        for item in items:
            self.target(item, context)
        return tuple(sorted(items))

    def target(self, item: str, context) -> tuple:
        """The identity of one related value, as stored: (target pk,)."""
        pk = context.pk_for(self.model, self.key, item)
        if pk is None:
            raise CellError(_does_not_exist(self.model, item))
        return (pk,)

    def current(self, instance, context):
        return context.related(self, instance.pk)

    def assign(self, instance, value, context) -> None:
        """Written in bulk by ``write()`` once the row's object exists."""

    def model_fields(self, model) -> list[str]:
        return []

    # The table that links an owner to its values, and the names of its two sides.
    def through(self, model):
        field = model._meta.get_field(self.field)
        return field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()

    def stored_rows(self, model, owner_pks):
        """(row pk, owner pk, identity) for each stored value of the given owners."""
        through, owner, target = self.through(model)
        rows = through._base_manager.filter(**{f"{owner}__in": owner_pks}).values_list(
            "pk", f"{owner}_id", f"{target}_id"
        )
        return [(pk, owner_pk, (target_pk,)) for pk, owner_pk, target_pk in rows]

    def label(self, identity: tuple, context) -> str:
        return context.key_for(self.model, self.key, identity[0])

    def insert(self, model, pairs: list[tuple]) -> None:
        """Store (owner pk, identity) pairs: a link table's rows are two keys and no more."""
        through, owner, target = self.through(model)
        rows = ((owner_pk, identity[0]) for owner_pk, identity in pairs)
        insert_rows(through, [f"{owner}_id", f"{target}_id"], rows)


class Roles(Many):
    """People or bodies with their part in a record: ``khrushchev:speaker|stalin:subject``."""

    def __init__(self, name: str, through, target: str, model, key: str, roles):
        super().__init__(name, model, key)
        self.through_model = through
        self.target_field = target
        self.roles = roles

    def target(self, item: str, context) -> tuple:
        key, separator, role = item.rpartition(ROLE_SEPARATOR)
        if not separator:
            raise CellError(
                _("“%(item)s” has no role: write it as %(example)s")
                % {"item": item, "example": f"{item}{ROLE_SEPARATOR}{self.roles.values[0]}"}
            )
        if role not in self.roles.values:
            raise CellError(
                _("“%(role)s” is not a role; use one of %(roles)s")
                % {"role": role, "roles": ", ".join(self.roles.values)}
            )
        return (*super().target(key, context), role)

    def through(self, model):
        owner = next(
            field.name
            for field in self.through_model._meta.concrete_fields
            if isinstance(field, models.ForeignKey) and field.related_model is model
        )
        return self.through_model, owner, self.target_field

    def stored_rows(self, model, owner_pks):
        through, owner, target = self.through(model)
        rows = through._base_manager.filter(**{f"{owner}__in": owner_pks}).values_list(
            "pk", f"{owner}_id", f"{target}_id", "role"
        )
        return [(pk, owner_pk, (target_pk, role)) for pk, owner_pk, target_pk, role in rows]

    def label(self, identity: tuple, context) -> str:
        return f"{super().label(identity, context)}{ROLE_SEPARATOR}{identity[1]}"

    def insert(self, model, pairs: list[tuple]) -> None:
        """Store (owner pk, identity) pairs as rows with their other fields at the default.

        The part a person plays in a record has no behaviour on save, so its rows are
        written like link rows, their notes and source left at the defaults.
        """
        through, owner, target = self.through(model)
        prototype = through()
        fields = [field for field in through._meta.concrete_fields if not field.primary_key]
        attnames = [field.attname for field in fields]
        defaults = [getattr(prototype, name) for name in attnames]
        where = {name: attnames.index(name) for name in (f"{owner}_id", f"{target}_id", "role")}
        rows = []
        for owner_pk, (target_pk, role) in pairs:
            row = list(defaults)
            row[where[f"{owner}_id"]] = owner_pk
            row[where[f"{target}_id"]] = target_pk
            row[where["role"]] = role
            rows.append(row)
        insert_rows(through, attnames, rows)


def translated(name: str, languages=("en", "ru")) -> list[Column]:
    """One column per language of a translated field: ``title_en``, ``title_ru``."""
    return [Column(f"{name}_{language}") for language in languages]
