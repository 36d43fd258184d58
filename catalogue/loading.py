"""Checked, atomic loading of catalogue fixture files.

Every file is read and every object checked (model, fields, natural-key references, the
model's own validation) before anything is written; then all files load in one transaction.
A problem is reported with the file, the object and the field, and nothing of it is loaded.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.python import Deserializer
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction

from catalogue import changes
from catalogue.models import set_edtf_bounds

ALLOWED_KEYS = {"model", "fields"}
MAX_REPORTED = 50


class FixtureError(Exception):
    """One or more problems in the files; the message names file, object and field."""


@dataclass
class FixtureObject:
    path: str
    index: int
    data: dict
    model: type[models.Model] | None = None
    natural_key: tuple | None = None
    existing_pk: object = None
    errors: list[str] = field(default_factory=list)

    def where(self) -> str:
        label = f"object {self.index}"
        if self.model is not None:
            key = " / ".join(str(part) for part in self.natural_key or ()) or "?"
            label += f" ({self.model._meta.label_lower} {key})"
        return f"{self.path}: {label}"

    def fail(self, field_name: str | None, message: str) -> None:
        prefix = f"{field_name}: " if field_name else ""
        self.errors.append(f"{self.where()}: {prefix}{message}")


def default_fixture_paths() -> list[Path]:
    return sorted((Path(settings.BASE_DIR) / "fixtures").glob("*.json"))


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(path)


def read_files(paths: list[Path]) -> list[FixtureObject]:
    """Parse every file; malformed JSON or a malformed object list stops here."""
    objects, problems = [], []
    for path in paths:
        name = display_path(path)
        try:
            content = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as error:
            problems.append(f"{name}: cannot be read: {error.strerror or error}")
            continue
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            problems.append(f"{name}: not valid JSON: {error}")
            continue
        if not isinstance(content, list):
            problems.append(f"{name}: a fixture file is a JSON list of objects")
            continue
        for index, data in enumerate(content, start=1):
            item = FixtureObject(name, index, data)
            if not isinstance(data, dict) or not isinstance(data.get("fields"), dict):
                problems.append(f"{item.where()}: an object needs “model” and “fields”")
                continue
            extra = sorted(set(data) - ALLOWED_KEYS)
            if extra:
                problems.append(
                    f"{item.where()}: unexpected {', '.join(extra)} (leave out pk and refer "
                    "to other objects by natural key)"
                )
                continue
            objects.append(item)
    if problems:
        raise FixtureError("\n".join(problems))
    return objects


def resolve_model(item: FixtureObject) -> None:
    label = item.data.get("model")
    try:
        item.model = apps.get_model(str(label))
    except (LookupError, ValueError):
        item.fail("model", f"unknown model “{label}”")
        return
    known = {f.name for f in item.model._meta.concrete_fields}
    known |= {f.name for f in item.model._meta.many_to_many}
    unknown = [name for name in item.data["fields"] if name not in known]
    for name in unknown:
        del item.data["fields"][name]
    compute_natural_key(item)
    for name in unknown:
        item.fail(name, f"unknown field of {item.model._meta.label_lower}")


def stub(model: type[models.Model], key, fake_pk: int | None = None) -> models.Model:
    """An unsaved stand-in for an object known by its natural key (for natural_key())."""
    key_field = getattr(model, "natural_key_field", None)
    values = {key_field: key[0]} if key_field and isinstance(key, list | tuple) and key else {}
    return model(pk=fake_pk, **values)


def compute_natural_key(item: FixtureObject) -> None:
    model, fields = item.model, item.data["fields"]
    if not hasattr(model, "natural_key"):
        return
    key_field = getattr(model, "natural_key_field", None)
    if key_field:
        item.natural_key = (fields.get(key_field),)
        return
    instance = model()
    for name, value in fields.items():
        model_field = model._meta.get_field(name)
        if model_field.many_to_many:
            continue
        if model_field.is_relation:
            if value is not None:
                setattr(instance, name, stub(model_field.related_model, value))
        else:
            setattr(instance, model_field.attname, value)
    try:
        item.natural_key = tuple(instance.natural_key())
    except (AttributeError, ObjectDoesNotExist, TypeError) as error:
        item.fail(None, f"its natural key cannot be worked out: {error}")


class Catalogue:
    """What the files hold, indexed by natural key, and what the database already holds."""

    def __init__(self, objects: list[FixtureObject], using: str):
        self.objects = objects
        self.using = using
        self.in_files: dict[tuple, int] = {}

    def index(self) -> None:
        for item in self.objects:
            if item.model is None or item.natural_key is None:
                continue
            entry = (item.model._meta.label_lower, item.natural_key)
            if entry in self.in_files:
                item.fail(None, "appears twice in the files (same natural key)")
                continue
            self.in_files[entry] = -(len(self.in_files) + 1)
            item.existing_pk = self.from_database(item.model, item.natural_key)
            if item.existing_pk is not None:
                item.existing_pk = item.existing_pk.pk

    def from_database(self, model, key):
        manager = model._default_manager.db_manager(self.using)
        try:
            if isinstance(key, list | tuple):
                return manager.get_by_natural_key(*key)
            return manager.get(pk=key)
        except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
            return None

    def reference(self, item: FixtureObject, name: str, model, value):
        """The object ``value`` names: from the database, a stand-in from the files, or None."""
        if isinstance(value, list | tuple):
            fake_pk = self.in_files.get((model._meta.label_lower, tuple(value)))
            if fake_pk is not None:
                return stub(model, value, fake_pk)
        elif not isinstance(value, int | str):
            item.fail(name, f'expected a natural key list such as ["key"], not {value!r}')
            return None
        found = self.from_database(model, value)
        if found is None:
            shown = json.dumps(value, ensure_ascii=False)
            item.fail(
                name,
                f"no {model._meta.label_lower} with natural key {shown} in the database or in "
                "the files",
            )
        return found

    def check(self, item: FixtureObject) -> None:
        """Resolve the references of ``item`` and run the model's full_clean() on it."""
        model, fields = item.model, item.data["fields"]
        instance, exclude = model(), set()
        for name, value in fields.items():
            model_field = model._meta.get_field(name)
            if model_field.many_to_many:
                self.check_many(item, name, model_field.related_model, value)
            elif model_field.is_relation:
                target = None
                if value is not None:
                    target = self.reference(item, name, model_field.related_model, value)
                    # A stand-in for an object still in the files cannot pass the field's own
                    # database lookup; the reference has just been checked.
                    if target is None or target._state.adding:
                        exclude.add(name)
                setattr(instance, name, target)
            else:
                try:
                    setattr(instance, model_field.attname, model_field.to_python(value))
                except ValidationError as error:
                    exclude.add(name)
                    for message in error.messages:
                        item.fail(name, message)
        instance.pk = item.existing_pk
        instance._state.adding = item.existing_pk is None
        set_edtf_bounds(instance)
        try:
            instance.full_clean(exclude=exclude)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    item.fail(None if name == NON_FIELD_ERRORS else name, message)
        self.check_publishable(item, instance)

    def check_publishable(self, item: FixtureObject, instance: models.Model) -> None:
        """A record the files publish meets the publishing rule, as in the admin."""
        from catalogue.models import Record, Status
        from catalogue.publishing import missing_for_publication

        if isinstance(instance, Record) and instance.status == Status.PUBLISHED:
            missing = missing_for_publication(instance, images=[])
            if missing:
                item.fail("status", f"published without: {', '.join(missing)}")

    def check_many(self, item: FixtureObject, name: str, model, value) -> None:
        if not isinstance(value, list):
            item.fail(name, "expected a list of natural keys")
            return
        for key in value:
            self.reference(item, name, model, key)


