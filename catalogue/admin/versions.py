"""History in the admin: every save, delete and publication is a revision that can be undone.

A change form's "History" page lists each revision of the object with who, when, why and a
field-by-field diff against the version before it; a version can be reverted to, after a
confirmation page. Each changelist links to the deleted objects of its model, which can be
recovered with what they carried along (a record's copies, images and roles).

Curators may revert and recover anything; editors only what they may change (drafts);
viewers read the history and nothing more.
"""

import json

import reversion
from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from reversion.models import Version

from catalogue import history, publishing


def _comment(message) -> str:
    """The text of an admin change message (a string, or the admin's list of changes)."""
    if isinstance(message, str):
        return message
    return LogEntry(change_message=json.dumps(message)).get_change_message()


class HistoryMixin:
    """Revisions for every admin save, delete and publication; history, revert and recover."""

    object_history_template = "admin/catalogue/object_history.html"

    # Writing revisions

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        # One revision for the object and its inline rows, signed by the curator.
        with history.revision(request.user):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._comment_revision(message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._comment_revision(message)
        return entry

    def _comment_revision(self, message) -> None:
        if reversion.is_active():
            reversion.set_comment(_comment(message) or _("No fields changed."))

    def delete_model(self, request, obj):
        history.delete(obj, request.user)

    def delete_queryset(self, request, queryset):
        history.delete_all(queryset, request.user)

    # Reading, reverting, recovering

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("recover/", view(self.recover_list_view), name=f"{prefix}_recoverlist"),
            path(
                "recover/<int:version_id>/",
                view(self.recover_view),
                name=f"{prefix}_recover",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/revert/",
                view(self.revert_view),
                name=f"{prefix}_revert",
            ),
            *super().get_urls(),
        ]

    def _may_change_as_kept(self, request, version) -> bool:
        """Whether the user may change the object as ``version`` keeps it."""
        try:
            return self.has_change_permission(request, version._object_version.object)
        except ObjectDoesNotExist:
            # What it belonged to is gone; restoring it will say so.
            return self.has_change_permission(request)

    def may_revert(self, request, obj, version) -> bool:
        """Whether the user may change ``obj`` now, and may change it as ``version`` has it."""
        if not self.has_change_permission(request, obj):
            return False
        return self._may_change_as_kept(request, version)

    def may_recover(self, request, version=None) -> bool:
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            return False
        return version is None or self._may_change_as_kept(request, version)

    def _restore(self, request, restore, version):
        """``restore(version, user)``, or None with a message when the database refuses it."""
        try:
            return restore(version, request.user)
        except publishing.NotReady as error:
            self.message_user(
                request,
                _(
                    "Nothing was restored: %(object)s is published in that version, and as it "
                    "would be now it lacks what publication needs. %(reason)s Restore a draft "
                    "version, or complete the record and publish it."
                )
                % {"object": version.object_repr, "reason": error},
                messages.ERROR,
            )
            return None
        except (IntegrityError, ObjectDoesNotExist) as error:
            self.message_user(
                request,
                _(
                    "Nothing was restored: %(object)s conflicts with the catalogue as it is now, "
                    "or what it belonged to no longer exists (%(error)s)."
                )
                % {"object": version.object_repr, "error": error},
                messages.ERROR,
            )
            return None

    def _context(self, request, title, **context):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            **context,
        }

    def _to_change_form(self, obj) -> HttpResponseRedirect:
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
        return HttpResponseRedirect(reverse(name, args=[obj.pk], current_app=self.admin_site.name))

    def _object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("There is no such %(model)s.") % {"model": self.opts.verbose_name})
        return obj

    def history_view(self, request, object_id, extra_context=None):
        obj = self._object(request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        entries = history.versions_of(obj)
        may_change = self.has_change_permission(request, obj)
        rows = []
        for index, entry in enumerate(entries):
            older = entries[index + 1].version if index + 1 < len(entries) else None
            rows.append(
                {
                    "entry": entry,
                    "changes": history.diff(older, entry.version) if older else None,
                    "may_revert": index > 0
                    and may_change
                    and self.may_revert(request, obj, entry.version),
                }
            )
        context = self._context(
            request,
            _("Change history: %s") % obj,
            object=obj,
            rows=rows,
            **(extra_context or {}),
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def revert_view(self, request, object_id, version_id):
        obj = self._object(request, object_id)
        version = get_object_or_404(
            Version.objects.get_for_object(obj).select_related("revision__user"), pk=version_id
        )
        if not self.may_revert(request, obj, version):
            raise PermissionDenied
        if request.method == "POST":
            obj = self._restore(request, history.revert, version)
            if obj is None:
                return HttpResponseRedirect(request.path)
            self.log_change(request, obj, history.versions_of(obj)[0].comment)
            self.message_user(
                request, _("%(object)s was reverted to an earlier version.") % {"object": obj}
            )
            return self._to_change_form(obj)
        context = self._context(
            request,
            _("Revert %(object)s") % {"object": obj},
            object=obj,
            version=version,
            changes=history.changes_to_revert(version, obj),
            carried=history.carried_along(version),
        )
        return TemplateResponse(request, "admin/catalogue/revert_confirmation.html", context)

    def recover_list_view(self, request):
        if not self.may_recover(request):
            raise PermissionDenied
        context = self._context(
            request,
            _("Recover deleted %(models)s") % {"models": self.opts.verbose_name_plural},
            versions=history.deleted_versions(self.model),
        )
        return TemplateResponse(request, "admin/catalogue/recover_list.html", context)

    def recover_view(self, request, version_id):
        version = (
            Version.objects.get_deleted(self.model)
            .filter(pk=version_id)
            .select_related("revision__user")
            .first()
        )
        if version is None:
            raise Http404(
                _("There is no deleted %(model)s to recover there.")
                % {"model": self.opts.verbose_name}
            )
        if not self.may_recover(request, version):
            raise PermissionDenied
        if request.method == "POST":
            obj = self._restore(request, history.recover, version)
            if obj is None:
                return HttpResponseRedirect(request.path)
            self.log_addition(request, obj, _("Recovered"))
            self.message_user(request, _("%(object)s was recovered.") % {"object": obj})
            return self._to_change_form(obj)
        context = self._context(
            request,
            _("Recover %(object)s") % {"object": version.object_repr},
            version=version,
            carried=history.recovered_along(version),
        )
        return TemplateResponse(request, "admin/catalogue/recover_confirmation.html", context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_recover": self.may_recover(request)}
        return super().changelist_view(request, extra_context)
