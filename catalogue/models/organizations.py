"""Bodies, the seats the sources declare for them, and people's memberships (Popolo)."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .agents import bounds_order, validate_wikidata, wikidata_constraints
from .choices import Certainty, MembershipRole, OrganizationKind, choices_check
from .core import KeyedQuerySet, check_not_own_ancestor, claims, published_record_roles
from .fields import EDTFField, Timestamped


class OrganizationQuerySet(KeyedQuerySet):
    def for_listing(self):
        return self.select_related("parent").annotate(
            member_count=models.Count("memberships__person", distinct=True)
        )

    def for_detail(self):
        from .record_links import RecordOrganization

        return self.select_related("parent").prefetch_related(
            "children",
            "sources",
            models.Prefetch(
                "seats",
                queryset=OrganizationSeats.objects.with_catalogued().select_related("source"),
            ),
            models.Prefetch(
                "memberships",
                queryset=Membership.objects.for_table().order_by("role", "person__name"),
            ),
            published_record_roles(RecordOrganization),
            claims(),
        )


class Organization(Timestamped):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=300)
    abbreviation = models.CharField(_("abbreviation"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    founded = EDTFField(_("founded"), earliest="founded_earliest", latest="founded_latest")
    founded_earliest = models.DateField(null=True, blank=True, editable=False)
    founded_latest = models.DateField(null=True, blank=True, editable=False)
    dissolved = EDTFField(_("dissolved"), earliest="dissolved_earliest", latest="dissolved_latest")
    dissolved_earliest = models.DateField(null=True, blank=True, editable=False)
    dissolved_latest = models.DateField(null=True, blank=True, editable=False)
    description = models.TextField(_("description"), blank=True)
    where_listed = models.TextField(
        _("where the complete membership is listed"),
        blank=True,
        help_text=_("Where a reader finds the members the catalogue does not hold."),
    )
    wikidata_id = models.CharField(
        _("Wikidata id"), max_length=20, blank=True, validators=[validate_wikidata]
    )
    sources = models.ManyToManyField(
        "Source", blank=True, related_name="organizations", verbose_name=_("sources")
    )

    objects = OrganizationQuerySet.as_manager()
    natural_key_field = "slug"

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            choices_check("kind", OrganizationKind, "organization_kind_valid"),
            *wikidata_constraints("organization"),
            bounds_order(
                "organization",
                "founded_earliest",
                "dissolved_latest",
                _("The date of dissolution comes before the date of founding."),
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="organization_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:organization_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        check_not_own_ancestor(self, _("An organization cannot be part of itself."))


class SeatsQuerySet(models.QuerySet):
    def get_by_natural_key(self, organization_slug, role):
        return self.get(organization__slug=organization_slug, role=role)

    def with_catalogued(self):
        """Each declared count with ``catalogued``: the people holding that role in the body.

        Ordered by body, then in the order of the roles (full members before candidates).
        """
        held = (
            Membership.objects.filter(
                organization=models.OuterRef("organization"), role=models.OuterRef("role")
            )
            .order_by()
            .values("organization")
            .annotate(people=models.Count("person", distinct=True))
            .values("people")
        )
        role_order = models.Case(
            *(
                models.When(role=value, then=models.Value(index))
                for index, value in enumerate(MembershipRole.values)
            ),
            output_field=models.IntegerField(),
        )
        return self.annotate(
            catalogued=Coalesce(models.Subquery(held), 0, output_field=models.IntegerField()),
            role_order=role_order,
        ).order_by("organization__name", "role_order")


class OrganizationSeats(models.Model):
    """The number of seats of one role that the sources give for a body (133 full members)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="seats", verbose_name=_("organization")
    )
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices)
    count = models.PositiveIntegerField(_("declared seats"), validators=[MinValueValidator(1)])
    source = models.ForeignKey(
        "Source", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("source")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = SeatsQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "role"]
        verbose_name = _("declared seats")
        verbose_name_plural = _("declared seats")
        constraints = [
            choices_check("role", MembershipRole, "organizationseats_role_valid"),
            models.CheckConstraint(
                condition=models.Q(count__gte=1), name="organizationseats_count_positive"
            ),
            models.UniqueConstraint(
                fields=["organization", "role"], name="organizationseats_unique"
            ),
        ]

    def __str__(self):
        return f"{self.organization}: {self.count} × {self.get_role_display()}"

    def natural_key(self):
        return (self.organization.slug, self.role)

    natural_key.dependencies = ["catalogue.organization"]


class MembershipQuerySet(models.QuerySet):
    def get_by_natural_key(self, person_slug, organization_slug, role, start):
        return self.get(
            person__slug=person_slug, organization__slug=organization_slug, role=role, start=start
        )

    def for_table(self):
        return self.select_related("person", "organization", "elected_by").prefetch_related(
            "sources"
        )


class Membership(Timestamped):
    """A person's seat in a body (Popolo), with how sure the catalogue is of it and why."""

    person = models.ForeignKey(
        "Person", on_delete=models.PROTECT, related_name="memberships", verbose_name=_("person")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organization"),
    )
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices)
    start = EDTFField(_("from"), earliest="start_earliest", latest="start_latest")
    start_earliest = models.DateField(null=True, blank=True, editable=False)
    start_latest = models.DateField(null=True, blank=True, editable=False)
    end = EDTFField(_("until"), earliest="end_earliest", latest="end_latest")
    end_earliest = models.DateField(null=True, blank=True, editable=False)
    end_latest = models.DateField(null=True, blank=True, editable=False)
    elected_by = models.ForeignKey(
        "Event",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="elections",
        verbose_name=_("elected by"),
    )
    certainty = models.CharField(_("certainty"), max_length=10, choices=Certainty.choices)
    basis = models.TextField(
        _("basis"),
        blank=True,
        help_text=_("What the source says, or how the membership was inferred (required then)."),
    )
    sources = models.ManyToManyField(
        "Source", blank=True, related_name="memberships", verbose_name=_("sources")
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "role", "person__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            choices_check("role", MembershipRole, "membership_role_valid"),
            choices_check("certainty", Certainty, "membership_certainty_valid"),
            models.CheckConstraint(
                condition=models.Q(certainty=Certainty.STATED) | ~models.Q(basis=""),
                name="membership_inferred_has_basis",
                violation_error_message=_("An inferred membership must say how it was inferred."),
            ),
            bounds_order(
                "membership",
                "start_earliest",
                "end_latest",
                _("The membership ends before it starts."),
            ),
            models.UniqueConstraint(
                fields=["person", "organization", "role", "start"], name="membership_unique"
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}, {self.organization}"

    def natural_key(self):
        return (self.person.slug, self.organization.slug, self.role, self.start)

    natural_key.dependencies = ["catalogue.person", "catalogue.organization", "catalogue.event"]
