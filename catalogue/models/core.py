"""Sources, subjects, languages and the arrangement into collections."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import Level, SourceKind, Status, choices_check
from .fields import EDTFField, Timestamped

validate_code = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _("Use letters, digits, dots, hyphens and underscores only, starting with a letter or digit."),
)
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


def check_not_own_ancestor(instance, message: str) -> None:
    """Refuse a parent that is the object itself or one of its descendants.

    A check constraint refuses an object that is its own parent; a longer cycle (A in B in A)
    is only seen by walking up the tree, one query a step.
    """
    ancestor, seen = instance.parent, set()
    while ancestor is not None and ancestor.pk not in seen:
        if instance.pk is not None and ancestor.pk == instance.pk:
            raise ValidationError({"parent": message})
        seen.add(ancestor.pk)
        ancestor = ancestor.parent


class KeyedQuerySet(models.QuerySet):
    """Natural keys for models identified by one unique field named in ``natural_key_field``."""

    def get_by_natural_key(self, key):
        return self.get(**{self.model.natural_key_field: key})


def published_record_roles(link_model) -> models.Prefetch:
    """``record_roles`` of a person or body, narrowed to published records, by date."""
    from .records import thumbnail_prefetches

    return models.Prefetch(
        "record_roles",
        queryset=link_model.objects.filter(record__status=Status.PUBLISHED)
        .select_related("record", "source")
        .prefetch_related(*thumbnail_prefetches("record__"))
        .order_by("record__date_earliest", "record__reference_code"),
    )


def claims() -> models.Prefetch:
    """The attributed claims of an object, each with its source."""
    from .holdings import Claim

    return models.Prefetch("claims", queryset=Claim.objects.select_related("source"))


class WithRecordsQuerySet(KeyedQuerySet):
    """Subjects and collections: counted and listed by their published records.

    Every method loads what its page shows in a fixed number of queries, and narrows the
    records to published ones, so that a draft never shows through another page.
    """

    def with_record_counts(self):
        return self.annotate(
            record_count=models.Count(
                "records", filter=models.Q(records__status=Status.PUBLISHED), distinct=True
            )
        )

    def for_detail(self):
        """With ``published_records``: the published records only, by date."""
        from .records import Record

        return self.with_record_counts().prefetch_related(
            models.Prefetch(
                "records",
                queryset=Record.objects.filter(status=Status.PUBLISHED)
                .select_related("collection")
                .with_thumbnails()
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

    def within(self, unit) -> list:
        """The primary keys of ``unit`` and every unit below it, at any depth (one query)."""
        children: dict = {}
        for pk, parent in self.values_list("pk", "parent"):
            children.setdefault(parent, []).append(pk)
        found, waiting = set(), [unit.pk]
        while waiting:
            pk = waiting.pop()
            if pk not in found:
                found.add(pk)
                waiting.extend(children.get(pk, ()))
        return sorted(found)


class Source(Timestamped):
    key = models.CharField(
        _("key"),
        max_length=64,
        unique=True,
        validators=[validate_code],
        help_text=_("Short stable key cited by other records, for example FRUS-9."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=SourceKind.choices,
        default=SourceKind.PUBLISHED,
        help_text=_(
            "A compilers' note is a remark of the catalogue's compilers, not a publication."
        ),
    )
    title = models.CharField(_("title"), max_length=500)
    title_is_description = models.BooleanField(
        _("title described by the catalogue"),
        default=False,
        help_text=_(
            "The source gives no title the catalogue could read: the title field says in the "
            "catalogue's own words what the source is."
        ),
    )
    author = models.CharField(_("author"), max_length=300, blank=True)
    date = EDTFField(
        _("date"), earliest="date_earliest", latest="date_latest", help_text=_("EDTF.")
    )
    date_earliest = models.DateField(_("earliest date"), null=True, blank=True, editable=False)
    date_latest = models.DateField(_("latest date"), null=True, blank=True, editable=False)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    note = models.TextField(
        _("note"), blank=True, help_text=_("What the source gives and how complete it is.")
    )

    objects = KeyedQuerySet.as_manager()
    natural_key_field = "key"

    class Meta:
        ordering = ["key"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(key__regex=CODE_PATTERN), name="source_key_format"
            ),
            choices_check("kind", SourceKind, "source_kind_valid"),
        ]

    def __str__(self):
        return f"[{self.key}] {self.title}"

    def natural_key(self):
        return (self.key,)


class Subject(Timestamped):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    label = models.CharField(_("label"), max_length=200)
    scope_note = models.TextField(_("scope note"), blank=True)

    objects = WithRecordsQuerySet.as_manager()
    natural_key_field = "slug"

    class Meta:
        ordering = ["label"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("catalogue:subject_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class Language(models.Model):
    code = models.CharField(
        _("code"),
        max_length=12,
        unique=True,
        validators=[RegexValidator(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", _("Use a BCP 47 code."))],
        help_text=_("BCP 47 / ISO 639 code, for example ru, en, pl."),
    )
    name = models.CharField(_("name"), max_length=100)

    objects = KeyedQuerySet.as_manager()
    natural_key_field = "code"

    class Meta:
        ordering = ["code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"),
                name="language_code_format",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class Collection(Timestamped):
    """A unit of arrangement (ISAD(G) fonds, series, file) in a tree."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    reference_code = models.CharField(
        _("reference code"), max_length=64, unique=True, validators=[validate_code]
    )
    title = models.CharField(_("title"), max_length=300)
    level = models.CharField(_("level of description"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    description = models.TextField(_("scope and content"), blank=True)

    objects = WithRecordsQuerySet.as_manager()
    natural_key_field = "slug"

    class Meta:
        ordering = ["reference_code"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        constraints = [
            choices_check("level", Level, "collection_level_valid"),
            models.CheckConstraint(
                condition=models.Q(reference_code__regex=CODE_PATTERN),
                name="collection_reference_code_format",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="collection_not_own_parent"
            ),
        ]

    def __str__(self):
        return f"{self.reference_code} {self.title}"

    def get_absolute_url(self):
        return reverse("catalogue:collection_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        check_not_own_ancestor(self, _("A collection cannot be part of itself."))
