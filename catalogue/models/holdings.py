"""What the catalogue holds of a record: its copies and images, and claims about records."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogue.images import iiif
from catalogue.images.rights import validate_rights
from catalogue.images.storage import private_storage
from catalogue.images.validation import validate_image

from .core import KeyedQuerySet
from .fields import Timestamped, UnguessableImageField
from .records import Record


class CopyQuerySet(models.QuerySet):
    def get_by_natural_key(self, reference_code, key):
        return self.get(record__reference_code=reference_code, key=key)


class Copy(Timestamped):
    """A physical or digital instance of a record. Unknown holders and marks stay empty."""

    record = models.ForeignKey(
        Record, on_delete=models.CASCADE, related_name="copies", verbose_name=_("record")
    )
    key = models.SlugField(
        _("key"),
        max_length=100,
        help_text=_(
            "The catalogue's own key for this copy within the record; not an inventory mark."
        ),
    )
    label = models.CharField(_("label"), max_length=300)
    holder = models.CharField(_("holder or location"), max_length=300, blank=True)
    identifier = models.CharField(
        _("identifier"),
        max_length=200,
        blank=True,
        help_text=_("The holder's inventory mark, only where a source gives it."),
    )
    provenance = models.TextField(_("provenance"), blank=True)
    condition = models.CharField(_("condition"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    sources = models.ManyToManyField(
        "Source", blank=True, related_name="copies", verbose_name=_("sources")
    )

    objects = CopyQuerySet.as_manager()

    class Meta:
        ordering = ["record", "key"]
        verbose_name = _("copy")
        verbose_name_plural = _("copies")
        constraints = [
            models.UniqueConstraint(fields=["record", "key"], name="copy_unique_key"),
        ]

    def __str__(self):
        return self.label

    def natural_key(self):
        return (self.record.reference_code, self.key)

    natural_key.dependencies = ["catalogue.record"]


def image_upload_to(instance, filename: str) -> str:
    """``images/<random hex>.<real extension>``: the file field names the file, not its upload."""
    return f"images/{filename}"


def new_image_key() -> str:
    """The random name of an image's directory of derived files: unguessable, never reused."""
    return uuid.uuid4().hex


class Image(Timestamped):
    """An image of a record or of one of its copies.

    Its derivatives are made, and its files deleted, by ``catalogue.images.service``, which
    every path (admin, commands, history) calls: nothing happens in ``save()`` or a signal.
    """

    record = models.ForeignKey(
        Record,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="images",
        verbose_name=_("record"),
    )
    copy = models.ForeignKey(
        Copy,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="images",
        verbose_name=_("copy"),
    )
    file = UnguessableImageField(
        _("image file"),
        upload_to=image_upload_to,
        storage=private_storage,
        width_field="width",
        height_field="height",
        validators=[validate_image],
    )
    key = models.CharField(
        _("key"),
        max_length=32,
        unique=True,
        default=new_image_key,
        editable=False,
        help_text=_("The random name of the directory of the image's tiles and sizes."),
    )
    width = models.PositiveIntegerField(_("width"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True, editable=False)
    tiled = models.BooleanField(
        _("tiles made"),
        default=False,
        editable=False,
        help_text=_("Whether the image's tiles, sizes and info.json have been made."),
    )
    checksum = models.CharField(
        _("checksum"),
        max_length=64,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_(
            "The SHA-256 of the original file, by which a bulk import knows an image it has "
            "stored already."
        ),
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=500,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    rights = models.CharField(
        _("rights"),
        max_length=200,
        blank=True,
        validators=[validate_rights],
        help_text=_(
            "A RightsStatements.org or Creative Commons URI saying how the image may be used."
        ),
    )
    credit = models.CharField(
        _("credit"),
        max_length=300,
        blank=True,
        help_text=_("Who holds or gave the image, as it should be credited."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(record__isnull=False) & models.Q(copy__isnull=True))
                | (models.Q(record__isnull=True) & models.Q(copy__isnull=False)),
                name="image_of_record_or_copy",
                violation_error_message=_("An image belongs to a record or to a copy, not both."),
            ),
            models.CheckConstraint(condition=~models.Q(alt_text=""), name="image_has_alt_text"),
        ]

    def __str__(self):
        return self.alt_text or self.file.name

    @property
    def service_path(self) -> str:
        """The address path of the image's IIIF Image service (its record must be public)."""
        return iiif.public_path(self.key)

    @property
    def thumbnail_url(self) -> str:
        """The address path of a small size, for lists (its record must be public)."""
        return iiif.size_url(self.key, self.width, self.height, iiif.THUMBNAIL_SIDE)

    @property
    def display_url(self) -> str:
        """The address path of a screen-size image, for readers without the viewer."""
        return iiif.size_url(self.key, self.width, self.height, iiif.DISPLAY_SIDE)

    @property
    def display_size(self) -> tuple[int, int]:
        return iiif.best_size(self.width, self.height, iiif.DISPLAY_SIDE)

    @property
    def thumbnail_size(self) -> tuple[int, int]:
        return iiif.best_size(self.width, self.height, iiif.THUMBNAIL_SIDE)


class Claim(Timestamped):
    """One source's statement on a disputed point, so that a conflict is shown, not hidden.

    Two claims on the same topic of the same thing, from different sources, are a conflict;
    ``preferred`` marks the one the catalogue follows, and ``note`` says why.
    """

    slug = models.SlugField(_("key"), max_length=100, unique=True)
    record = models.ForeignKey(
        Record, on_delete=models.CASCADE, null=True, blank=True, related_name="claims"
    )
    event = models.ForeignKey(
        "Event", on_delete=models.CASCADE, null=True, blank=True, related_name="claims"
    )
    person = models.ForeignKey(
        "Person", on_delete=models.CASCADE, null=True, blank=True, related_name="claims"
    )
    organization = models.ForeignKey(
        "Organization", on_delete=models.CASCADE, null=True, blank=True, related_name="claims"
    )
    topic = models.CharField(_("topic"), max_length=200, help_text=_("For example: venue."))
    statement = models.TextField(_("statement"))
    source = models.ForeignKey(
        "Source", on_delete=models.PROTECT, related_name="claims", verbose_name=_("source")
    )
    preferred = models.BooleanField(_("followed by the catalogue"), default=False)
    note = models.TextField(_("note"), blank=True)

    objects = KeyedQuerySet.as_manager()
    natural_key_field = "slug"

    class Meta:
        ordering = ["topic", "-preferred", "slug"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(record__isnull=False, event=None, person=None, organization=None)
                    | models.Q(record=None, event__isnull=False, person=None, organization=None)
                    | models.Q(record=None, event=None, person__isnull=False, organization=None)
                    | models.Q(record=None, event=None, person=None, organization__isnull=False)
                ),
                name="claim_about_one_thing",
                violation_error_message=_(
                    "A claim is about exactly one record, event, person or organization."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.topic}: {self.statement} [{self.source.key}]"

    def natural_key(self):
        return (self.slug,)
