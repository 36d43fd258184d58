"""What the public pages read: QuerySet methods mixed into each model's QuerySet.

Every method loads what its page shows in a fixed number of queries, and narrows related
records to published ones, so that a draft never shows through another page. Models are
imported inside the methods because the model modules import these mixins.
"""

from django.db import models
from django.db.models.functions import Coalesce

from .choices import MembershipRole, Status

PUBLISHED = Status.PUBLISHED


def _published_record_roles(link_model) -> models.Prefetch:
    """``record_roles`` of a person or body, narrowed to published records, by date."""
    return models.Prefetch(
        "record_roles",
        queryset=link_model.objects.filter(record__status=PUBLISHED)
        .select_related("record", "source")
        .order_by("record__date_earliest", "record__reference_code"),
    )


def _claims() -> models.Prefetch:
    from .holdings import Claim

    return models.Prefetch("claims", queryset=Claim.objects.select_related("source"))


class RecordQueries:
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

    def for_dublin_core(self):
        """What ``catalogue.crosswalk`` reads; related records only if published."""
        from .records import RecordOrganization, RecordPerson, RecordRelation

        return self.select_related("collection", "original_language").prefetch_related(
            "languages",
            "subjects",
            "sources",
            models.Prefetch("people", queryset=RecordPerson.objects.select_related("person")),
            models.Prefetch(
                "organizations",
                queryset=RecordOrganization.objects.select_related("organization"),
            ),
            models.Prefetch(
                "relations",
                queryset=RecordRelation.objects.filter(object__status=PUBLISHED)
                .select_related("object")
                .only("subject_id", "type", "object__reference_code"),
            ),
        )

    def for_citation(self):
        from .records import RecordPerson

        return self.select_related("collection").prefetch_related(
            models.Prefetch("people", queryset=RecordPerson.objects.select_related("person"))
        )

    def for_detail(self):
        """Everything the record page shows; related records on either side only if published."""
        from .agents import Event, Membership
        from .holdings import Copy
        from .records import RecordOrganization, RecordPerson, RecordRelation

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
                queryset=RecordRelation.objects.filter(object__status=PUBLISHED).select_related(
                    "object", "source"
                ),
            ),
            models.Prefetch(
                "inverse_relations",
                queryset=RecordRelation.objects.filter(subject__status=PUBLISHED).select_related(
                    "subject", "source"
                ),
            ),
            models.Prefetch("copies", queryset=Copy.objects.prefetch_related("sources", "images")),
            _claims(),
        )


class PersonQueries:
    def for_listing(self):
        """People with ``record_count``: how many published records name them."""
        return self.annotate(
            record_count=models.Count(
                "record_roles__record",
                filter=models.Q(record_roles__record__status=PUBLISHED),
                distinct=True,
            )
        )

    def for_detail(self):
        from .agents import Membership
        from .records import RecordPerson

        return self.prefetch_related(
            "names",
            "sources",
            models.Prefetch("memberships", queryset=Membership.objects.for_table()),
            _published_record_roles(RecordPerson),
            _claims(),
        )


class OrganizationQueries:
    def for_listing(self):
        return self.select_related("parent").annotate(
            member_count=models.Count("memberships__person", distinct=True)
        )

    def for_detail(self):
        from .agents import Membership, OrganizationSeats
        from .records import RecordOrganization

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
            _published_record_roles(RecordOrganization),
            _claims(),
        )


class SeatsQueries:
    def with_catalogued(self):
        """Each declared count with ``catalogued``: the people holding that role in the body.

        Ordered by body, then in the order of the roles (full members before candidates).
        """
        from .agents import Membership

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


class EventQueries:
    def for_listing(self):
        return self.select_related("parent").annotate(
            record_count=models.Count(
                "records", filter=models.Q(records__status=PUBLISHED), distinct=True
            )
        )

    def for_detail(self):
        from .agents import Event, Membership
        from .records import Record

        return self.select_related("parent").prefetch_related(
            models.Prefetch("children", queryset=Event.objects.chronological()),
            "sources",
            models.Prefetch(
                "records",
                queryset=Record.objects.filter(status=PUBLISHED).order_by(
                    "date_earliest", "reference_code"
                ),
            ),
            models.Prefetch("elections", queryset=Membership.objects.for_table()),
            _claims(),
        )


class WithRecordsQueries:
    """Subjects and collections: counted and listed by their published records."""

    def with_record_counts(self):
        return self.annotate(
            record_count=models.Count(
                "records", filter=models.Q(records__status=PUBLISHED), distinct=True
            )
        )

    def for_detail(self):
        """With ``published_records``: the published records only, by date."""
        from .records import Record

        return self.with_record_counts().prefetch_related(
            models.Prefetch(
                "records",
                queryset=Record.objects.filter(status=PUBLISHED)
                .select_related("collection")
                .order_by(models.F("date_earliest").asc(nulls_last=True), "reference_code"),
                to_attr="published_records",
            )
        )

    def tree(self) -> list:
        """Every unit as a tree in one query: the roots, each with ``nodes`` (its children)."""
        units = list(self.with_record_counts().order_by("reference_code"))
        by_pk = {unit.pk: unit for unit in units}
        roots = []
        for unit in units:
            unit.nodes = []
        for unit in units:
            parent = by_pk.get(unit.parent_id)
            (parent.nodes if parent else roots).append(unit)
        return roots

    def lineage(self, unit) -> list:
        """The units above ``unit``, outermost first (one query)."""
        by_pk = {other.pk: other for other in self.only("pk", "parent", "slug", "title")}
        chain, seen = [], {unit.pk}
        parent = by_pk.get(unit.parent_id)
        while parent is not None and parent.pk not in seen:
            chain.insert(0, parent)
            seen.add(parent.pk)
            parent = by_pk.get(parent.parent_id)
        return chain
