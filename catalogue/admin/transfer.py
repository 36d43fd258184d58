"""Import and export in the admin: upload a file, read the dry run, then confirm it.

The uploaded bytes wait between the two steps in a file of ``CATALOGUE_IMPORT_DIR`` named by
a random token; the page carries that name inside a signed value with the file's digest and
the digest of the plan the curator saw. Confirming reads the file again, checks both digests
and plans it again against the catalogue as it is then: a file that changed, a plan that no
longer reads as previewed, or any error refuses the import and writes nothing.
"""

import hashlib
import io
import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.transfer import KINDS, WRITERS, ImportRefused, apply_import, export_rows, plan_import

IMPORT_PERMISSION = "catalogue.import_catalogue"
SIGNING_SALT = "catalogue.admin.import"
# A preview must be confirmed within a day; files left behind longer are removed.
PENDING_SECONDS = 24 * 60 * 60
# Rows listed on a preview page; the counts and every error are always shown in full.
PREVIEW_ROWS = 1000


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (CSV or JSON, UTF-8)"))
    kind = forms.ChoiceField(
        label=gettext_lazy("What the file holds"), choices=[(name, name) for name in KINDS]
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.CATALOGUE_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "This file is %(size)s; the admin imports files of up to %(limit)s. "
                    "Import a larger file on the server with the command: "
                    "python manage.py import_catalogue %(file)s"
                )
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(limit),
                    "file": upload.name,
                }
            )
        return upload


