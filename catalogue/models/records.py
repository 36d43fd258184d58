"""Records: the catalogued works (their links to people, bodies and records: ``record_links``)."""

from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import Level, RecordKind, Status, choices_check
from .core import CODE_PATTERN, KeyedQuerySet, claims, validate_code
from .fields import EDTFField, Timestamped

# True for a record without a date: ordering by it first puts undated records last.
UNDATED = models.ExpressionWrapper(
    models.Q(date_earliest__isnull=True), output_field=models.BooleanField()
)


def thumbnail_prefetches(path: str = "") -> list[models.Prefetch]:
    """Each record's first tiled image, and its copies' first tiled images for a record
    without one: at most one image per record or copy is read (a window in SQL), in three
    queries for a whole list. ``path`` leads from the listed objects to their records
    (``"record__"`` for a person's roles)."""
    from .holdings import Copy, Image

    first = Image.objects.filter(tiled=True)[:1]
    copies = Copy.objects.prefetch_related(
        models.Prefetch("images", queryset=first, to_attr="first_images")
    )
    return [
        models.Prefetch(f"{path}images", queryset=first, to_attr="first_images"),
        models.Prefetch(f"{path}copies", queryset=copies, to_attr="listed_copies"),
    ]


class RecordQuerySet(KeyedQuerySet):
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

    def for_listing(self):
        """What a line in a list shows: the collection, and how many images there are."""
        from .holdings import Image

        # A correlated subquery, not a join with GROUP BY: SQL evaluates it only for the rows
        # of the page, and the count and the ordering keep using the record indexes.
        images = (
            Image.objects.filter(record=models.OuterRef("pk"))
            .order_by()
            .values("record")
            .annotate(total=models.Count("pk"))
            .values("total")
        )
        return self.select_related("collection").annotate(
            image_count=Coalesce(models.Subquery(images, output_field=models.IntegerField()), 0)
        )

    def with_thumbnails(self):
        """The image a list shows beside each record (``Record.thumbnail``): see
        ``thumbnail_prefetches``."""
        return self.prefetch_related(*thumbnail_prefetches())

    def for_citation(self):
        from .record_links import RecordPerson

        return self.select_related("collection").prefetch_related(
            models.Prefetch("people", queryset=RecordPerson.objects.select_related("person"))
        )

    def with_images(self):
        """Records with at least one image whose tiles are made, on the record or a copy: the
        records that have a IIIF manifest. Two ``EXISTS``, each answered from a foreign key's
        index, so a record is never repeated."""
        from .holdings import Image

        tiled = Image.objects.filter(tiled=True)
        own = tiled.filter(record=models.OuterRef("pk"))
        on_copies = tiled.filter(copy__record=models.OuterRef("pk"))
        return self.filter(models.Exists(own) | models.Exists(on_copies))

    def with_tiled_images(self):
        """With ``tiled_images`` on each record and on each of its copies: the images whose
        tiles are made, in order (three queries, whatever the number of records)."""
        from .holdings import Copy, Image

        tiled = Image.objects.filter(tiled=True)
        return self.prefetch_related(
            models.Prefetch("images", queryset=tiled, to_attr="tiled_images"),
            models.Prefetch(
                "copies",
                queryset=Copy.objects.prefetch_related(
                    models.Prefetch("images", queryset=tiled, to_attr="tiled_images")
                ),
            ),
        )

    def for_manifest(self):
        """What a record's IIIF manifest says: the page's fields and ``with_tiled_images()``."""
        from .record_links import RecordOrganization, RecordPerson

        return (
            self.with_tiled_images()
            .select_related("collection", "original_language")
            .prefetch_related(
                "languages",
                "subjects",
                models.Prefetch("people", queryset=RecordPerson.objects.select_related("person")),
                models.Prefetch(
                    "organizations",
                    queryset=RecordOrganization.objects.select_related("organization"),
                ),
            )
        )

    def for_detail(self):
        """Everything the record page shows; related records on either side only if published.

        Related objects are narrowed to published records so that a draft never shows
        through another record's page. The record page loads the same, alike, through
        ``record_page.load()``: what one of them gains, the other needs too.
        """
        from .agents import Event
        from .holdings import Copy
        from .organizations import Membership
        from .record_links import RecordOrganization, RecordPerson, RecordRelation

        people = RecordPerson.objects.select_related("person", "source").prefetch_related(
            models.Prefetch(
                "person__memberships", queryset=Membership.objects.select_related("organization")
            )
        )
        return self.select_related("collection", "original_language").prefetch_related(
            "languages",
            "subjects",
            "sources",
            "images",
            models.Prefetch("events", queryset=Event.objects.chronological()),
            models.Prefetch("people", queryset=people),
            models.Prefetch(
                "organizations",
                queryset=RecordOrganization.objects.select_related("organization", "source"),
            ),
            models.Prefetch(
                "relations",
                # A join on the related record, not "in (every published record)".
                queryset=RecordRelation.objects.filter(
                    object__status=Status.PUBLISHED
                ).select_related("object", "source"),
            ),
            models.Prefetch(
                "inverse_relations",
                queryset=RecordRelation.objects.filter(
                    subject__status=Status.PUBLISHED
                ).select_related("subject", "source"),
            ),
            models.Prefetch("copies", queryset=Copy.objects.prefetch_related("sources", "images")),
            claims(),
        )


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
                violation_error_message=_("The date ends before it begins."),
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
            # PostgreSQL keeps the id in it too, so a page asked for by number skips its rows
            # in the index alone (SQLite's indexes hold the id anyway).
            models.Index(
                F("status"),
                UNDATED,
                F("date_earliest"),
                F("reference_code"),
                include=["id"],
                name="record_status_undated_last",
            ),
            # Latest first (sort "-date", NULLS LAST) from the index, alone or within a kind,
            # with a date range checked in the index: no sort of every match to show 20.
            # PostgreSQL builds them NULLS LAST (migration 0014), as the order asks.
            models.Index(
                fields=["status", "-date_latest", "reference_code", "date_earliest"],
                name="record_status_latest",
            ),
            models.Index(
                fields=["status", "kind", "-date_latest", "reference_code", "date_earliest"],
                name="record_status_kind_latest",
            ),
            # Title order in each language (the list's "title, A to Z" and back), from the index.
            models.Index(
                F("status"), Lower("title_en"), F("reference_code"), name="record_status_title_en"
            ),
            models.Index(
                F("status"), Lower("title_ru"), F("reference_code"), name="record_status_title_ru"
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
    def thumbnail(self):
        """The record's image for lists, from ``with_thumbnails()`` (no query); ``None``
        without one, or when the queryset did not ask for it."""
        for image in getattr(self, "first_images", []):
            return image
        for copy in getattr(self, "listed_copies", []):
            for image in copy.first_images:
                return image
        return None

    @property
    def viewer_images(self) -> list:
        """The images the viewer shows, the record's then each copy's, that have their tiles:
        from ``for_detail()``'s prefetch (no query)."""
        images = [image for image in self.images.all() if image.tiled]
        for copy in self.copies.all():
            images.extend(image for image in copy.images.all() if image.tiled)
        return images

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED
