"""What a record leaves behind at its permanent address: a tombstone, or a former code."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import RecordKind
from .core import CODE_PATTERN, validate_code


class TombstoneQuerySet(models.QuerySet):
    def for_harvest(self):
        """What an OAI-PMH header of a deleted record needs: the collection for its sets."""
        return self.select_related("collection")


class Tombstone(models.Model):
    """A published record that was withdrawn or deleted: its address answers 410 Gone."""

    reference_code = models.CharField(
        _("reference code"), max_length=64, unique=True, validators=[validate_code]
    )
    title = models.CharField(_("title"), max_length=500)
    withdrawn_at = models.DateTimeField(_("withdrawn"), default=timezone.now, db_index=True)
    note = models.TextField(
        _("public note"),
        blank=True,
        help_text=_("Shown to the public at the record's address: why it was withdrawn."),
    )
    # The collection and kind the record had, so that deletions reach selective harvests.
    collection = models.ForeignKey(
        "Collection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("collection"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RecordKind.choices, blank=True)

    objects = TombstoneQuerySet.as_manager()

    class Meta:
        ordering = ["-withdrawn_at", "reference_code"]
        verbose_name = _("tombstone")
        verbose_name_plural = _("tombstones")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="") | models.Q(kind__in=RecordKind.values),
                name="tombstone_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(reference_code__regex=CODE_PATTERN),
                name="tombstone_reference_code_format",
            ),
        ]
        indexes = [
            models.Index(fields=["withdrawn_at", "id"], name="tombstone_harvest_order"),
        ]

    def __str__(self):
        return f"{self.reference_code} {self.title}"

    def get_absolute_url(self):
        return reverse("catalogue:record_detail", kwargs={"reference": self.reference_code})


class FormerReference(models.Model):
    """A reference code a record used to have: its old address redirects to the new one."""

    reference_code = models.CharField(
        _("former reference code"), max_length=64, unique=True, validators=[validate_code]
    )
    record = models.ForeignKey(
        "Record",
        on_delete=models.CASCADE,
        related_name="former_references",
        verbose_name=_("record"),
    )
    replaced_at = models.DateTimeField(_("replaced"), default=timezone.now)

    class Meta:
        ordering = ["reference_code"]
        verbose_name = _("former reference code")
        verbose_name_plural = _("former reference codes")

    def __str__(self):
        return self.reference_code
