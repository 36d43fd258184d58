"""Derived data kept in step with every write to records: a change marker and facet counts.

Both are written only by ``catalogue.changes``, in the transaction of the write itself, so
that a reader never scans or groups the whole collection to know what changed or how many.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeMarker(models.Model):
    """One row whose version moves with every write to records and their links.

    The cached facet counts are keyed on it: reading it is one lookup by primary key,
    whatever the size of the collection.
    """

    version = models.PositiveBigIntegerField(_("version"), default=0)
    changed_at = models.DateTimeField(_("last change"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("change marker")
        verbose_name_plural = _("change markers")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="change_marker_one")]

    def __str__(self):
        return f"version {self.version}"


class RecordFacet(models.Model):
    """A facet value a published record was last counted under (drafts have none).

    What ``FacetCount`` holds is the sum of these; keeping them lets a write take back
    exactly what a record counted for before, even after the record is deleted.
    """

    record_id = models.BigIntegerField(_("record"), db_index=True)
    facet = models.CharField(_("facet"), max_length=20)
    value = models.CharField(_("value"), max_length=64)

    class Meta:
        ordering = ["record_id", "facet", "value"]
        verbose_name = _("facet value of a record")
        verbose_name_plural = _("facet values of records")
        constraints = [
            models.UniqueConstraint(
                fields=["record_id", "facet", "value"], name="record_facet_unique"
            )
        ]

    def __str__(self):
        return f"{self.record_id} {self.facet}={self.value}"


class FacetCount(models.Model):
    """How many published records have ``facet`` = ``value`` among those that have
    ``filter_facet`` = ``filter_value`` (both empty: among all published records).

    ``facet`` "total" with an empty value counts the records of the filter themselves.
    """

    filter_facet = models.CharField(_("filter"), max_length=20, blank=True)
    filter_value = models.CharField(_("filter value"), max_length=64, blank=True)
    facet = models.CharField(_("facet"), max_length=20)
    value = models.CharField(_("value"), max_length=64, blank=True)
    count = models.IntegerField(_("count"), default=0)

    class Meta:
        ordering = ["filter_facet", "filter_value", "facet", "-count"]
        verbose_name = _("facet count")
        verbose_name_plural = _("facet counts")
        constraints = [
            models.UniqueConstraint(
                fields=["filter_facet", "filter_value", "facet", "value"],
                name="facet_count_unique",
            )
        ]
        indexes = [
            models.Index(
                fields=["filter_facet", "filter_value", "facet", "-count", "value"],
                name="facet_count_largest",
            )
        ]

    def __str__(self):
        return f"{self.filter_facet}={self.filter_value}: {self.facet}={self.value} {self.count}"
