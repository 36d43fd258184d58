"""People, organizations, their memberships, and events."""

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import Certainty, EventKind, MembershipRole, NameKind, OrganizationKind, choices_check
from .core import KeyedQuerySet, check_not_own_ancestor
from .fields import EDTFField, Timestamped
from .querysets import (
    EventQueries,
    OrganizationQueries,
    PersonQueries,
    SeatsQueries,
)

WIKIDATA_PATTERN = r"^Q[1-9][0-9]*$"
validate_wikidata = RegexValidator(WIKIDATA_PATTERN, _("A Wikidata id is Q followed by digits."))


def wikidata_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            condition=models.Q(wikidata_id="") | models.Q(wikidata_id__regex=WIKIDATA_PATTERN),
            name=f"{prefix}_wikidata_id_format",
        ),
        models.UniqueConstraint(
            fields=["wikidata_id"],
            condition=~models.Q(wikidata_id=""),
            name=f"{prefix}_wikidata_id_unique",
            violation_error_message=_("Another record already has this Wikidata id."),
        ),
    ]


def bounds_order(prefix: str, earliest: str, latest: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{earliest}__isnull": True})
        | models.Q(**{f"{latest}__isnull": True})
        | models.Q(**{f"{earliest}__lte": models.F(latest)}),
        name=f"{prefix}_{earliest}_before_{latest}",
    )


class PersonQuerySet(PersonQueries, KeyedQuerySet):
    def with_names(self):
        return self.prefetch_related("names")


class Person(Timestamped):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The name as it is usually written in each language."),
    )
    full_name = models.CharField(_("full name"), max_length=300, blank=True)
    native_name = models.CharField(_("name in the original script"), max_length=300, blank=True)
    native_language = models.CharField(
        _("language of the original name"), max_length=20, blank=True
    )
    birth_date = EDTFField(_("born"), earliest="birth_earliest", latest="birth_latest")
    birth_earliest = models.DateField(null=True, blank=True, editable=False)
    birth_latest = models.DateField(null=True, blank=True, editable=False)
    birth_date_note = models.CharField(
        _("note on the birth date"),
        max_length=300,
        blank=True,
        help_text=_("Old Style date or conflicting dates, as the sources give them."),
    )
    birth_place = models.CharField(_("place of birth"), max_length=200, blank=True)
    death_date = EDTFField(_("died"), earliest="death_earliest", latest="death_latest")
    death_earliest = models.DateField(null=True, blank=True, editable=False)
    death_latest = models.DateField(null=True, blank=True, editable=False)
    death_place = models.CharField(_("place of death"), max_length=200, blank=True)
    wikidata_id = models.CharField(
        _("Wikidata id"), max_length=20, blank=True, validators=[validate_wikidata]
    )
    biography = models.TextField(_("short biography"), blank=True)
    sources = models.ManyToManyField(
        "Source", blank=True, related_name="people", verbose_name=_("sources")
    )

    objects = PersonQuerySet.as_manager()
    natural_key_field = "slug"

    class Meta:
        ordering = ["name", "slug"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            *wikidata_constraints("person"),
            bounds_order("person", "birth_earliest", "birth_latest"),
            bounds_order("person", "death_earliest", "death_latest"),
            bounds_order("person", "birth_earliest", "death_latest"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:person_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class PersonNameQuerySet(models.QuerySet):
    def get_by_natural_key(self, person_slug, name):
        return self.get(person__slug=person_slug, name=name)


class PersonName(models.Model):
    """Another form of a person's name: a transliteration, a spelling, a birth name."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="names", verbose_name=_("person")
    )
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=NameKind.choices)
    language = models.CharField(_("language or system"), max_length=40, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = PersonNameQuerySet.as_manager()

    class Meta:
        ordering = ["person", "name"]
        verbose_name = _("name variant")
        verbose_name_plural = _("name variants")
        constraints = [
            choices_check("kind", NameKind, "personname_kind_valid"),
            models.UniqueConstraint(fields=["person", "name"], name="personname_unique"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.person.slug, self.name)

    natural_key.dependencies = ["catalogue.person"]


class OrganizationQuerySet(OrganizationQueries, KeyedQuerySet):
    pass


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
            bounds_order("organization", "founded_earliest", "dissolved_latest"),
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


class SeatsQuerySet(SeatsQueries, models.QuerySet):
    def get_by_natural_key(self, organization_slug, role):
        return self.get(organization__slug=organization_slug, role=role)


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


class EventQuerySet(EventQueries, KeyedQuerySet):
    def chronological(self):
        return self.order_by(models.F("date_earliest").asc(nulls_last=True), "slug")


class Event(Timestamped):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    date = EDTFField(_("date"), earliest="date_earliest", latest="date_latest")
    date_earliest = models.DateField(null=True, blank=True, editable=False)
    date_latest = models.DateField(null=True, blank=True, editable=False)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    sources = models.ManyToManyField(
        "Source", blank=True, related_name="events", verbose_name=_("sources")
    )

    objects = EventQuerySet.as_manager()
    natural_key_field = "slug"

    class Meta:
        ordering = ["date_earliest", "slug"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            choices_check("kind", EventKind, "event_kind_valid"),
            bounds_order("event", "date_earliest", "date_latest"),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="event_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:event_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        check_not_own_ancestor(self, _("An event cannot be part of itself."))


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
        Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("person")
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
        Event,
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
            bounds_order("membership", "start_earliest", "end_latest"),
            models.UniqueConstraint(
                fields=["person", "organization", "role", "start"], name="membership_unique"
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}, {self.organization}"

    def natural_key(self):
        return (self.person.slug, self.organization.slug, self.role, self.start)

    natural_key.dependencies = ["catalogue.person", "catalogue.organization", "catalogue.event"]
