"""The admin's base form: refuses a save that would overwrite someone else's newer changes.

The change form carries the ``updated_at`` of the object as the curator opened it (the hidden
``opened_at`` input in ``admin/catalogue/change_form.html``). If the stored object has changed
since, the save is refused with a message naming who changed it, when, and which fields now
differ. The refused form keeps the time it was opened with, so saving it again is refused
again: the curator reloads the page and makes the change on the stored values.
"""

import datetime

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from catalogue.moments import parse_moment

from .widgets import KnownChoicesForm

OPENED_AT = "opened_at"


def _parse_time(value: str | None) -> datetime.datetime | None:
    return parse_moment(value) if isinstance(value, str) else None


def _shown(value, choices: dict | None = None) -> str:
    if value is None or value == "" or value == []:
        return _("(empty)")
    if isinstance(value, (list, tuple, QuerySet)):
        return ", ".join(str(item) for item in value) or _("(empty)")
    if choices:
        return str(choices.get(value, value))
    return str(value)


def _when(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class CatalogueForm(KnownChoicesForm):
    @property
    def opened_at(self) -> str:
        """The ``updated_at`` the curator opened, kept as submitted when the form is re-shown."""
        if self.is_bound and self.data.get(OPENED_AT):
            return self.data[OPENED_AT]
        stored_at = getattr(self.instance, "updated_at", None)
        return stored_at.isoformat() if self.instance.pk and stored_at else ""

    def clean(self):
        cleaned_data = super().clean()
        self.check_unchanged_since_opened()
        return cleaned_data

    def check_unchanged_since_opened(self) -> None:
        stored_at = getattr(self.instance, "updated_at", None)
        opened_at = _parse_time(self.data.get(OPENED_AT))
        if self.instance.pk is None or stored_at is None or opened_at is None:
            return
        if stored_at == opened_at:
            return
        differences = self.differences_from_stored() or [
            _("None of the fields above differ; the change is in the rows below them.")
        ]
        raise ValidationError(
            [self.conflict_headline(opened_at, stored_at), *differences], code="edit_conflict"
        )

    def conflict_headline(self, opened_at, stored_at) -> str:
        entry = (
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(self.instance),
                object_id=str(self.instance.pk),
                action_time__gt=opened_at,
            )
            .select_related("user")
            .order_by("-action_time")
            .first()
        )
        params = {"model": self.instance._meta.verbose_name, "when": _when(stored_at)}
        if entry is not None:
            params["who"] = entry.user.get_username()
            changed = _("%(who)s changed this %(model)s on %(when)s, after you opened it.")
        else:
            changed = _("This %(model)s was changed on %(when)s, after you opened it.")
        nothing_saved = _(
            "Nothing was saved. The fields below differ: your value, then the stored one. "
            "Reload the page to start from the stored values, then make your changes again."
        )
        return f"{changed % params} {nothing_saved}"

    def differences_from_stored(self) -> list[str]:
        stored = model_to_dict(self.instance, fields=list(self.fields))
        lines = []
        for name, field in self.fields.items():
            if name not in stored or field.disabled or isinstance(field, forms.FileField):
                continue
            if not field.has_changed(stored[name], self[name].data):
                continue
            model_field = self.instance._meta.get_field(name)
            stored_value = stored[name]
            if model_field.many_to_one:
                stored_value = getattr(self.instance, name)
            choices = None
            if model_field.choices:
                choices = dict(model_field.flatchoices)
            yours = self.cleaned_data.get(name, self[name].data)
            lines.append(
                _("%(field)s: yours “%(yours)s”, stored “%(stored)s”.")
                % {
                    "field": self[name].label,
                    "yours": _shown(yours, choices),
                    "stored": _shown(stored_value, choices),
                }
            )
        return lines
