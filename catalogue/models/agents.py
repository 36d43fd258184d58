"""People, their name variants, and events (bodies and memberships: ``organizations``)."""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import EventKind, NameKind, Status, choices_check
from .core import KeyedQuerySet, check_not_own_ancestor, claims, published_record_roles
from .fields import EDTFField, Timestamped

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


DATES_REVERSED = _("The date ends before it begins.")


def bounds_order(
    prefix: str, earliest: str, latest: str, message=DATES_REVERSED
) -> models.CheckConstraint:
    """``earliest`` is on or before ``latest``; ``message`` says so to a user (the admin's
    form and an import's row show it in place of the constraint's name)."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{earliest}__isnull": True})
        | models.Q(**{f"{latest}__isnull": True})
        | models.Q(**{f"{earliest}__lte": models.F(latest)}),
        name=f"{prefix}_{earliest}_before_{latest}",
        violation_error_message=message,
    )


class PersonQuerySet(KeyedQuerySet):
    def with_names(self):
        return self.prefetch_related("names")

    def for_listing(self):
        """People with ``record_count``: how many published records name them."""
        return self.annotate(
            record_count=models.Count(
                "record_roles__record",
                filter=models.Q(record_roles__record__status=Status.PUBLISHED),
                distinct=True,
            )
        )

    def for_detail(self):
        from .organizations import Membership
        from .record_links import RecordPerson

        return self.prefetch_related(
            "names",
            "sources",
            models.Prefetch("memberships", queryset=Membership.objects.for_table()),
            published_record_roles(RecordPerson),
            claims(),
        )


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
            bounds_order(
                "person",
                "birth_earliest",
                "death_latest",
                _("The date of death comes before the date of birth."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:person_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def attested_names(self) -> list:
        """The name variants found in sources (reads ``names``: one query unless prefetched)."""
        return [name for name in self.names.all() if not name.generated]

    def generated_names(self) -> list:
        """The variants the catalogue derived for search (reads ``names`` like the above)."""
        return [name for name in self.names.all() if name.generated]


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
    generated = models.BooleanField(
        _("generated by the catalogue"),
        default=False,
        help_text=_(
            "Derived mechanically (for example transliterated) so that search finds it; not a "
            "spelling found in a source, and not shown as one."
        ),
    )

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


class EventQuerySet(KeyedQuerySet):
    def chronological(self):
        return self.order_by(models.F("date_earliest").asc(nulls_last=True), "slug")

    def for_listing(self):
        return self.select_related("parent").annotate(
            record_count=models.Count(
                "records", filter=models.Q(records__status=Status.PUBLISHED), distinct=True
            )
        )

    def for_detail(self):
        from .organizations import Membership
        from .records import Record

        return self.select_related("parent").prefetch_related(
            models.Prefetch("children", queryset=Event.objects.chronological()),
            "sources",
            models.Prefetch(
                "records",
                queryset=Record.objects.filter(status=Status.PUBLISHED)
                .with_thumbnails()
                .order_by("date_earliest", "reference_code"),
            ),
            models.Prefetch("elections", queryset=Membership.objects.for_table()),
            claims(),
        )


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
