"""Records (the catalogued works), their copies, images, relations and attributed claims."""

from django.db import models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import (
    Certainty,
    Level,
    OrganizationRole,
    PersonRole,
    RecordKind,
    RelationType,
    Status,
    choices_check,
)
from .core import CODE_PATTERN, KeyedQuerySet, validate_code
from .fields import EDTFField, Timestamped
from .querysets import RecordQueries

# True for a record without a date: ordering by it first puts undated records last.
UNDATED = models.ExpressionWrapper(
    models.Q(date_earliest__isnull=True), output_field=models.BooleanField()
)


class RecordQuerySet(RecordQueries, KeyedQuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def state(self) -> tuple:
        """The latest change and the number of records: a key that moves on every write.

        Saves, publishing and imports all set ``updated_at``; a deletion changes the count.
        One query, answered from indexes.
        """
        row = self.order_by().aggregate(latest=models.Max("updated_at"), total=models.Count("pk"))
        return (row["latest"].isoformat() if row["latest"] else "", row["total"])

    def publish(self) -> int:
        """Publish every draft in the queryset; returns how many changed.

        ``update()`` sends no signals, so the search index is told here.
        """
        from .. import tombstones
        from ..search.index import set_records_public

        with transaction.atomic(using=self.db):
            pks = list(self.drafts().values_list("pk", flat=True))
            tombstones.clear(self.drafts().values_list("reference_code", flat=True))
            self._update_in_batches(
                pks, status=Status.PUBLISHED, published_at=timezone.now(), updated_at=timezone.now()
            )
            set_records_public(pks, public=True)
        return len(pks)

    def unpublish(self) -> int:
        """Return every published record in the queryset to draft; returns how many changed."""
        from .. import tombstones
        from ..search.index import set_records_public

        with transaction.atomic(using=self.db):
            pks = list(self.published().values_list("pk", flat=True))
            tombstones.withdraw(self.published())
            self._update_in_batches(
                pks, status=Status.DRAFT, published_at=None, updated_at=timezone.now()
            )
            set_records_public(pks, public=False)
        return len(pks)

    def _update_in_batches(self, pks: list[int], **values) -> None:
        # Bounded IN lists: SQLite refuses more than 32,766 parameters in one statement.
        manager = self.model._default_manager.db_manager(self.db)
        for start in range(0, len(pks), 2000):
            manager.filter(pk__in=pks[start : start + 2000]).update(**values)


class Record(Timestamped):
    reference_code = models.CharField(
        _("reference code"),
        max_length=64,
        unique=True,
        validators=[validate_code],
        help_text=_("Stable identifier used in the record's permanent address."),
    )
    collection = models.ForeignKey(
        "Collection",
        on_delete=models.PROTECT,
        related_name="records",
        verbose_name=_("collection"),
    )
    level = models.CharField(
        _("level of description"), max_length=20, choices=Level.choices, default=Level.ITEM
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RecordKind.choices)
    title = models.CharField(_("title"), max_length=500)
    original_title = models.CharField(
        _("title in the original language"), max_length=500, blank=True
    )
    original_language = models.ForeignKey(
        "Language",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("original language"),
    )
    description = models.TextField(_("scope and content"), blank=True)
    languages = models.ManyToManyField(
        "Language", blank=True, related_name="records", verbose_name=_("languages")
    )
    extent = models.CharField(_("extent"), max_length=300, blank=True)
    date = EDTFField(
        _("date"),
        earliest="date_earliest",
        latest="date_latest",
        help_text=_("EDTF: 1956-02-25, 1956-02~, 1922-12-23/1923-01-04. Empty when unknown."),
    )
    date_earliest = models.DateField(_("earliest date"), null=True, blank=True, editable=False)
    date_latest = models.DateField(_("latest date"), null=True, blank=True, editable=False)
    date_note = models.CharField(_("note on the date"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    subjects = models.ManyToManyField(
        "Subject", blank=True, related_name="records", verbose_name=_("subjects")
    )
    events = models.ManyToManyField(
        "Event", blank=True, related_name="records", verbose_name=_("events")
    )
    sources = models.ManyToManyField(
        "Source", blank=True, related_name="records", verbose_name=_("sources")
    )

    objects = RecordQuerySet.as_manager()
    natural_key_field = "reference_code"

    class Meta:
        ordering = ["reference_code"]
        verbose_name = _("record")
        verbose_name_plural = _("records")
        permissions = [
            ("publish_record", _("Can publish and unpublish records")),
            ("import_catalogue", _("Can import and export the catalogue in bulk")),
        ]
        constraints = [
            choices_check("level", Level, "record_level_valid"),
            choices_check("kind", RecordKind, "record_kind_valid"),
            choices_check("status", Status, "record_status_valid"),
            models.CheckConstraint(
                condition=models.Q(reference_code__regex=CODE_PATTERN),
                name="record_reference_code_format",
            ),
            models.CheckConstraint(
                condition=models.Q(date_earliest__isnull=True)
                | models.Q(date_latest__isnull=True)
                | models.Q(date_earliest__lte=models.F("date_latest")),
                name="record_date_earliest_before_latest",
            ),
            models.CheckConstraint(
                condition=models.Q(status=Status.DRAFT) | models.Q(published_at__isnull=False),
                name="record_published_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "date_earliest"], name="record_status_date"),
            models.Index(fields=["status", "kind"], name="record_status_kind"),
            # For the public list at 100,000 records (see benchmark_pages): a kind and date
            # range, newest first, and deep pages by reference or by date, from the index.
            models.Index(
                fields=["status", "kind", "-date_earliest", "reference_code", "date_latest"],
                name="record_status_kind_newest",
            ),
            models.Index(fields=["status", "reference_code"], name="record_status_reference"),
            models.Index(
                fields=["status", "-date_earliest", "reference_code"], name="record_status_newest"
            ),
            # Earliest first with undated records last (the list's default order), from the
            # index even for deep pages: NULLS LAST itself cannot use an ascending index.
            models.Index(
                F("status"),
                UNDATED,
                F("date_earliest"),
                F("reference_code"),
                name="record_status_undated_last",
            ),
            # The latest change keys the cached facet counts (RecordQuerySet.state()).
            models.Index(fields=["updated_at"], name="record_updated"),
            # OAI-PMH harvests published records by datestamp, then id (catalogue.oai).
            models.Index(fields=["status", "updated_at", "id"], name="record_harvest_order"),
        ]

    def __str__(self):
        return f"{self.reference_code} {self.title}"

    def get_absolute_url(self):
        return reverse("catalogue:record_detail", kwargs={"reference": self.reference_code})

    def natural_key(self):
        return (self.reference_code,)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class RecordPersonQuerySet(models.QuerySet):
    def get_by_natural_key(self, reference_code, person_slug, role):
        return self.get(record__reference_code=reference_code, person__slug=person_slug, role=role)


class RecordPerson(models.Model):
    """A person's part in a record: author, speaker, addressee, subject or mentioned."""

    record = models.ForeignKey(
        Record, on_delete=models.CASCADE, related_name="people", verbose_name=_("record")
    )
    person = models.ForeignKey(
        "Person", on_delete=models.PROTECT, related_name="record_roles", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=PersonRole.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    source = models.ForeignKey(
        "Source", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("source")
    )

    objects = RecordPersonQuerySet.as_manager()

    class Meta:
        ordering = ["record", "role", "person__name"]
        verbose_name = _("person in a record")
        verbose_name_plural = _("people in the record")
        constraints = [
            choices_check("role", PersonRole, "recordperson_role_valid"),
            models.UniqueConstraint(
                fields=["record", "person", "role"], name="recordperson_unique"
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    def natural_key(self):
        return (self.record.reference_code, self.person.slug, self.role)

    natural_key.dependencies = ["catalogue.record", "catalogue.person"]


class RecordOrganizationQuerySet(models.QuerySet):
    def get_by_natural_key(self, reference_code, organization_slug, role):
        return self.get(
            record__reference_code=reference_code, organization__slug=organization_slug, role=role
        )


class RecordOrganization(models.Model):
    """A body's part in a record, such as the body that issued a resolution."""

    record = models.ForeignKey(
        Record, on_delete=models.CASCADE, related_name="organizations", verbose_name=_("record")
    )
    organization = models.ForeignKey(
        "Organization",
        on_delete=models.PROTECT,
        related_name="record_roles",
        verbose_name=_("organization"),
    )
    role = models.CharField(_("role"), max_length=20, choices=OrganizationRole.choices)
    certainty = models.CharField(
        _("certainty"), max_length=10, choices=Certainty.choices, default=Certainty.STATED
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    source = models.ForeignKey(
        "Source", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("source")
    )

    objects = RecordOrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["record", "role", "organization__name"]
        verbose_name = _("organization in a record")
        verbose_name_plural = _("organizations in the record")
        constraints = [
            choices_check("role", OrganizationRole, "recordorganization_role_valid"),
            choices_check("certainty", Certainty, "recordorganization_certainty_valid"),
            models.UniqueConstraint(
                fields=["record", "organization", "role"], name="recordorganization_unique"
            ),
        ]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"

    def natural_key(self):
        return (self.record.reference_code, self.organization.slug, self.role)

    natural_key.dependencies = ["catalogue.record", "catalogue.organization"]


class RecordRelationQuerySet(models.QuerySet):
    def get_by_natural_key(self, subject_code, object_code, relation_type):
        return self.get(
            subject__reference_code=subject_code,
            object__reference_code=object_code,
            type=relation_type,
        )


class RecordRelation(models.Model):
    """A typed link between records: *subject* is a ``type`` of *object*."""

    subject = models.ForeignKey(
        Record, on_delete=models.CASCADE, related_name="relations", verbose_name=_("record")
    )
    object = models.ForeignKey(
        Record,
        on_delete=models.CASCADE,
        related_name="inverse_relations",
        verbose_name=_("related record"),
    )
    type = models.CharField(_("relation"), max_length=20, choices=RelationType.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    source = models.ForeignKey(
        "Source", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("source")
    )

    objects = RecordRelationQuerySet.as_manager()

    class Meta:
        ordering = ["subject", "type", "object"]
        verbose_name = _("related record")
        verbose_name_plural = _("related records")
        constraints = [
            choices_check("type", RelationType, "recordrelation_type_valid"),
            models.UniqueConstraint(
                fields=["subject", "object", "type"], name="recordrelation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(subject=models.F("object")),
                name="recordrelation_not_to_itself",
                violation_error_message=_("A record cannot be related to itself."),
            ),
        ]

    def __str__(self):
        return (
            f"{self.subject.reference_code} {self.get_type_display()} {self.object.reference_code}"
        )

    def natural_key(self):
        return (self.subject.reference_code, self.object.reference_code, self.type)

    natural_key.dependencies = ["catalogue.record"]