def check_objects(objects: list[FixtureObject], using: str = DEFAULT_DB_ALIAS) -> None:
    """Raise FixtureError naming every problem found; write nothing."""
    for item in objects:
        resolve_model(item)
    catalogue = Catalogue(objects, using)
    catalogue.index()
    for item in objects:
        if not item.errors:
            catalogue.check(item)
    problems = [problem for item in objects for problem in item.errors]
    if problems:
        shown = problems[:MAX_REPORTED]
        if len(problems) > MAX_REPORTED:
            shown.append(f"… and {len(problems) - MAX_REPORTED} more problems")
        raise FixtureError("\n".join(shown))


def save_objects(objects: list[FixtureObject], using: str) -> None:
    """Save every object in one transaction; a database error names the object and rolls back."""
    deferred = []
    with transaction.atomic(using=using):
        for item in objects:
            try:
                for loaded in Deserializer(
                    [item.data], using=using, handle_forward_references=True
                ):
                    set_edtf_bounds(loaded.object)
                    loaded.save(using=using)
                    if loaded.deferred_fields:
                        deferred.append((item, loaded))
            except (DatabaseError, DeserializationError, ObjectDoesNotExist) as error:
                raise FixtureError(f"{item.where()}: {error}") from error
        for item, loaded in deferred:
            try:
                loaded.save_deferred_fields(using=using)
            except (DatabaseError, DeserializationError, ObjectDoesNotExist) as error:
                raise FixtureError(f"{item.where()}: {error}") from error
        reset_sequences({item.model for item in objects}, using)
        # Loaded rows bypass the saving path: recount the facets, move the change marker.
        changes.everything_changed()


def reset_sequences(model_set: set, using: str) -> None:
    """Move PostgreSQL's id sequences past the loaded rows (a no-op on SQLite)."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), sorted(model_set, key=str))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def load_catalogue(
    paths: list[Path], using: str = DEFAULT_DB_ALIAS, check_only: bool = False
) -> dict[str, tuple[int, int]]:
    """Check then load ``paths``; return {model label: (objects, of which new)}."""
    objects = read_files(paths)
    check_objects(objects, using)
    summary = Counter(item.model._meta.label_lower for item in objects)
    new = Counter(item.model._meta.label_lower for item in objects if item.existing_pk is None)
    if not check_only:
        save_objects(objects, using)
    return {label: (summary[label], new[label]) for label in sorted(summary)}
