"""The typed links of a record: people and bodies with their parts, and other records."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import (
    Certainty,
    OrganizationRole,
    PersonRole,
    RelationType,
    choices_check,
)
from .records import Record


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
