"""Which models the history keeps, and what each version carries along."""

import contextlib

import reversion
from django.db import models
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


def register_models() -> None:
    """Register the catalogue with django-reversion (called once from the app's ``ready()``)."""
    for model in REGISTERED:
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
