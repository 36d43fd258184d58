"""Which models the history keeps, what each version carries along, and what a deletion
removes with the object (so that its revision can keep it and a recovery bring it back)."""

import contextlib
from collections.abc import Iterator

import reversion
from django.db import models
from django.db.models.deletion import get_candidate_relations_to_delete
from modeltranslation.translator import NotRegistered, translator

from .. import models as catalogue

# What each model's version carries along (reverse relations, by their related names).
FOLLOW: dict[type[models.Model], tuple[str, ...]] = {
    catalogue.Record: ("copies", "images", "people", "organizations", "relations", "claims"),
    catalogue.Copy: ("images",),
    catalogue.Person: ("names",),
    catalogue.Organization: ("seats",),
}
# What the names of followed objects read (for prefetching when many are saved at once).
NAMED_BY: dict[type[models.Model], tuple[str, ...]] = {
    catalogue.RecordPerson: ("person",),
    catalogue.RecordOrganization: ("organization",),
    catalogue.RecordRelation: ("subject", "object"),
    catalogue.Claim: ("source",),
    catalogue.OrganizationSeats: ("organization",),
    catalogue.Membership: ("person", "organization"),
}
REGISTERED = (
    catalogue.Collection,
    catalogue.Language,
    catalogue.Source,
    catalogue.Subject,
    catalogue.Person,
    catalogue.PersonName,
    catalogue.Organization,
    catalogue.OrganizationSeats,
    catalogue.Event,
    catalogue.Membership,
    catalogue.Record,
    catalogue.RecordPerson,
    catalogue.RecordOrganization,
    catalogue.RecordRelation,
    catalogue.Copy,
    catalogue.Image,
    catalogue.Claim,
)

# The tables behind the many-to-many fields (a record's subjects, a person's sources): a
# deleted subject's revision keeps its rows, so that recovering it gives the records it back.
LINKS = tuple(
    field.remote_field.through
    for model in REGISTERED
    for field in model._meta.local_many_to_many
    if field.remote_field.through._meta.auto_created
)
KEPT = frozenset((*REGISTERED, *LINKS))


def register_models() -> None:
    """Register the catalogue with django-reversion (called once from the app's ``ready()``)."""
    for model in (*REGISTERED, *LINKS):
        if not reversion.is_registered(model):
            reversion.register(model, fields=version_fields(model), follow=FOLLOW.get(model, ()))


def version_fields(model: type[models.Model]) -> list[str]:
    """The fields a version keeps: all but modeltranslation's untranslated columns.

    Those hold whichever language was active when saved; ``title_en`` and ``title_ru`` say it
    exactly, and a reverted object's ``title`` follows from them.
    """
    skip = translated_originals(model)
    return [
        field.name
        for field in model._meta.get_fields()
        if (field.concrete or field.many_to_many)
        and not field.auto_created
        and field.name not in skip
    ]


@contextlib.contextmanager
def revision(user=None, comment: str = ""):
    """Group every change made inside the block into one revision signed by ``user``.

    Objects saved through the ORM inside the block are recorded automatically; objects written
    in bulk must be added with ``reversion.add_to_revision(obj)``. The block is atomic.
    """
    with reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(comment)
        yield


def translated_originals(model: type[models.Model]) -> set[str]:
    # modeltranslation keeps the untranslated column too; the _en/_ru fields say it better.
    try:
        return set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return set()


def create_link_content_types(using: str = "default", **kwargs) -> None:
    """Give the link tables the content types their versions name (after ``migrate``).

    Django creates content types for the app's own models only; one created on demand inside
    a deletion that is then rolled back would stay in its cache, pointing at no row.
    """
    from django.contrib.contenttypes.models import ContentType

    for link in LINKS:
        ContentType.objects.db_manager(using).get_for_model(link)


def cascading(model: type[models.Model]) -> list[models.ForeignKey]:
    """The foreign keys through which deleting a ``model`` deletes rows the history keeps:
    a subject's links to records, a record's copies, a person's name variants and claims.

    The links of ``model``'s own many-to-many fields are left out: its version lists them.
    """
    own = {field.remote_field.through for field in model._meta.local_many_to_many}
    return [
        relation.field
        for relation in get_candidate_relations_to_delete(model._meta)
        if relation.on_delete is models.CASCADE
        and relation.related_model in KEPT
        and relation.related_model not in own
    ]


def followed(model: type[models.Model]) -> list[models.ForeignKey]:
    """The foreign keys of what a version of ``model`` carries along when reverted (FOLLOW)."""
    return [model._meta.get_field(name).field for name in FOLLOW.get(model, ())]


def link_name(row: models.Model) -> str:
    """How a row of a link table reads: "CPSU20-REP-001 … — Peace" rather than its id."""
    return " — ".join(
        str(getattr(row, field.name)) for field in row._meta.concrete_fields if field.is_relation
    )


def removed_with(
    model: type[models.Model], objects: list
) -> Iterator[tuple[models.ForeignKey, list]]:
    """What deleting ``objects`` removes with them: ``(foreign key, rows)``, level by level.

    The same cascade the database deletion follows, limited to what the history keeps; a few
    queries per level whatever the number of rows.
    """
    for field in cascading(model):
        related = field.model
        named_by = (
            [f.name for f in related._meta.concrete_fields if f.is_relation]
            if related in LINKS
            else NAMED_BY.get(related, ())
        )
        rows = []
        pks = [obj.pk for obj in objects]
        for start in range(0, len(pks), 500):
            rows.extend(
                related._base_manager.filter(**{f"{field.attname}__in": pks[start : start + 500]})
                .select_related(*named_by)
                .order_by("pk")
            )
        if rows:
            yield field, rows
            yield from removed_with(related, rows)
