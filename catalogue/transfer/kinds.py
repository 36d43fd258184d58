"""The five kinds of file: which columns each has and how rows find their existing objects."""

import copy
import dataclasses
from collections.abc import Callable

from django.utils.translation import gettext as _

from .. import models as catalogue
from ..history import translated_originals
from ..publishing import missing_for_publication
from .columns import Column, Many, Reference, Roles, translated
from .context import chunked


@dataclasses.dataclass
class Kind:
    name: str
    model: type
    columns: list[Column]
    # The columns whose values identify a row's object, stable across imports.
    key: tuple[str, ...]
    # Another identifier that finds the object when the key does not (a person's Wikidata id).
    alternate_key: str = ""
    # Key columns that may be empty (a membership whose start is unknown).
    optional_key: tuple[str, ...] = ()
    # Each constraint check is a query; for records they are covered by field validation.
    validate_constraints: bool = True
    prepare: Callable | None = None
    # Checks the planned rows together, once each row is checked alone (``check_rows(rows)``).
    check_rows: Callable | None = None

    def __post_init__(self):
        self._by_name = {column.name: column for column in self.columns}
        # modeltranslation's untranslated columns; their _en/_ru fields are checked instead.
        self.translated_originals = sorted(translated_originals(self.model))

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column | None:
        return self._by_name.get(name)

    def column_for_field(self, field: str) -> str:
        """The name of the column that fills a model field, or the field's own name."""
        for column in self.columns:
            if field in (column.field, *column.model_fields(self.model)):
                return column.name
        return field

    def key_of(self, instance, context) -> tuple:
        return tuple(self._by_name[name].current(instance, context) for name in self.key)

    def existing(self, keys: list[tuple], context) -> dict[tuple, object]:
        """The stored objects with these keys, by key, in batches of one query each."""
        first = self._by_name[self.key[0]]
        values = sorted({key[0] for key in keys})
        if isinstance(first, Reference):
            lookup = f"{first.attname(self.model)}__in"
            values = [context.pk_for(first.model, first.key, value) for value in values]
        else:
            lookup = f"{first.field}__in"
        found = {}
        for chunk in chunked(values):
            for instance in self.model._base_manager.filter(**{lookup: chunk}):
                found[self.key_of(instance, context)] = instance
        return found

    def existing_by_alternate(self, values: list[str]) -> dict[str, object]:
        found = {}
        for chunk in chunked(sorted(set(values))):
            for instance in self.model._base_manager.filter(**{f"{self.alternate_key}__in": chunk}):
                found[getattr(instance, self.alternate_key)] = instance
        return found

    def blank(self):
        """A new, unsaved object with every field at its default.

        Copied from one prototype: modeltranslation works out each translated field's default
        under its own language, which costs more than the rest of a row's checks together.
        """
        if not hasattr(self, "_prototype"):
            self._prototype = self.model()
        return copy.copy(self._prototype)

    def export_queryset(self):
        return self.model._base_manager.order_by(*self.model._meta.ordering)


def prepare_record(record: catalogue.Record, user, changes: dict) -> list[tuple[str, str]]:
    """Keep publishing to those allowed to (the import publishes through ``publishing``)."""
    if "status" not in changes:
        return []
    if user is not None and not user.has_perm("catalogue.publish_record"):
        return [("status", _("You may not publish or unpublish records."))]
    return []


def check_publication(rows) -> None:
    """A row that leaves its record published must leave it ready for publication.

    The images of the stored records are read in one query per batch.
    """
    public = [row for row in rows if row.instance.status == catalogue.Status.PUBLISHED]
    stored = [row.instance.pk for row in public if row.instance.pk]
    images: dict[int, list] = {}
    for batch in chunked(stored):
        for image in catalogue.Image.objects.filter(record__in=batch).order_by("pk"):
            images.setdefault(image.record_id, []).append(image)
    for row in public:
        missing = missing_for_publication(row.instance, images.get(row.instance.pk, []))
        if missing:
            row.errors.append(
                (
                    "status",
                    _("This record cannot be published without: %(missing)s.")
                    % {"missing": ", ".join(missing)},
                )
            )


RECORDS = Kind(
    name="records",
    model=catalogue.Record,
    key=("reference_code",),
    validate_constraints=False,
    prepare=prepare_record,
    check_rows=check_publication,
    columns=[
        Column("reference_code"),
        Reference("collection", catalogue.Collection, "slug"),
        Column("level"),
        Column("kind"),
        *translated("title"),
        Column("original_title"),
        Reference("original_language", catalogue.Language, "code"),
        *translated("description"),
        Many("languages", catalogue.Language, "code"),
        *translated("extent"),
        Column("date"),
        *translated("date_note"),
        Column("status"),
        Many("subjects", catalogue.Subject, "slug"),
        Many("events", catalogue.Event, "slug"),
        Many("sources", catalogue.Source, "key"),
        Roles(
            "people",
            catalogue.RecordPerson,
            "person",
            catalogue.Person,
            "slug",
            catalogue.PersonRole,
        ),
        Roles(
            "organizations",
            catalogue.RecordOrganization,
            "organization",
            catalogue.Organization,
            "slug",
            catalogue.OrganizationRole,
        ),
    ],
)

COPIES = Kind(
    name="copies",
    model=catalogue.Copy,
    key=("record", "key"),
    columns=[
        Reference("record", catalogue.Record, "reference_code"),
        Column("key"),
        *translated("label"),
        *translated("holder"),
        Column("identifier"),
        *translated("provenance"),
        *translated("condition"),
        *translated("notes"),
        Many("sources", catalogue.Source, "key"),
    ],
)

PEOPLE = Kind(
    name="people",
    model=catalogue.Person,
    key=("slug",),
    alternate_key="wikidata_id",
    columns=[
        Column("slug"),
        Column("wikidata_id"),
        *translated("name"),
        *translated("full_name"),
        Column("native_name"),
        Column("native_language"),
        Column("birth_date"),
        *translated("birth_date_note"),
        *translated("birth_place"),
        Column("death_date"),
        *translated("death_place"),
        *translated("biography"),
        Many("sources", catalogue.Source, "key"),
    ],
)

ORGANIZATIONS = Kind(
    name="organizations",
    model=catalogue.Organization,
    key=("slug",),
    columns=[
        Column("slug"),
        *translated("name"),
        *translated("abbreviation"),
        Column("kind"),
        Reference("parent", catalogue.Organization, "slug", in_file=True),
        Column("founded"),
        Column("dissolved"),
        *translated("description"),
        Column("wikidata_id"),
        Many("sources", catalogue.Source, "key"),
    ],
)

MEMBERSHIPS = Kind(
    name="memberships",
    model=catalogue.Membership,
    key=("person", "organization", "role", "start"),
    optional_key=("start",),
    columns=[
        Reference("person", catalogue.Person, "slug"),
        Reference("organization", catalogue.Organization, "slug"),
        Column("role"),
        Column("start"),
        Column("end"),
        Reference("elected_by", catalogue.Event, "slug"),
        Column("certainty"),
        *translated("basis"),
        Many("sources", catalogue.Source, "key"),
    ],
)

# In the order a whole catalogue is imported: what a kind refers to comes before it.
KINDS: dict[str, Kind] = {
    kind.name: kind for kind in (ORGANIZATIONS, PEOPLE, RECORDS, COPIES, MEMBERSHIPS)
}
