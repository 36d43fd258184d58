"""Deleting in the admin without losing what published records link to.

Django's delete confirmation lists the rows a deletion removes, but a subject's links to
records are rows of a many-to-many table that it shows as "Record-subject relationship
object (12)". Here every deletion (the delete page and the "delete selected" action) first
works out which published records would lose a link, and to what. An editor may not delete
such an object at all; a curator is shown the records before confirming, and the deletion's
revision keeps the links, so that recovering the object gives the records them back.
"""

import dataclasses
from collections import defaultdict

from django.contrib import admin, messages
from django.contrib.admin import actions
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from catalogue import history
from catalogue.models import Copy, Record

from .permissions import may_delete, may_publish


@dataclasses.dataclass(frozen=True)
class Loss:
    """The published records that lose their link to one thing (a subject, a copy...).

    ``kept`` when the database refuses to cut the link (a record's collection, a person's
    role on a record): nobody can delete the thing then, and the records are only named.
    """

    kind: str
    name: str
    references: tuple[str, ...]
    kept: bool = False

    def __str__(self):
        values = {
            "count": len(self.references),
            "kind": self.kind,
            "name": self.name,
            "references": ", ".join(self.references),
        }
        if self.kept:
            return (
                ngettext(
                    "This published record links to the %(kind)s “%(name)s”: %(references)s",
                    "These %(count)d published records link to the %(kind)s “%(name)s”: "
                    "%(references)s",
                    len(self.references),
                )
                % values
            )
        return (
            ngettext(
                "This published record will lose the %(kind)s “%(name)s”: %(references)s",
                "These %(count)d published records will lose the %(kind)s “%(name)s”: "
                "%(references)s",
                len(self.references),
            )
            % values
        )


def _owning_keys() -> set[models.ForeignKey]:
    """The foreign keys by which a row belongs to a record or to a copy of one: what their
    versions carry along (copies, images, roles, relations, claims) and their link tables."""
    keys = {*history.followed(Record), *history.followed(Copy)}
    for link in history.LINKS:
        keys.update(
            field
            for field in link._meta.concrete_fields
            if field.is_relation and field.related_model in (Record, Copy)
        )
    return keys


def _protected_links(model: type[models.Model], objects: list, owning: set) -> dict:
    """(kind, name, True) -> records whose rows point to ``objects`` by a protecting key."""
    by_pk = {obj.pk: obj for obj in objects}
    found = defaultdict(set)
    for relation in model._meta.related_objects:
        field = relation.field
        if relation.on_delete is not models.PROTECT:
            continue
        if field.model is Record:
            owner = "pk"
        else:
            owner = next(
                (
                    f.attname
                    for f in field.model._meta.concrete_fields
                    if f in owning and f.related_model is Record
                ),
                None,
            )
        if owner is None:
            continue
        pairs = field.model._base_manager.filter(**{f"{field.attname}__in": list(by_pk)})
        for parent_pk, record_pk in pairs.values_list(field.attname, owner):
            parent = by_pk[parent_pk]
            found[(str(parent._meta.verbose_name), str(parent), True)].add(record_pk)
    return found


def published_losses(model: type[models.Model], objects: list) -> list[Loss]:
    """What deleting ``objects`` would cut from published records, by what is lost.

    A row of a link table (a record's subject) loses the record the object it links to; any
    other row removed (a copy, an image, a relation to a deleted record) is lost itself.
    Links the database protects (a record's collection) are listed as kept. A few queries
    whatever the number of objects and links.
    """
    owning = _owning_keys()
    deleted = {obj.pk for obj in objects} if model is Record else set()
    # (kind, name, kept) of what is lost -> the records and the copies it belonged to
    records, copies = defaultdict(set), defaultdict(set)
    records.update(_protected_links(model, objects, owning))
    hanging = [(None, objects)] + list(history.removed_with(model, objects))
    for via, rows in hanging:
        for row in rows:
            lost = getattr(row, via.name) if via is not None and via.model in history.LINKS else row
            key = (str(lost._meta.verbose_name), str(lost), False)
            for field in row._meta.concrete_fields:
                value = getattr(row, field.attname) if field in owning else None
                if value is not None:
                    (copies if field.related_model is Copy else records)[key].add(value)
    all_copies = set().union(*copies.values())
    record_of = dict(Copy._base_manager.filter(pk__in=all_copies).values_list("pk", "record_id"))
    candidates = set().union(*records.values(), record_of.values())
    published = dict(
        Record.objects.filter(pk__in=candidates - deleted)
        .published()
        .values_list("pk", "reference_code")
    )
    losses = []
    for key in sorted({*records, *copies}):
        pks = records[key] | {record_of[pk] for pk in copies[key] if pk in record_of}
        references = tuple(sorted(published[pk] for pk in pks if pk in published))
        if references:
            losses.append(Loss(*key[:2], references, kept=key[2]))
    return losses


def _refusal(losses: list[Loss]) -> str:
    return _(
        "Nothing was deleted: only a curator can delete what published records link to. %s"
    ) % " ".join(f"{loss}." for loss in losses)


@admin.action(
    permissions=["delete"], description=gettext_lazy("Delete selected %(verbose_name_plural)s")
)
def delete_selected(modeladmin, request, queryset):
    """Django's own action, refused to an editor when published records would lose links,
    and showing them to a curator on the confirmation page."""
    losses = published_losses(queryset.model, list(queryset))
    if not may_delete(request.user, losses):
        modeladmin.message_user(request, _refusal(losses), messages.ERROR)
        return None
    response = actions.delete_selected(modeladmin, request, queryset)
    if response is not None:
        response.context_data["published_losses"] = losses
    return response


class DeletionMixin:
    """The delete page and the "delete selected" action, keeping published records' links."""

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None or may_publish(request.user):
            return True  # a curator's change form costs no query more
        return may_delete(request.user, published_losses(type(obj), [obj]))

    def get_actions(self, request):
        found = super().get_actions(request)
        if "delete_selected" in found:
            found["delete_selected"] = (
                delete_selected,
                "delete_selected",
                delete_selected.short_description,
            )
        return found

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        losses = published_losses(self.model, [obj]) if obj is not None else []
        if not may_delete(request.user, losses):
            if not super().has_delete_permission(request):
                raise PermissionDenied
            return self._refused(request, obj, losses)
        extra_context = {**(extra_context or {}), "published_losses": losses}
        return super().delete_view(request, object_id, extra_context)

    def _refused(self, request, obj, losses: list[Loss]) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": _("Cannot delete %(name)s") % {"name": self.opts.verbose_name},
            "subtitle": None,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "object": obj,
            "object_name": capfirst(self.opts.verbose_name),
            "published_losses": losses,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/catalogue/delete_refused.html", context, status=403)
