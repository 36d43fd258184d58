"""The search index: one folded, weighted text document per searchable object.

The engine's full-text index sits on top of this table: an FTS5 table kept in step by
triggers on SQLite, a weighted ``tsvector`` column with a GIN index on PostgreSQL (both
created by migration 0004). The documents are derived data: ``rebuild_search_index`` can
always recreate them from the catalogue.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import choices_check


class DocumentKind(models.TextChoices):
    RECORD = "record", _("record")
    PERSON = "person", _("person")
    ORGANIZATION = "organization", _("organization")
    EVENT = "event", _("event")


def _target(model: str) -> models.OneToOneField:
    return models.OneToOneField(
        model, on_delete=models.CASCADE, null=True, blank=True, related_name="search_document"
    )


class SearchDocument(models.Model):
    """What search sees of one record, person, organization or event.

    ``title`` (names, titles, reference code) weighs most, ``variants`` (recorded name
    variants, romanizations, the names of a record's people) less, ``body`` (descriptions,
    biographies) least. All three hold folded words separated by single spaces.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    record = _target("Record")
    person = _target("Person")
    organization = _target("Organization")
    event = _target("Event")
    public = models.BooleanField(
        _("public"), default=True, help_text=_("False for a draft record: never found publicly.")
    )
    title = models.TextField(_("title words"), blank=True)
    variants = models.TextField(_("variant words"), blank=True)
    body = models.TextField(_("body words"), blank=True)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            choices_check("kind", DocumentKind, "searchdocument_kind_valid"),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="record", record__isnull=False, person=None)
                    & models.Q(organization=None, event=None)
                )
                | (
                    models.Q(kind="person", person__isnull=False, record=None)
                    & models.Q(organization=None, event=None)
                )
                | (
                    models.Q(kind="organization", organization__isnull=False, record=None)
                    & models.Q(person=None, event=None)
                )
                | (
                    models.Q(kind="event", event__isnull=False, record=None)
                    & models.Q(person=None, organization=None)
                ),
                name="searchdocument_one_target_of_its_kind",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title[:60]}"

    @property
    def object_id(self) -> int | None:
        return getattr(self, f"{self.kind}_id", None)


class FullTextEntry(models.Model):
    """SQLite only: a row of the FTS5 table over ``SearchDocument`` (absent on PostgreSQL).

    Declared so that the ORM can join the full-text match and its bm25 ``rank`` to the
    searched model in one query; the table itself is created by migration 0004.
    """

    document = models.OneToOneField(
        SearchDocument,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        related_name="full_text",
    )
    match = models.TextField(db_column="catalogue_searchdocument_fts")
    rank = models.FloatField(db_column="rank")

    class Meta:
        managed = False
        db_table = "catalogue_searchdocument_fts"
        ordering = ["rank"]
        verbose_name = _("full-text entry")
        verbose_name_plural = _("full-text entries")

    def __str__(self):
        return str(self.document_id)