def _pending_dir() -> Path:
    directory = Path(settings.CATALOGUE_IMPORT_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _remove_stale(directory: Path) -> None:
    cutoff = time.time() - PENDING_SECONDS
    for pattern in ("*.upload", "*.confirmed"):
        for item in directory.glob(pattern):
            try:
                if item.stat().st_mtime < cutoff:
                    item.unlink(missing_ok=True)
            except FileNotFoundError:
                pass


def _claim(name: str) -> Path | None:
    """Take the waiting file for one confirmation only: a rename happens once, atomically.

    The file is renamed to ``<name>.confirmed``, which stays (emptied) until it is stale, so a
    second confirmation of the same preview can be told apart from an expired one.
    """
    directory = _pending_dir()
    claimed = directory / f"{name}.confirmed"
    try:
        (directory / f"{name}.upload").rename(claimed)
    except FileNotFoundError:
        return None
    return claimed


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def plan_digest(plan) -> str:
    """A fingerprint of what the plan would do, row by row."""
    summary = [(row.number, row.action, sorted(row.changes.items())) for row in plan.rows]
    return _digest(repr(summary).encode())


def _keep(data: bytes) -> str:
    directory = _pending_dir()
    _remove_stale(directory)
    name = secrets.token_hex(16)
    (directory / f"{name}.upload").write_bytes(data)
    return name


def _export_action(format: str):
    def export_selected(modeladmin, request, queryset):
        return modeladmin._export_selected(request, queryset, format)

    return export_selected


class TransferMixin:
    """Adds "Import" and "Export" to the changelist of a model that ``transfer_kind`` names."""

    transfer_kind = ""
    import_template = "admin/catalogue/import.html"

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name=f"{prefix}_import"),
            path("export/<str:format>/", view(self.export_view), name=f"{prefix}_export"),
            *super().get_urls(),
        ]

    def has_import_permission(self, request) -> bool:
        return request.user.has_perm(IMPORT_PERMISSION)

    def has_export_permission(self, request) -> bool:
        return self.has_view_or_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_import": self.has_import_permission(request),
            "export_formats": list(WRITERS) if self.has_export_permission(request) else [],
        }
        return super().changelist_view(request, extra_context)

    # Export

    def _download(self, format: str, queryset=None) -> HttpResponse:
        kind = KINDS[self.transfer_kind]
        stream = io.StringIO()
        WRITERS[format](kind, export_rows(kind, queryset), stream)
        content_type = "text/csv" if format == "csv" else "application/json"
        response = HttpResponse(stream.getvalue(), content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{kind.name}.{format}"'
        return response

    def export_view(self, request, format: str):
        if not self.has_export_permission(request):
            raise PermissionDenied
        if format not in WRITERS:
            raise PermissionDenied
        return self._download(format)

    def _export_selected(self, request, queryset, format: str):
        kind = KINDS[self.transfer_kind]
        return self._download(format, kind.export_queryset().filter(pk__in=queryset.values("pk")))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_export_permission(request):
            for format in WRITERS:
                name = f"export_{format}"
                description = _("Export selected as %(format)s") % {"format": format.upper()}
                actions[name] = (_export_action(format), name, description)
        return actions

    # Import

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "token" in request.POST:
            return self._confirm(request)
        form = ImportForm(
            request.POST or None, request.FILES or None, initial={"kind": self.transfer_kind}
        )
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            return self._preview(request, data, upload.name, form.cleaned_data["kind"])
        return self._render(request, form=form)

    def _plan(self, request, data: bytes, filename: str, kind: str, keep_objects=True):
        return plan_import(
            io.BytesIO(data), filename, kind=kind, user=request.user, keep_objects=keep_objects
        )

    def _preview(self, request, data: bytes, filename: str, kind: str, notice: str = ""):
        # A preview is shown, never applied: confirming plans the file again.
        plan = self._plan(request, data, filename, kind, keep_objects=False)
        token = ""
        if not plan.has_errors:
            token = signing.dumps(
                {
                    "name": _keep(data),
                    "filename": filename,
                    "kind": kind,
                    "user": request.user.pk,
                    "file": _digest(data),
                    "plan": plan_digest(plan),
                },
                salt=SIGNING_SALT,
            )
        return self._render(request, plan=plan, token=token, notice=notice)

    def _confirm(self, request):
        try:
            pending = signing.loads(
                request.POST["token"], salt=SIGNING_SALT, max_age=PENDING_SECONDS
            )
        except signing.BadSignature:
            return self._refuse(request, _("This preview has expired or is not valid."))
        if pending["user"] != request.user.pk:
            raise PermissionDenied
        stored = _claim(pending["name"])
        if stored is None:
            if (_pending_dir() / f"{pending['name']}.confirmed").exists():
                return self._refuse(request, _("This import was already confirmed."))
            return self._refuse(request, _("This preview was already imported or has expired."))
        try:
            data = stored.read_bytes()
        finally:
            # Emptied, not removed: the name still says the preview was confirmed.
            stored.write_bytes(b"")
        if _digest(data) != pending["file"]:
            return self._refuse(request, _("The uploaded file changed since the preview."))
        plan = self._plan(request, data, pending["filename"], pending["kind"])
        if plan.has_errors or plan_digest(plan) != pending["plan"]:
            notice = _(
                "The catalogue changed since the preview, so nothing was imported. "
                "This is the file read again: check it and confirm again."
            )
            return self._preview(request, data, pending["filename"], pending["kind"], notice)
        try:
            counts = apply_import(plan, user=request.user)
        except ImportRefused as error:
            return self._refuse(request, str(error))
        self.message_user(
            request,
            _("Imported %(file)s: %(create)d created, %(update)d updated, %(unchanged)d unchanged.")
            % {"file": plan.filename, **counts},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        )

    def _refuse(self, request, message: str):
        self.message_user(
            request, _("Nothing was imported. %(reason)s") % {"reason": message}, messages.ERROR
        )
        return HttpResponseRedirect(request.path)

    def _render(self, request, **context):
        plan = context.get("plan")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import %(models)s") % {"models": self.opts.verbose_name_plural},
            "subtitle": None,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "rows": plan.rows[:PREVIEW_ROWS] if plan else [],
            "rows_left_out": max(len(plan.rows) - PREVIEW_ROWS, 0) if plan else 0,
            **context,
        }
        return TemplateResponse(request, self.import_template, context)
